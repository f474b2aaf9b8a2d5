"""Reviews in the Wagtail admin: the moderation queue first (moderation.queue_admin), where moderators decide;
reviews, replies, visitors' reports, appeals and the notifications owed to reviewers, to look up; the audit log,
which no screen can change; the abuse word lists and agencies' representatives, which moderators keep; and the
legal fee caps, which editors record.

Reviews and replies are never edited here: the queue publishes, rejects, hides parts (with a record of what was
hidden), or asks the reviewer to edit.
"""

from django import forms
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, InspectView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from config.run_admin import ListingViewSet, ReadOnlyViewSet
from moderation import queue_admin
from moderation.models import AbuseTerm, Appeal, AuditEntry, Report
from moderation.selectors import queue_item_of
from reviews.models import REPRESENTATIVES_GROUP, FeeCap, Notification, Reply, Representative, Review

MODERATE = "reviews.moderate_review"


class ModeratedInspectView(InspectView):
    """A review or a reply as readers would see it, with a link to it in the moderation queue."""

    template_name = "reviews/admin/decision_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queued = queue_item_of(item=self.object)
        context.update(item=self.object, review=getattr(self.object, "review", self.object),
                       queue_url=reverse("moderation_queue:item", args=[queued.pk]) if queued and queued.is_open else "")
        return context


class ModeratedViewSet(ReadOnlyViewSet):
    """Reviews or replies: listed newest first and inspected; decisions are taken in the moderation queue."""

    inspect_view_class = ModeratedInspectView


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MODERATE)


class QueueViewSet(ViewSet):
    """The moderation queue (moderation.queue_admin), first in the Reviews menu."""

    icon = "warning"
    menu_label = gettext_lazy("Moderation queue")
    menu_item_class = QueueMenuItem
    url_prefix = "moderation/queue"

    def get_urlpatterns(self):
        return queue_admin.urlpatterns


class ReviewViewSet(ModeratedViewSet):
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
        "decided_at", "reason", "redacted",
    ]


class ReplyViewSet(ModeratedViewSet):
    model = Reply
    icon = "mail"
    menu_label = gettext_lazy("Agencies' replies")
    list_display = ["__str__", "status", "submitted_at"]
    list_select_related = ["review"]
    list_filter = ["status"]
    ordering = ["-submitted_at"]
    inspect_view_fields = ["review", "author", "status", "submitted_at", "decided_at", "reason", "redacted"]


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
    inspect_view_fields = ["at", "actor", "item_kind", "item_id", "agency_id", "action", "reason", "note", "before", "after",
                           "waited"]


class AppealViewSet(ReadOnlyViewSet):
    model = Appeal
    icon = "resubmit"
    menu_label = gettext_lazy("Appeals")
    list_display = ["__str__", "appealed_action", "state", "created_at", "decided_by"]
    list_select_related = ["decided_by"]
    list_filter = ["state", "by", "item_kind"]
    inspect_view_fields = ["item_kind", "item_id", "agency_id", "by", "text", "appealed_action", "state", "created_at",
                           "decided_at", "decided_by"]


class NotificationViewSet(ReadOnlyViewSet):
    """What reviewers were told, or are still owed, and why a message has not gone; never the contact."""

    model = Notification
    icon = "mail"
    menu_label = gettext_lazy("Notifications to reviewers")
    list_display = ["__str__", "review", "attempts", "next_try_at", "last_error", "created_at"]
    list_select_related = ["review__agency"]  # a review's name holds its agency's
    list_filter = ["state", "event"]
    inspect_view_fields = ["review", "event", "reason", "language", "state", "attempts", "next_try_at", "last_error",
                           "created_at", "sent_at"]


class AbuseTermViewSet(ModelViewSet):
    """The abuse words the automated check looks for, per language; moderators add and remove them."""

    model = AbuseTerm
    icon = "cross"
    menu_label = gettext_lazy("Abuse words")
    list_display = ["term", "language", "severe", "added_at"]
    list_filter = ["language", "severe"]
    search_fields = ["term"]
    form_fields = ["language", "term", "severe"]
    add_to_reference_index = False


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
        QueueViewSet("moderation_queue"), ReviewViewSet("reviews_review"), ReplyViewSet("reviews_reply"), ReportViewSet("moderation_report"),
        AppealViewSet("moderation_appeal"), NotificationViewSet("reviews_notification"),
        AbuseTermViewSet("moderation_abuseterm"), RepresentativeViewSet("reviews_representative"),
        FeeCapViewSet("reviews_feecap"), AuditLogViewSet("moderation_auditentry"),
    )


@hooks.register("register_admin_viewset")
def register_reviews():
    return ReviewsGroup()
