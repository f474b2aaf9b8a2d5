"""Reads of moderation for pages and other apps: the transparency figures, and the moderators' queue."""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db.models import Count, DateField, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import ngettext

from moderation.models import Appeal, AuditEntry, ContentReport, Flag, QueueItem, Reason, Report

# --- The transparency figures: per month, counts only, nothing about any person ------------------------------------
#
# Read from the audit log, grouped by calendar month in the site's time zone in the database (two queries, however
# many months are shown). A month that has ended never changes, so its figures are cached for long; the
# current month's for a few minutes. Only the months missing from the cache are read.

TRANSPARENCY_MONTHS = 12  # shown unless asked otherwise
TRANSPARENCY_MONTHS_MAX = 60
CLOSED_MONTH_SECONDS = 30 * 24 * 3600
CURRENT_MONTH_SECONDS = 5 * 60
_FIGURES_VERSION = 1  # part of the cache keys: raise it when a figure changes its meaning

_Action = AuditEntry.Action
# Each figure: the item kinds and the action of the audit entries it counts.
_COUNTED = (
    ("reviews_received", ("review",), _Action.SUBMITTED),
    ("reviews_published", ("review",), _Action.PUBLISHED),
    ("reviews_rejected", ("review",), _Action.REJECTED),
    ("reviews_edit_asked", ("review",), _Action.EDIT_ASKED),
    ("parts_hidden", ("review", "reply"), _Action.REDACTED),
    ("replies_received", ("reply",), _Action.SUBMITTED),
    ("replies_published", ("reply",), _Action.PUBLISHED),
    ("replies_rejected", ("reply",), _Action.REJECTED),
    ("reports_received", ("report",), _Action.REPORTED),
    ("reports_upheld", ("report",), _Action.REPORT_UPHELD),
    ("reports_dismissed", ("report",), _Action.REPORT_DISMISSED),
    ("appeals_received", ("appeal",), _Action.APPEALED),
    ("appeals_decision_upheld", ("appeal",), _Action.APPEAL_UPHELD),
    ("appeals_decision_overturned", ("appeal",), _Action.APPEAL_OVERTURNED),
)
_FIGURE_OF = {(kind, action): figure for figure, kinds, action in _COUNTED for kind in kinds}
_DECIDED = (_Action.PUBLISHED, _Action.REJECTED)  # the decisions whose waits make the median


@dataclass(frozen=True)
class MonthFigures:
    """One calendar month of moderation, in counts only."""

    month: date  # its first day
    is_current: bool  # the month is not over: its figures still grow
    counts: dict  # figure (the first names of _COUNTED) -> how many
    rejected_by_reason: dict  # every Reason value -> how many reviews were rejected for it
    median_wait: timedelta | None  # from a review's arrival to the decision, of the reviews decided in the month

    @property
    def rejected_reasons(self):
        """(reason's label, how many) for the reasons reviews were rejected for this month, in the list's order."""
        return [(Reason(code).label, count) for code, count in self.rejected_by_reason.items() if count]

    @property
    def median_wait_text(self):
        """The median wait as a person says it ("40 minutes", "5 hours", "3 days"); "" when nothing was decided."""
        if self.median_wait is None:
            return ""
        minutes = round(self.median_wait.total_seconds() / 60)
        if minutes < 60:
            return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
        hours = round(minutes / 60)
        if hours < 48:
            return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
        days = round(hours / 24)
        return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}

    def as_data(self):
        """The month as one flat row of plain values, the same keys every month: for JSON and CSV."""
        hours = None if self.median_wait is None else round(self.median_wait.total_seconds() / 3600, 1)
        return {
            "month": f"{self.month:%Y-%m}", "complete": not self.is_current, **self.counts,
            **{f"reviews_rejected_{code}": count for code, count in self.rejected_by_reason.items()},
            "median_hours_to_decision": hours,
        }


