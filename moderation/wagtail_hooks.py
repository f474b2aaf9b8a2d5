"""Readers' reports of errors in content pages ("Is something wrong here?") in the Wagtail admin, for editors and
fact-checkers: a listing with the open reports first, each report with its page (live, and in the editor), the
passage quoted and what the reader says is wrong, and the form that moves it on (being checked, corrected, or no
change needed) with a note; and a panel on the admin's home page that says how many are open.

Readers write the reports (moderation.views.content_report) and moderation.services.content_report_resolve moves
them on; there is no add, edit or delete view. Moving one on is a POST with a CSRF token and needs the permission
to change content reports (editors and fact-checkers have it: moderation's roles migration); seeing one needs the
permission to view them.
"""

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db.models import Case, F, Value, When
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.generic import InspectView

from config.run_admin import NOTE_LENGTH, NoteForm, ReadOnlyViewSet
from moderation import selectors
from moderation.models import ContentReport
from moderation.services import content_report_resolve

CHANGE = "moderation.change_contentreport"
State = ContentReport.State
MOVES = (State.CHECKING, State.CORRECTED, State.NO_CHANGE)  # where an editor can move a report
RESOLVED = (State.CORRECTED, State.NO_CHANGE)

# Open reports first, then those being checked, each the longest waiting first; then the resolved ones, newest first.
OPEN_FIRST = [
    Case(When(state=State.OPEN, then=Value(0)), When(state=State.CHECKING, then=Value(1)), default=Value(2)),
    Case(When(state__in=(State.OPEN, State.CHECKING), then=F("created_at"))).asc(nulls_last=True),
    F("created_at").desc(),
    F("pk").desc(),
]


class ResolveForm(NoteForm):
    """Where a report moves on to, and why (the note as plain text, cut as every decision's note)."""

    state = forms.ChoiceField(
        choices=[(state.value, state.label) for state in MOVES],
        error_messages={"required": gettext_lazy("Choose where the report moves on to."),
                        "invalid_choice": gettext_lazy("Choose where the report moves on to.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("state") in RESOLVED and not data.get("note"):
            raise ValidationError(_("Say what was corrected, or why no change is needed."))
        return data


class ContentReportFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(label=gettext_lazy("language"), choices=settings.LANGUAGES)

    class Meta:
        model = ContentReport
        fields = ["state", "language"]


class ContentReportInspectView(InspectView):
    """The report: its page (live, and in the editor), the passage quoted, what is wrong, and the form to move it on."""

    template_name = "moderation/admin/content_report_inspect.html"
    resolve_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        page = report.page
        context.update(
            report=report,
            live_url=page.full_url if page is not None and page.live else "",
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]) if page is not None else "",
            moves=[(state.value, state.label) for state in MOVES] if self.request.user.has_perm(CHANGE) else [],
            resolve_url=reverse(self.resolve_url_name, args=[quote(report.pk)]),
            note_length=NOTE_LENGTH,
        )
        return context


class ContentReportResolveView(View):
    """POST only: moves a report on through moderation.services.content_report_resolve, then returns to it."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk):
        if not request.user.has_perm(CHANGE):
            # A plain 403, not Wagtail's redirect to the dashboard: the request is refused, not rerouted.
            return HttpResponseForbidden(_("You may not move reports of errors in pages on."), content_type="text/plain")
        report = get_object_or_404(ContentReport, pk=pk)
        form = ResolveForm(request.POST)
        if form.is_valid():
            state = State(form.cleaned_data["state"])
            content_report_resolve(report=report, user=request.user, state=state, resolution=form.cleaned_data["note"])
            messages.success(request, _("The report is now: %(state)s.") % {"state": state.label})
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect(self.inspect_url_name, quote(report.pk))


class ContentReportViewSet(ReadOnlyViewSet):
    model = ContentReport
    icon = "help"
    menu_label = gettext_lazy("Content error reports")
    add_to_admin_menu = True
    menu_order = 250  # next to Pages, which the reports are about
    list_display = ["page_title", "state", "language", DateColumn("created_at", label=gettext_lazy("Reported"),
                                                                     sort_key="created_at")]
    filterset_class = ContentReportFilterSet
    ordering = OPEN_FIRST
    inspect_view_class = ContentReportInspectView

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(resolve_url_name=self.get_url_name("resolve"), **kwargs)

    @cached_property
    def resolve_view(self):
        return self.construct_view(ContentReportResolveView, inspect_url_name=self.get_url_name("inspect"))

    def extra_urlpatterns(self):
        return [path(f"resolve/<{self.pk_path_converter}:pk>/", self.resolve_view, name="resolve")]


content_reports = ContentReportViewSet("moderation_contentreport")


class OpenContentReportsPanel(Component):
    """On the admin's home page: how many reports of errors in pages are open, with a link to them."""

    name = "content_error_reports"
    order = 150
    template_name = "moderation/admin/content_reports_panel.html"

    def get_context_data(self, parent_context):
        return {"open": selectors.content_reports_open_count(),
                "url": f"{reverse(content_reports.get_url_name('index'))}?state={State.OPEN.value}"}


@hooks.register("register_admin_viewset")
def register_content_reports():
    return content_reports


@hooks.register("construct_homepage_panels")
def add_content_reports_panel(request, panels):
    if request.user.has_perm(CHANGE):
        panels.append(OpenContentReportsPanel())
