"""Writes to moderation: the audit log of decisions, and visitors' reports."""

from moderation.models import AuditEntry, Report


def audit_record(*, item, action, agency_id=None, actor=None, reason="", note=""):
    """Appends one entry to the audit log for `item` (a review, a reply, a report); returns it."""
    return AuditEntry.objects.create(
        actor=actor, item_kind=item._meta.model_name, item_id=item.pk, agency_id=agency_id, action=action,
        reason=reason, note=note[:2000],
    )


def report_file(*, item, agency_id, reason, note=""):
    """A visitor reports a published review or reply; the report joins the moderators' queue."""
    report = Report.objects.create(item_kind=item._meta.model_name, item_id=item.pk, agency_id=agency_id, reason=reason,
                                   note=note)
    audit_record(item=report, agency_id=agency_id, action=AuditEntry.Action.REPORTED, reason=reason)
    return report
