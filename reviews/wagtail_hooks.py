"""Reviews in the Wagtail admin: moderators publish or reject reviews and replies with a reason from the list, see
visitors' reports and the audit log, and verify agencies' representatives; editors record legal fee caps.

Reviews and replies are never edited here: a moderator publishes or rejects them (the moderation issue adds
redaction with a record of what was hidden). The moderation queue of issue 6 builds on these screens.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from config.run_admin import ListingViewSet, NOTE_LENGTH, ReadOnlyViewSet, RunDecisionForm
from moderation.models import AuditEntry, Reason, Report
from reviews.models import REPRESENTATIVES_GROUP, FeeCap, Reply, Representative, Review, Status
from reviews.services import ReviewError, reply_decide, review_decide

MODERATE = "reviews.moderate_review"


class DecisionForm(RunDecisionForm):
    """A moderator's decision: the note is cleaned as on an import run's decision; rejecting needs a reason."""

    action = forms.ChoiceField(choices=[("publish", gettext_lazy("Publish")), ("reject", gettext_lazy("Reject"))],
                               error_messages={"required": gettext_lazy("Choose to publish or to reject."),
                                               "invalid_choice": gettext_lazy("Choose to publish or to reject.")})
    reason = forms.ChoiceField(required=False, choices=[("", "—"), *Reason.choices])

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not data.get("reason"):
            raise ValidationError(_("Choose the reason for rejecting from the list."))
        return data


class DecisionInspectView(InspectView):
    """The item as readers would see it, and for a pending one the moderator's decision."""

    template_name = "reviews/admin/decision_inspect.html"
    decide_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context.update(
            can_decide=item.status == Status.PENDING and self.request.user.has_perm(MODERATE),
            decide_url=reverse(self.decide_url_name, args=[quote(item.pk)]),
            decision_form=DecisionForm(), item=item, review=getattr(item, "review", item), note_length=NOTE_LENGTH,
        )
        return context


class DecideView(View):
    """POST only: publishes or rejects a pending review or reply through its service, then returns to it."""

    http_method_names = ["post"]
    model = None
    decide_service = None
    inspect_url_name = None

    def post(self, request, pk):
        if not request.user.has_perm(MODERATE):
            return HttpResponseForbidden(_("You may not publish or reject reviews."), content_type="text/plain")
        item = get_object_or_404(self.model, pk=pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, " ".join(error))
            return redirect(self.inspect_url_name, quote(item.pk))
        publish = form.cleaned_data["action"] == "publish"
        try:
            self.decide_service(item, moderator=request.user, publish=publish, reason=form.cleaned_data["reason"],
                                note=form.cleaned_data["note"])
        except ReviewError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Published.") if publish else _("Rejected."))
        return redirect(self.inspect_url_name, quote(item.pk))


class DecisionViewSet(ReadOnlyViewSet):
    """Reviews or replies: listed pending first, inspected, and decided on."""

    inspect_view_class = DecisionInspectView
    decide_service = None

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(decide_url_name=self.get_url_name("decide"), **kwargs)

    @cached_property
    def decide_view(self):
        return self.construct_view(DecideView, decide_service=self.decide_service,
                                   inspect_url_name=self.get_url_name("inspect"))

    def extra_urlpatterns(self):
        return [path(f"decide/<{self.pk_path_converter}:pk>/", self.decide_view, name="decide")]


class ReviewViewSet(DecisionViewSet):
    model = Review
    icon = "comment"
    menu_label = gettext_lazy("Reviews")
    list_display = ["title", "agency", "rating", "status", "language", "submitted_at"]
    list_select_related = ["agency"]
    list_filter = ["status", "language", "agency__country"]
    search_fields = ["title", "text", "agency__name"]
    ordering = ["-submitted_at"]
    inspect_view_fields = [
        "agency", "status", "rating", "fees_rating", "contract_rating", "job_rating", "documents_rating",
        "freedom_rating", "respect_rating", "paid_fee", "fee_amount", "fee_currency", "fee_for", "would_recommend",
        "deployment_year", "destination", "hide_destination", "sector", "language", "submitted_at", "published_at",
        "decided_at", "reason",
    ]

    @staticmethod
    def decide_service(item, **decision):
        return review_decide(review=item, **decision)


class ReplyViewSet(DecisionViewSet):
    model = Reply
    icon = "mail"
    menu_label = gettext_lazy("Agencies' replies")
    list_display = ["__str__", "status", "submitted_at"]
    list_select_related = ["review"]
    list_filter = ["status"]
    ordering = ["-submitted_at"]
    inspect_view_fields = ["review", "author", "status", "submitted_at", "decided_at", "reason"]

    @staticmethod
    def decide_service(item, **decision):
        return reply_decide(reply=item, **decision)


class ReportViewSet(ReadOnlyViewSet):
    model = Report
    icon = "warning"
    menu_label = gettext_lazy("Reports")
    list_display = ["__str__", "reason", "state", "created_at"]
    list_filter = ["state", "reason", "item_kind"]
    inspect_view_fields = ["item_kind", "item_id", "agency_id", "reason", "note", "state", "created_at"]


class AuditLogViewSet(ReadOnlyViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = gettext_lazy("Audit log")
    list_display = ["at", "actor", "item_kind", "item_id", "action", "reason"]
    list_select_related = ["actor"]
    list_filter = ["action", "item_kind", "reason"]
    inspect_view_fields = ["at", "actor", "item_kind", "item_id", "agency_id", "action", "reason", "note"]


class RepresentativeCreateView(CreateView):
    def save_instance(self):
        """The moderator who adds the link is recorded as its verifier; the person joins "Agency representatives"."""
        self.form.instance.verified_by = self.request.user
        instance = super().save_instance()
        instance.user.groups.add(Group.objects.get(name=REPRESENTATIVES_GROUP))
        return instance


class RepresentativeViewSet(ListingViewSet):
    model = Representative
    icon = "user"
    menu_label = gettext_lazy("Agency representatives")
    list_display = ["user", "agency", "verified_on", "verified_by"]
    list_select_related = ["user", "agency", "verified_by"]
    form_fields = ["user", "agency", "verified_on", "how_verified"]
    add_view_class = RepresentativeCreateView
    add_to_reference_index = False


class FeeCapForm(WagtailAdminModelForm):
    source_url = forms.URLField(label=gettext_lazy("source URL"), assume_scheme="https", max_length=500)

    class Meta:
        model = FeeCap
        fields = ["agency_country", "destination", "sector", "kind", "amount", "currency", "description",
                  "source_title", "source_url", "checked_on"]


class FeeCapViewSet(ModelViewSet):
    model = FeeCap
    icon = "tag"
    menu_label = gettext_lazy("Legal fee caps")
    list_display = ["agency_country", "destination", "sector", "description", "checked_on"]
    list_filter = ["agency_country", "kind"]
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return FeeCapForm


class ReviewsGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Reviews")
    menu_icon = "comment"
    items = (
        ReviewViewSet("reviews_review"), ReplyViewSet("reviews_reply"), ReportViewSet("moderation_report"),
        RepresentativeViewSet("reviews_representative"), FeeCapViewSet("reviews_feecap"),
        AuditLogViewSet("moderation_auditentry"),
    )


@hooks.register("register_admin_viewset")
def register_reviews():
    return ReviewsGroup()
