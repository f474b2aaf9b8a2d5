"""Lantern's content in the Wagtail admin."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import SupportOrganisation
from content.selectors import stale_pages


class SupportOrganisationViewSet(SnippetViewSet):
    """The support directory's organisations, in their own menu item: editors keep their contacts up to date."""

    model = SupportOrganisation
    icon = "help"
    menu_label = gettext_lazy("Support directory")
    add_to_admin_menu = True
    list_display = ["name", "kind", "verified_on", BooleanColumn("is_sample", label=gettext_lazy("Sample"))]
    list_filter = ["kind", "is_sample"]
    search_fields = ["name"]


register_snippet(SupportOrganisationViewSet)


class StaleContentPanel(Component):
    """On the admin's home page: the guides and provider pages past their review date, the longest overdue first,
    each linked to its editor."""

    name = "stale_content"
    order = 140  # before the readers' error reports
    template_name = "content/admin/stale_content_panel.html"
    shown = 20

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        pages = stale_pages(today=today)
        return {
            "pages": [{"page": page, "days": (today - page.review_due_on).days,
                       "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])} for page in pages[:self.shown]],
            "more": max(len(pages) - self.shown, 0),
        }


@hooks.register("construct_homepage_panels")
def add_stale_content_panel(request, panels):
    if PagePermissionPolicy().user_has_permission(request.user, "change"):  # editors, fact-checkers, administrators
        panels.append(StaleContentPanel())
