"""Writes to moderation: the queue and the checks' flags, the audit log of decisions, visitors' reports, appeals, and
readers' reports of errors in content pages.

The reviews app owns reviews and replies and changes their state; it calls these functions inside the same
transaction, so that an item's state, its place in the queue and the audit log never disagree.
"""

import math
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from moderation.checks import Subject, combined_risk, run_checks
from moderation.models import Appeal, AuditEntry, ContentReport, Flag, QueueItem, Reason, Report, Stage
from moderation.selectors import last_decision

# A report raises its item in the queue by a quarter of a step, with diminishing returns: 1 report +0.25, 3 +0.5,
# 15 +1.0 at most. Reports alone never change an item's state; a moderator decides.
REPORT_STEP, REPORT_BOOST_MAX = 0.25, 1.0
APPEAL_BOOST = 1.0  # appeals are few and waiting on a promise: near the top
CREDIBLE_REPORT_RISK = 0.5  # a report whose own note the checks flag this high (spam, abuse) does not raise its item


class ModerationError(Exception):
    """A decision or an appeal cannot be made; the message says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def audit_record(*, item, action, agency_id=None, actor=None, reason="", note="", before="", after="", waited=None):
    """Appends one entry to the audit log for `item` (a review, a reply, a report, an appeal); returns it."""
    return AuditEntry.objects.create(
        actor=actor, item_kind=item._meta.model_name, item_id=item.pk, agency_id=agency_id, action=action,
        reason=reason, note=note[:2000], before=before, after=after, waited=waited,
    )


def audit_forget_text(*, item):
    """When an author erases their item, the texts its redactions kept in the audit log go with it."""
    AuditEntry.objects.filter(item_kind=item._meta.model_name, item_id=item.pk).forget_text()


def _priority(item):
    boost = min(REPORT_BOOST_MAX, REPORT_STEP * math.log2(1 + item.reports)) if item.reports else 0.0
    return round(item.risk + boost + (APPEAL_BOOST if item.stage == Stage.APPEAL else 0.0), 4)


def queue_add(*, item, subject, agency_id, burst_ids=(), burst_key=""):
    """Runs the checks on an item that arrived (or came back edited) and puts it in the queue with their flags.

    `subject` is the checks' Subject, which the owning app fills; `burst_ids` are the ids of the other items of the
    same kind that the bursts check counted, which get `burst_key` too so that a moderator can reject them together.
    """
    hits = run_checks(subject)
    kind = item._meta.model_name
    risk = combined_risk(hits)
    queued, created = QueueItem.objects.update_or_create(item_kind=kind, item_id=item.pk, defaults={
        "agency_id": agency_id, "language": subject.language[:12], "stage": Stage.NEW, "is_open": True,
        "risk": risk, "reports": 0, "priority": _priority(QueueItem(risk=risk, stage=Stage.NEW, reports=0)),
        "arrived_at": timezone.now(), "decided_by_id": None,
        "burst": burst_key if any(hit.check == "bursts" for hit in hits) else "",
    })
    if not created:  # back edited: the checks' earlier flags go
        queued.flags.all().delete()
    with translation.override(settings.LANGUAGE_CODE):  # moderators read the reasons, not the reviewer's language
        Flag.objects.bulk_create(Flag(item=queued, check_code=hit.check, score=hit.score, reason=str(hit.reason)[:300],
                                      spans=[list(span) for span in hit.spans]) for hit in hits)
    if queued.burst and burst_ids:
        QueueItem.objects.filter(item_kind=kind, item_id__in=burst_ids, is_open=True, burst="").update(burst=queued.burst)
    return queued


def queue_close(*, item, moderator):
    """Takes a decided item out of the queue; returns how long it waited (for the audit log), or None."""
    queued = QueueItem.objects.select_for_update().filter(item_kind=item._meta.model_name, item_id=item.pk).first()
    if queued is None or not queued.is_open:
        return None
    queued.is_open, queued.decided_by_id = False, getattr(moderator, "pk", None)
    queued.save(update_fields=["is_open", "decided_by_id"])
    return timezone.now() - queued.arrived_at


def queue_forget(*, item):
    """An item its author erased leaves the queue, with its flags."""
    QueueItem.objects.filter(item_kind=item._meta.model_name, item_id=item.pk).delete()


def _reports_flag(queued):
    """The one "reported" flag of a queued item, saying how many visitors gave which reason."""
    counts = Counter(dict(
        Report.objects.filter(item_kind=queued.item_kind, item_id=queued.item_id, state=Report.State.OPEN)
        .values_list("reason").annotate(count=Count("id")).values_list("reason", "count")))
    reasons = ", ".join(f"{Reason(reason).label} ({count})" for reason, count in counts.most_common())
    Flag.objects.filter(item=queued, check_code=Flag.REPORTED).delete()
    if counts:
        Flag.objects.create(item=queued, check_code=Flag.REPORTED, score=0, spans=[],
                            reason=str(_("Reported by visitors: %(reasons)s") % {"reasons": reasons})[:300])


@transaction.atomic
def report_file(*, item, agency_id, reason, note="", language=""):
    """A visitor reports a published review or reply: the report is checked and kept, and the item goes back to the
    queue (or up in it) with the reason. Reports never change the item's state by themselves."""
    risk = combined_risk(run_checks(Subject(text=note, language=language, kind="report"))) if note else 0.0
    report = Report.objects.create(item_kind=item._meta.model_name, item_id=item.pk, agency_id=agency_id, reason=reason,
                                   note=note, risk=risk)
    audit_record(item=report, agency_id=agency_id, action=AuditEntry.Action.REPORTED, reason=reason)
    queued, created = QueueItem.objects.select_for_update().get_or_create(
        item_kind=report.item_kind, item_id=item.pk,
        defaults={"agency_id": agency_id, "language": getattr(item, "language", "")[:12], "stage": Stage.REPORTED},
    )
    if not queued.is_open:
        queued.is_open, queued.stage, queued.arrived_at, queued.reports = True, Stage.REPORTED, timezone.now(), 0
    if risk < CREDIBLE_REPORT_RISK:
        queued.reports += 1
    queued.priority = _priority(queued)
    queued.save()
    _reports_flag(queued)
    return report


