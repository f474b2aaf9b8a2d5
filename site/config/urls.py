from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# Every public page lives under its language: /en/, /fil/, /id/, ...
urlpatterns += i18n_patterns(
    path("reviews/", include("reviews.urls")),  # before Wagtail's catch-all
    path("moderation/", include("moderation.urls")),
    path("search/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "config.views.bad_request"
handler500 = "config.views.server_error"
