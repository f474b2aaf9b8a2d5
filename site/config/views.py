from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    """The 500 page, in the visitor's language and with the site's navigation (Django's default renders without the request)."""
    return render(request, "500.html", status=500)


def bad_request(request, exception=None):
    """A request Django cannot take (a form larger than it accepts, a malformed one): a 400 page in the visitor's
    language that says nothing was stored."""
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    """A form sent without its security token (an old page, cookies off, or another site posting it): a 403 page that
    says what to do, in the visitor's language, instead of Django's page for developers. Nothing was stored."""
    return render(request, "403_csrf.html", status=403)
