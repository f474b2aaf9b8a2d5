"""What moderators decide and what visitors report: the append-only audit log, the queue of items waiting for a
decision and the automated checks' flags on them, visitors' reports, appeals, reports of errors in content pages, and
the abuse word lists moderators keep.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    """Why an item was rejected or reported: one list for moderators, reporters and the transparency figures."""

    FALSE = "false", _("False or misleading")
    PERSONAL_DATA = "personal_data", _("Personal data")
    ABUSIVE = "abusive", _("Abusive or hateful")
    SPAM = "spam", _("Spam or advertising")
    BY_AGENCY = "by_agency", _("Written by the agency or for it")
    NOT_ABOUT_AGENCY = "off_topic", _("Not about this agency")
    DUPLICATE = "duplicate", _("A copy of another review")
    OTHER = "other", _("Other")


# What a visitor may give as the reason of a report (the rest are for moderators).
REPORT_REASONS = (Reason.FALSE, Reason.PERSONAL_DATA, Reason.ABUSIVE, Reason.SPAM, Reason.BY_AGENCY)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")

    def forget_text(self):
        """The one change allowed, and only through moderation.services.audit_forget_text: when an author erases
        their item, the copies of its text that redactions kept (before/after) are blanked; the entries stay."""
        return models.QuerySet.update(self.exclude(before="", after=""), before="", after="")


class AuditEntry(models.Model):
    """One decision on one item (a review, a reply, a report): who, when, what, why. Never changed or deleted."""

    class Action(models.TextChoices):
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        SUBMITTED = "submitted", _("Submitted")
        EDITED = "edited", _("Edited by its author")
        ERASED = "erased", _("Erased by its author")
        REPORTED = "reported", _("Reported")
        REDACTED = "redacted", _("Part hidden")
        EDIT_ASKED = "edit_asked", _("Edit asked of its author")
        REPORT_UPHELD = "report_upheld", _("Report upheld")
        REPORT_DISMISSED = "report_dismissed", _("Report dismissed")
        APPEALED = "appealed", _("Appealed")
        APPEAL_UPHELD = "appeal_upheld", _("Appeal: decision upheld")
        APPEAL_OVERTURNED = "appeal_overturned", _("Appeal: decision overturned")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False, help_text=_("Empty when the reviewer or a visitor acted."),
    )
    item_kind = models.CharField(_("item kind"), max_length=10, editable=False)
    item_id = models.PositiveBigIntegerField(_("item"), editable=False)
    agency_id = models.PositiveBigIntegerField(_("agency"), null=True, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, editable=False)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True, editable=False)
    before = models.TextField(_("before"), blank=True, editable=False, help_text=_("For a redaction: the hidden part."))
    after = models.TextField(_("after"), blank=True, editable=False, help_text=_("For a redaction: what shows instead."))
    waited = models.DurationField(_("waited"), null=True, blank=True, editable=False,
                                  help_text=_("For a decision: how long the item waited for it."))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["item_kind", "item_id"]), models.Index(fields=["at", "item_kind", "action"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.item_kind} {self.item_id}: {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class Report(models.Model):
    """A visitor's report of a published review or reply; no account needed, nothing about the reporter kept."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    item_kind = models.CharField(_("item kind"), max_length=10)
    item_id = models.PositiveBigIntegerField(_("item"))
    agency_id = models.PositiveBigIntegerField(_("agency"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("what is wrong"), max_length=1000, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    risk = models.FloatField(_("risk"), default=0, help_text=_("What the automated checks found in the report's note."))

    class Meta:
        verbose_name = _("report")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"]), models.Index(fields=["item_kind", "item_id"])]

    def __str__(self):
        return f"{self.item_kind} {self.item_id}: {self.get_reason_display()}"


class Stage(models.TextChoices):
    """Why an item is in the queue."""

    NEW = "new", _("New, not yet published")
    REPORTED = "reported", _("Published, reported by visitors")
    APPEAL = "appeal", _("Decision appealed")


class QueueItem(models.Model):
    """A review or reply waiting for a moderator, with what the checks found; one row per item, reopened when the
    item is reported or a decision on it appealed. `priority` orders the queue: the checks' combined risk, raised by
    reports and appeals."""

    item_kind = models.CharField(_("item kind"), max_length=10)
    item_id = models.PositiveBigIntegerField(_("item"))
    agency_id = models.PositiveBigIntegerField(_("agency"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=12, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.NEW)
    is_open = models.BooleanField(_("waiting"), default=True)
    risk = models.FloatField(_("risk"), default=0)
    reports = models.PositiveIntegerField(_("open reports"), default=0)
    priority = models.FloatField(_("priority"), default=0)
    burst = models.CharField(_("burst"), max_length=64, blank=True,
                             help_text=_("Items that arrived together in a burst share this key."))
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now)
    decided_by_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("queue item")
        constraints = [models.UniqueConstraint(fields=["item_kind", "item_id"], name="queueitem_one_per_item")]
        indexes = [
            models.Index(fields=["is_open", "-priority", "arrived_at"], name="queue_order"),
            models.Index(fields=["burst"], condition=~models.Q(burst=""), name="queue_burst"),
        ]

    def __str__(self):
        return f"{self.item_kind} {self.item_id}"


class Flag(models.Model):
    """One automated check's finding on a queued item: its score, a reason a moderator can read, the parts found.
    Visitors' reports of the item are summed up in one more flag, REPORTED."""

    REPORTED = "reported"

    item = models.ForeignKey(QueueItem, on_delete=models.CASCADE, related_name="flags")
    check_code = models.CharField(_("check"), max_length=30)
    score = models.FloatField(_("score"))
    reason = models.CharField(_("reason"), max_length=300)
    spans = models.JSONField(_("parts found"), default=list, blank=True)  # [[start, end], ...] in the item's text

    class Meta:
        verbose_name = _("flag")
        indexes = [models.Index(fields=["check_code", "item"])]

    def __str__(self):
        return f"{self.check_code}: {self.reason}"


class Appeal(models.Model):
    """A reviewer's or an agency's one appeal of a decision on a review or reply; another moderator decides it."""

    class By(models.TextChoices):
        REVIEWER = "reviewer", _("The reviewer")
        AGENCY = "agency", _("The agency")

    class State(models.TextChoices):
        OPEN = "open", _("Waiting")
        UPHELD = "upheld", _("Decision upheld")
        OVERTURNED = "overturned", _("Decision overturned")

    item_kind = models.CharField(_("item kind"), max_length=10)
    item_id = models.PositiveBigIntegerField(_("item"))
    agency_id = models.PositiveBigIntegerField(_("agency"))
    by = models.CharField(_("appealed by"), max_length=10, choices=By.choices)
    text = models.TextField(_("why"), max_length=2000)
    appealed_action = models.CharField(_("decision appealed"), max_length=20, choices=AuditEntry.Action.choices)
    appealed_actor_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("appealed"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("appeal")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["item_kind", "item_id", "by"], name="appeal_once")]

    def __str__(self):
        return f"{self.item_kind} {self.item_id}: {self.get_by_display()}"


class AbuseTerm(models.Model):
    """A word or phrase that marks abuse in one language (or in every language), kept by moderators."""

    language = models.CharField(_("language"), max_length=12, blank=True,
                                help_text=_("A language code such as “fil” or “th”; empty for every language."))
    term = models.CharField(_("word or phrase"), max_length=100)
    severe = models.BooleanField(_("severe"), default=False,
                                 help_text=_("Slurs and threats: enough by itself to put an item at the top."))
    added_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("abuse word")
        verbose_name_plural = _("abuse words")
        ordering = ["language", "term"]
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="abuseterm_unique")]

    def __str__(self):
        return self.term


class ContentReport(models.Model):
    """A reader's "Is something wrong here?" on a content page, tracked by editors and fact-checkers to a resolution."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CHECKING = "checking", _("Being checked")
        CORRECTED = "corrected", _("Corrected")
        NO_CHANGE = "no_change", _("Checked, no change needed")

    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), null=True, on_delete=models.SET_NULL,
                             related_name="+")
    page_title = models.CharField(_("page title"), max_length=255)
    page_url = models.CharField(_("page address"), max_length=500)
    language = models.CharField(_("language"), max_length=12)
    passage = models.TextField(_("passage quoted"), max_length=1000, blank=True)
    note = models.TextField(_("what is wrong"), max_length=2000)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    resolution = models.TextField(_("resolution"), max_length=2000, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+", editable=False)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("reported"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("content error report")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"{self.page_title}: {self.note[:60]}"
