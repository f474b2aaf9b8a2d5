"""Records that only services write, in the Wagtail admin (ReadOnlyViewSet), and import runs among them, shared by
agency registry refreshes and price imports: a read-only listing, an inspect view of what a run found, and the
decision a person with the permission takes on a held run. Records that editors add and edit, but that stored data
hangs on, are never deleted there (KeptViewSet).

A viewset names its run model (see config.runs), the permission to decide ("app.codename"), the confirm and
reject services (keyword-only: run, user, and note for rejecting), the message for an applied run and the
columns of its preview rows. Runs are written by their import services only: there is no add, edit, copy or
delete view, so neither buttons nor URLs for them.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from config.text import plain_text

NOTE_LENGTH = 1000  # characters of a rejection note that are kept
KINDS = {
    "added": gettext_lazy("added"),
    "changed": gettext_lazy("changed"),
    "unchanged": gettext_lazy("unchanged"),
    "missing": gettext_lazy("missing"),
    "rejected": gettext_lazy("rejected"),
}


class NoteForm(forms.Form):
    """A decision's note for the audit trail, as plain text cut to NOTE_LENGTH."""

    note = forms.CharField(required=False)

    def clean_note(self):
        """Only the start of a long note is read (sanitising is costly)."""
        try:
            return plain_text(self.cleaned_data["note"][: 4 * NOTE_LENGTH])[:NOTE_LENGTH]
        except ValueError:
            raise ValidationError(_("The note has control characters; write it again as plain text.")) from None


class RunDecisionForm(NoteForm):
    action = forms.ChoiceField(
        choices=[("confirm", gettext_lazy("Confirm and apply")), ("reject", gettext_lazy("Reject"))],
        error_messages={"required": gettext_lazy("Choose to confirm or to reject the run."),
                        "invalid_choice": gettext_lazy("Choose to confirm or to reject the run.")},
    )


class RunInspectView(InspectView):
    """The run's fields, the first rows of each kind it found, and for a held run the decision form."""

    template_name = "admin/run_inspect.html"
    decide_permission = None
    decide_url_name = None
    preview_columns = ()  # (label, key of a preview entry or a function of the entry)

    def preview_value(self, entry, column):
        if callable(column):
            return column(entry)
        value = entry.get(column)
        return "" if value is None else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        held = run.state == run.State.HELD
        context.update(
            held=held,
            can_decide=held and self.request.user.has_perm(self.decide_permission),
            decide_url=reverse(self.decide_url_name, args=[quote(run.pk)]),
            note_length=NOTE_LENGTH,
            preview_labels=[_("Kind"), *(label for label, _column in self.preview_columns)],
            preview_rows=[
                [KINDS.get(entry.get("kind"), entry.get("kind")),
                 *(self.preview_value(entry, column) for _label, column in self.preview_columns)]
                for entry in run.preview
            ],
        )
        return context


class RunDecideView(View):
    """POST only: confirms or rejects a held run, says what happened, and returns to the run."""

    http_method_names = ["post"]
    model = None
    decide_permission = None
    confirm_service = None
    reject_service = None
    applied_message = None
    inspect_url_name = None

    def post(self, request, pk):
        if not request.user.has_perm(self.decide_permission):
            # A plain 403, not Wagtail's redirect to the dashboard: the request is refused, not rerouted.
            return HttpResponseForbidden(_("You may not confirm or reject import runs."), content_type="text/plain")
        run = get_object_or_404(self.model, pk=pk, state=self.model.State.HELD)
        form = RunDecisionForm(request.POST)
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, " ".join(error))
        elif form.cleaned_data["action"] == "confirm":
            self.confirm(run)
        else:
            self.reject_service(run=run, user=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The run was rejected; nothing from it was applied."))
        return redirect(self.inspect_url_name, quote(run.pk))

    def confirm(self, run):
        try:
            self.confirm_service(run=run, user=self.request.user)
        except FileNotFoundError:
            messages.error(self.request, _("The run's held input is missing, so nothing was applied. "
                                           "Reject the run and import again."))
            return
        if run.state == run.State.APPLIED:
            counts = {field.attname: field.value_from_object(run) for field in run._meta.concrete_fields}
            messages.success(self.request, self.applied_message % counts)
        else:
            messages.error(self.request, _("The run could not be applied; its reason says why. Nothing from it was applied."))


class ListingViewSet(ModelViewSet):
    """A viewset whose listing reads the related records its columns show (list_display, __str__) in its one query:
    name them in `list_select_related`."""

    list_select_related = ()

    def get_index_view_kwargs(self, **kwargs):
        if self.list_select_related:
            kwargs["queryset"] = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(**kwargs)


class ReadOnlyViewSet(ListingViewSet):
    """A viewset of records written only by services (runs, reviews, the audit log): a listing and an inspect view,
    plus the routes a subclass adds in `extra_urlpatterns`; no add, edit, copy, delete, history or usage view is built
    or routed, so there is neither a button nor a URL for one."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False  # nothing here is what an editor would look up the usage of

    def get_common_view_kwargs(self, **kwargs):
        unrouted = dict.fromkeys(["add_url_name", "edit_url_name", "delete_url_name", "history_url_name", "usage_url_name"])
        return super().get_common_view_kwargs(**{**unrouted, **kwargs})

    @property
    def url_finder_class(self):
        """Links to a record (from logs and reports) lead to its inspect view; there is no edit view."""
        return type("ReadOnlyAdminURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")})

    def extra_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
            *self.extra_urlpatterns(),
        ]


class KeptViewSet(ListingViewSet):
    """A viewset of records that are added and edited in the admin but never deleted there, because stored data hangs
    on them (a protected key would refuse the delete with a server error, or a cascade would take stored rows with it):
    no delete view is built or routed, so there is neither a button nor a URL for one."""

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"delete_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "delete"]


class RunViewSet(ReadOnlyViewSet):
    """A read-only viewset of an import run model, with the inspect view and the decision on held runs.

    Set decide_permission, confirm_service and reject_service (as staticmethod), applied_message (a text with
    %(field)s placeholders for the run's fields) and preview_columns.
    """

    decide_permission = None
    confirm_service = None
    reject_service = None
    applied_message = None
    preview_columns = ()
    icon = "history"
    inspect_view_class = RunInspectView
    decide_view_class = RunDecideView

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            decide_permission=self.decide_permission, decide_url_name=self.get_url_name("decide"),
            preview_columns=self.preview_columns, **kwargs,
        )

    @cached_property
    def decide_view(self):
        return self.construct_view(
            self.decide_view_class, decide_permission=self.decide_permission, confirm_service=self.confirm_service,
            reject_service=self.reject_service, applied_message=self.applied_message,
            inspect_url_name=self.get_url_name("inspect"),
        )

    def extra_urlpatterns(self):
        return [path(f"decide/<{self.pk_path_converter}:pk>/", self.decide_view, name="decide")]