def reports_close(*, item, moderator, upheld, note=""):
    """Closes the open reports of an item as upheld or dismissed, one audit entry each; returns how many."""
    reports = Report.objects.filter(item_kind=item._meta.model_name, item_id=item.pk, state=Report.State.OPEN)
    ids = list(reports.values_list("pk", "agency_id", "reason"))
    if not ids:
        return 0
    reports.update(state=Report.State.UPHELD if upheld else Report.State.DISMISSED)
    action = AuditEntry.Action.REPORT_UPHELD if upheld else AuditEntry.Action.REPORT_DISMISSED
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=moderator, item_kind="report", item_id=pk, agency_id=agency_id, action=action, reason=reason,
                   note=note[:2000]) for pk, agency_id, reason in ids)
    Flag.objects.filter(item__item_kind=item._meta.model_name, item__item_id=item.pk, check_code=Flag.REPORTED).delete()
    return len(ids)


# --- Appeals -------------------------------------------------------------------------------------------------------

APPEALABLE = {
    # who: the decisions they may appeal
    Appeal.By.REVIEWER: (AuditEntry.Action.REJECTED, AuditEntry.Action.REDACTED, AuditEntry.Action.EDIT_ASKED),
    Appeal.By.AGENCY: (AuditEntry.Action.PUBLISHED, AuditEntry.Action.REJECTED, AuditEntry.Action.REDACTED),
}


def appeal_open(*, item, by, agency_id, text, language=""):
    """The reviewer or the agency appeals the last decision on an item, once; a different moderator will decide."""
    decision = last_decision(item=item)
    if decision is not None and decision.action in (AuditEntry.Action.APPEAL_UPHELD, AuditEntry.Action.APPEAL_OVERTURNED):
        raise ModerationError(_("This decision was already made on an appeal, and is final."))
    if decision is None or decision.action not in APPEALABLE[by]:
        raise ModerationError(_("There is no decision here that you can appeal."))
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                item_kind=item._meta.model_name, item_id=item.pk, agency_id=agency_id, by=by, text=text,
                appealed_action=decision.action, appealed_actor_id=decision.actor_id)
    except IntegrityError:
        raise ModerationError(_("You already appealed this decision. An appeal can be made only once.")) from None
    audit_record(item=appeal, agency_id=agency_id, action=AuditEntry.Action.APPEALED)
    queued, _created = QueueItem.objects.select_for_update().get_or_create(
        item_kind=appeal.item_kind, item_id=item.pk, defaults={"agency_id": agency_id, "language": language[:12]})
    queued.is_open, queued.stage, queued.arrived_at = True, Stage.APPEAL, timezone.now()
    queued.priority = _priority(queued)
    queued.save()
    return appeal


def appeal_close(*, appeal, moderator, overturned, note=""):
    """Records another moderator's decision on an appeal (the caller changes the item when it is overturned)."""
    if appeal.state != Appeal.State.OPEN:
        raise ModerationError(_("This appeal was already decided."))
    if appeal.appealed_actor_id == moderator.pk:
        raise ModerationError(_("You made the decision that is appealed: a different moderator must decide the appeal."))
    appeal.state = Appeal.State.OVERTURNED if overturned else Appeal.State.UPHELD
    appeal.decided_by, appeal.decided_at = moderator, timezone.now()
    appeal.save(update_fields=["state", "decided_by", "decided_at"])
    audit_record(item=appeal, agency_id=appeal.agency_id, actor=moderator, note=note,
                 action=AuditEntry.Action.APPEAL_OVERTURNED if overturned else AuditEntry.Action.APPEAL_UPHELD,
                 waited=appeal.decided_at - appeal.created_at)
    return appeal


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
