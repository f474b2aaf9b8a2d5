from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import render
from django.template import engines
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

# The friendly error page with a heading and a message of the view's choosing (error.html takes them as blocks).
ERROR_PAGE = (
    '{% extends "error.html" %}{% block title %}{{ heading }} · Lantern{% endblock %}'
    "{% block heading %}{{ heading }}{% endblock %}{% block message %}{{ message }}{% endblock %}"
)


@requires_csrf_token
def server_error(request):
    """The 500 page, in the visitor's language and with the site's navigation (Django's default renders without the request)."""
    return render(request, "500.html", status=500)


def bad_request(request, exception=None):
    """A request Django cannot take (a form larger than it accepts, a malformed one): a 400 page in the visitor's
    language that says nothing was stored."""
    content = engines["django"].from_string(ERROR_PAGE).render({
        "heading": _("This could not be sent"),
        "message": _("What you sent was too large or damaged, so nothing was stored. Go back, shorten your text and "
                     "send it again."),
    }, request)
    return HttpResponseBadRequest(content)


def csrf_failure(request, reason=""):
    """A form sent without its security token (an old page, cookies off, or another site posting it): a 403 page that
    says what to do, in the visitor's language, instead of Django's page for developers. Nothing was stored."""
    content = engines["django"].from_string(ERROR_PAGE).render({
        "heading": _("This form has expired"),
        "message": _("For your safety, a form works only for a while, and only in the browser that opened it. Nothing "
                     "was sent. Go back, reload the page and send the form again. Your browser must accept cookies "
                     "from this site."),
    }, request)
    return HttpResponseForbidden(content)
