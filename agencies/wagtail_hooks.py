"""Agencies, registry sources and refresh runs in the Wagtail admin; held runs are confirmed or rejected here."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.views.generic import InspectView

from agencies.models import Agency, RefreshRun, Source
from agencies.services import refresh_run_confirm, refresh_run_reject


class AgencyViewSet(ModelViewSet):
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


class SourceViewSet(ModelViewSet):
    model = Source
    icon = "site"
    menu_label = gettext_lazy("Registry sources")
    list_display = ["name", "key", "country", "format"]

    def get_form_class(self, for_update=False):
        return SourceForm


class RefreshRunInspectView(InspectView):
    template_name = "agencies/admin/refresh_run_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        context["can_decide"] = run.state == RefreshRun.State.HELD and self.request.user.has_perm("agencies.decide_refreshrun")
        context["decide_url"] = reverse("agencies_refreshrun:decide", args=[run.pk])
        return context


class RefreshRunViewSet(ModelViewSet):
    model = RefreshRun
    icon = "history"
    menu_label = gettext_lazy("Refresh runs")
    list_display = ["__str__", "state", "rows", "added", "changed", "missing", "rejected"]
    list_filter = ["state", "source"]
    form_fields = ["reason"]
    add_to_reference_index = False  # a run refers to nothing an editor would look up usage of
    inspect_view_enabled = True
    inspect_view_class = RefreshRunInspectView
    inspect_view_fields = ["source", "state", "reason", "started_at", "finished_at", "fetched_at", "rows", "added",
                           "changed", "unchanged", "missing", "rejected", "decided_by", "decided_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("decide/<int:pk>/", self.decide_view, name="decide")]

    @staticmethod
    @require_POST
    def decide_view(request, pk):
        if not request.user.has_perm("agencies.decide_refreshrun"):
            raise PermissionDenied
        run = get_object_or_404(RefreshRun, pk=pk, state=RefreshRun.State.HELD)
        if request.POST.get("action") == "confirm":
            refresh_run_confirm(run=run, user=request.user)
            messages.success(request, _("The run was applied: %(added)s added, %(changed)s changed, %(missing)s missing.")
                             % {"added": run.added, "changed": run.changed, "missing": run.missing})
        elif request.POST.get("action") == "reject":
            refresh_run_reject(run=run, user=request.user, note=request.POST.get("note", "")[:1000])
            messages.success(request, _("The run was rejected; nothing from it was applied."))
        else:
            messages.error(request, _("Choose to confirm or to reject the run."))
        return redirect("agencies_refreshrun:inspect", pk)


class AgenciesGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Agencies")
    menu_icon = "group"
    items = (AgencyViewSet("agencies_agency"), SourceViewSet("agencies_source"), RefreshRunViewSet("agencies_refreshrun"))


@hooks.register("register_admin_viewset")
def register_agencies():
    return AgenciesGroup()
