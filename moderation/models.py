"""What moderators decide and what visitors report: the append-only audit log and reports of reviews and replies."""

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


class AuditEntry(models.Model):
    """One decision on one item (a review, a reply, a report): who, when, what, why. Never changed or deleted."""

    class Action(models.TextChoices):
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        SUBMITTED = "submitted", _("Submitted")
        EDITED = "edited", _("Edited by its author")
        ERASED = "erased", _("Erased by its author")
        REPORTED = "reported", _("Reported")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False, help_text=_("Empty when the reviewer or a visitor acted."),
    )
    item_kind = models.CharField(_("item kind"), max_length=10, editable=False)
    item_id = models.PositiveBigIntegerField(_("item"), editable=False)
    agency_id = models.PositiveBigIntegerField(_("agency"), null=True, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices, editable=False)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["item_kind", "item_id"])]

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

    class Meta:
        verbose_name = _("report")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"]), models.Index(fields=["item_kind", "item_id"])]

    def __str__(self):
        return f"{self.item_kind} {self.item_id}: {self.get_reason_display()}"
