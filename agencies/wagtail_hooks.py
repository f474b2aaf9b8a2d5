"""Agencies, registry sources and refresh runs in the Wagtail admin; held runs are confirmed or rejected here."""

from django import forms
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSetGroup

from agencies.models import Agency, RefreshRun, Source
from agencies.services import refresh_run_confirm, refresh_run_reject
from config.run_admin import KeptViewSet, RunViewSet


class AgencyViewSet(KeptViewSet):  # a refresh never deletes, and reviews hang on agencies
    model = Agency
    icon = "group"
    menu_label = gettext_lazy("Agencies")
    list_display = ["name", "licence_number", "country", "status", "fetched_at"]
    list_filter = ["country", "status", "source"]
    search_fields = ["name", "licence_number"]
    form_fields = ["address", "phone", "email", "website"]
    inspect_view_enabled = True


class SourceForm(WagtailAdminModelForm):
    url = forms.URLField(label=gettext_lazy("public URL"), assume_scheme="https", max_length=200)

    class Meta:
        model = Source
        fields = ["name", "registry", "url", "max_change_share", "min_row_share"]


class SourceViewSet(KeptViewSet):
    model = Source
    icon = "site"
    menu_label = gettext_lazy("Registry sources")
    list_display = ["name", "key", "country", "format"]

    def get_form_class(self, for_update=False):
        return SourceForm


def _changes(entry):
    """A changed agency's fields, each as before → after."""
    return "; ".join(f"{field}: {before or '–'} → {after or '–'}" for field, (before, after) in entry.get("changes", {}).items())


class RefreshRunViewSet(RunViewSet):
    model = RefreshRun
    menu_label = gettext_lazy("Refresh runs")
    list_display = ["__str__", "state", "rows", "added", "changed", "missing", "rejected"]
    list_filter = ["state", "source"]
    inspect_view_fields = ["source", "state", "reason", "started_at", "finished_at", "fetched_at", "rows", "added",
                           "changed", "unchanged", "missing", "rejected", "decided_by", "decided_at"]
    decide_permission = "agencies.decide_refreshrun"
    confirm_service = staticmethod(refresh_run_confirm)
    reject_service = staticmethod(refresh_run_reject)
    applied_message = gettext_lazy("The run was applied: %(added)s added, %(changed)s changed, %(missing)s missing.")
    preview_columns = [(gettext_lazy("Licence number"), "licence_number"), (gettext_lazy("Name"), "name"),
                       (gettext_lazy("Changes"), _changes)]


class AgenciesGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Agencies")
    menu_icon = "group"
    items = (AgencyViewSet("agencies_agency"), SourceViewSet("agencies_source"), RefreshRunViewSet("agencies_refreshrun"))


@hooks.register("register_admin_viewset")
def register_agencies():
    return AgenciesGroup()
