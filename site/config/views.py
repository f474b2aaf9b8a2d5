from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    """The 500 page, in the visitor's language and with the site's navigation (Django's default renders without the request)."""
    return render(request, "500.html", status=500)