def _month_shift(month, by):
    index = month.year * 12 + month.month - 1 + by
    return date(index // 12, index % 12 + 1, 1)


def _entries_in(months, zone):
    """A filter of the audit entries made in `months` (first days, oldest first), in as few ranges as they allow."""
    ranges = []
    for month in months:
        start, end = (timezone.make_aware(datetime.combine(day, time()), zone) for day in (month, _month_shift(month, 1)))
        if ranges and ranges[-1][1] == start:
            ranges[-1][1] = end
        else:
            ranges.append([start, end])
    return reduce(or_, (Q(at__gte=start, at__lt=end) for start, end in ranges))


def _months_read(months, zone):
    """The figures of `months` from the database, in two queries: counts grouped by month, kind, action and reason,
    and the waits of the reviews decided (the only rows read one by one: their month and `waited`)."""
    entries = AuditEntry.objects.filter(_entries_in(months, zone)).annotate(
        month=TruncMonth("at", output_field=DateField(), tzinfo=zone)).order_by()
    read = {month: {"counts": dict.fromkeys(_FIGURE_OF.values(), 0), "rejected_by_reason": dict.fromkeys(Reason.values, 0),
                    "median_wait": None} for month in months}
    waits = {month: [] for month in months}
    grouped = entries.values_list("month", "item_kind", "action", "reason").annotate(count=Count("pk"))
    for month, kind, action, reason, count in grouped:
        figure = _FIGURE_OF.get((kind, action))
        if figure is None:
            continue
        read[month]["counts"][figure] += count
        if figure == "reviews_rejected":  # a reason no longer in the list counts as "other": the parts add up
            code = reason if reason in Reason.values else Reason.OTHER.value
            read[month]["rejected_by_reason"][code] += count
    decided = entries.filter(item_kind="review", action__in=_DECIDED, waited__isnull=False)
    for month, waited in decided.values_list("month", "waited").iterator():
        waits[month].append(waited)
    for month, found in waits.items():
        read[month]["median_wait"] = statistics.median(found) if found else None
    return read


def transparency_months(*, months=TRANSPARENCY_MONTHS):
    """The moderation figures of the last `months` calendar months (this one included, newest first; a month with
    nothing shows zeros), in the site's time zone: a list of MonthFigures."""
    months = max(1, min(months, TRANSPARENCY_MONTHS_MAX))
    zone = timezone.get_default_timezone()
    current = timezone.localdate(timezone=zone).replace(day=1)
    shown = [_month_shift(current, -back) for back in range(months)]

    def key(month):
        state = "current" if month == current else "closed"
        return f"moderation:transparency:{_FIGURES_VERSION}:{zone.key}:{month:%Y-%m}:{state}"

    cached = cache.get_many([key(month) for month in shown])
    figures = {month: cached[key(month)] for month in shown if key(month) in cached}
    missing = sorted(month for month in shown if month not in figures)
    if missing:
        read = _months_read(missing, zone)
        closed = {key(month): values for month, values in read.items() if month != current}
        if closed:
            cache.set_many(closed, CLOSED_MONTH_SECONDS)
        if current in read:
            cache.set(key(current), read[current], CURRENT_MONTH_SECONDS)
        figures.update(read)
    return [MonthFigures(month=month, is_current=month == current, **figures[month]) for month in shown]


REPORTS_SHOWN = 200  # of one item's open reports, newest first
HISTORY_SHOWN = 500  # audit entries of one item


# --- The moderators' queue ------------------------------------------------------------------------------------------

QUEUE_AGES = (1, 3, 7, 30)  # "waiting longer than N days" filters


def queue_items(*, check="", agency_id=None, language="", older_than_days=None, stage="", burst=""):
    """The open items of the queue, highest priority first (then the longest waiting), filtered as asked."""
    items = QueueItem.objects.filter(is_open=True)
    if check:
        items = items.filter(Exists(Flag.objects.filter(item=OuterRef("pk"), check_code=check)))
    if agency_id:
        items = items.filter(agency_id=agency_id)
    if language:
        items = items.filter(language=language)
    if older_than_days:
        items = items.filter(arrived_at__lt=timezone.now() - timedelta(days=older_than_days))
    if stage:
        items = items.filter(stage=stage)
    if burst:
        items = items.filter(burst=burst)
    return items.order_by("-priority", "arrived_at", "pk")


def queue_filter_choices():
    """What the queue's filters offer: the languages and agencies of open items (ids; the caller names them)."""
    open_items = QueueItem.objects.filter(is_open=True)
    languages = sorted(filter(None, open_items.values_list("language", flat=True).distinct()))
    agency_ids = sorted(filter(None, open_items.values_list("agency_id", flat=True).distinct()))
    return languages, agency_ids


def queue_item(*, pk):
    return QueueItem.objects.filter(pk=pk).prefetch_related("flags").first()


def queue_item_of(*, item):
    return QueueItem.objects.filter(item_kind=item._meta.model_name, item_id=item.pk).first()


def queue_burst_ids(*, burst, item_kind):
    """The ids of the waiting items of one kind that arrived in the burst `burst`."""
    return list(QueueItem.objects.filter(burst=burst, item_kind=item_kind, is_open=True).values_list("item_id", flat=True))


def reports_open(*, item):
    """The open reports of a review or reply, newest first."""
    return list(Report.objects.filter(item_kind=item._meta.model_name, item_id=item.pk, state=Report.State.OPEN)
                .order_by("-created_at")[:REPORTS_SHOWN])


def item_history(*, item):
    """The audit log of one item, and of its reports and appeals, oldest first."""
    kind = item._meta.model_name
    reports = Report.objects.filter(item_kind=kind, item_id=item.pk).values("pk")
    appeals = Appeal.objects.filter(item_kind=kind, item_id=item.pk).values("pk")
    return list(AuditEntry.objects.filter(
        Q(item_kind=kind, item_id=item.pk) | Q(item_kind="report", item_id__in=reports)
        | Q(item_kind="appeal", item_id__in=appeals),
    ).select_related("actor").order_by("at", "pk")[:HISTORY_SHOWN])


def highlighted(text, flags):
    """The text cut into (part, reasons) pieces, where `reasons` names the checks that flagged the part ("" for
    the rest), for the queue to mark them."""
    marks = [""] * len(text)
    for flag in flags:
        for start, end in flag.spans:
            for index in range(max(0, start), min(len(text), end)):
                marks[index] = f"{marks[index]}; {flag.reason}" if marks[index] else flag.reason
    pieces = []
    for index, char in enumerate(text):
        if pieces and pieces[-1][1] == marks[index]:
            pieces[-1][0] += char
        else:
            pieces.append([char, marks[index]])
    return [tuple(piece) for piece in pieces]


DECISIONS = (AuditEntry.Action.PUBLISHED, AuditEntry.Action.REJECTED, AuditEntry.Action.REDACTED,
             AuditEntry.Action.EDIT_ASKED, AuditEntry.Action.APPEAL_UPHELD, AuditEntry.Action.APPEAL_OVERTURNED)


def last_decision(*, item, actions=DECISIONS):
    """The latest moderator's decision (of `actions`) on an item, or on an appeal of it (those entries are the
    appeal's): its audit entry, or None."""
    kind = item._meta.model_name
    appeals = Appeal.objects.filter(item_kind=kind, item_id=item.pk).values("pk")
    return (AuditEntry.objects.filter(Q(item_kind=kind, item_id=item.pk) | Q(item_kind="appeal", item_id__in=appeals),
                                      action__in=actions)
            .exclude(actor=None).order_by("-at", "-pk").first())


def appeal_waiting(*, item):
    return Appeal.objects.filter(item_kind=item._meta.model_name, item_id=item.pk, state=Appeal.State.OPEN).first()


# --- Readers' reports of errors in content pages --------------------------------------------------------------------

def content_page_reportable(*, pk):
    """A live, public page that a site serves, which readers may report; None otherwise."""
    from wagtail.models import Page

    page = Page.objects.live().public().select_related("locale").filter(pk=pk).first()
    return page if page and page.full_url else None


def content_reports_open_count():
    return ContentReport.objects.filter(state=ContentReport.State.OPEN).count()
