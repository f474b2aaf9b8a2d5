"""The site's URLs plus one that fails, to see the 500 page as a visitor would."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("a deliberate failure for the 500 page test")


urlpatterns = i18n_patterns(path("fail/", fail)) + site_urlpatterns
handler500 = "config.views.server_error"
