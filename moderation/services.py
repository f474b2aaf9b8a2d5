"""Writes to moderation: the audit log of decisions, and visitors' reports."""

from django.db import transaction
from django.utils import timezone

from moderation.models import AuditEntry, ContentReport, Report


def audit_record(*, item, action, agency_id=None, actor=None, reason="", note="", before="", after="", waited=None):
    """Appends one entry to the audit log for `item` (a review, a reply, a report, an appeal); returns it."""
    return AuditEntry.objects.create(
        actor=actor, item_kind=item._meta.model_name, item_id=item.pk, agency_id=agency_id, action=action,
        reason=reason, note=note[:2000], before=before, after=after, waited=waited,
    )


def report_file(*, item, agency_id, reason, note=""):
    """A visitor reports a published review or reply; the report joins the moderators' queue."""
    report = Report.objects.create(item_kind=item._meta.model_name, item_id=item.pk, agency_id=agency_id, reason=reason,
                                   note=note)
    audit_record(item=report, agency_id=agency_id, action=AuditEntry.Action.REPORTED, reason=reason)
    return report


# --- Readers' reports of errors in content pages (editors and fact-checkers resolve them) ----------------------

def content_report_file(*, page, page_url, language, passage, note):
    """A reader says something on a content page is wrong, quoting the passage; editors see it in the admin."""
    return ContentReport.objects.create(page=page, page_title=page.title[:255], page_url=page_url[:500],
                                        language=language, passage=passage, note=note)


@transaction.atomic
def content_report_resolve(*, report, user, state, resolution):
    """An editor or fact-checker moves a report on (being checked, corrected, or no change needed) with a note."""
    report = ContentReport.objects.select_for_update().get(pk=report.pk)
    report.state, report.resolution = state, resolution
    final = state in (ContentReport.State.CORRECTED, ContentReport.State.NO_CHANGE)
    report.resolved_by, report.resolved_at = (user, timezone.now()) if final else (None, None)
    report.save(update_fields=["state", "resolution", "resolved_by", "resolved_at"])
    return report
