"""Writes to the agency registry: importing a feed, and a person's decision on a held run.

An import reads the feed twice, streaming: first to plan (what would be added, changed, gone),
then, unless the plan looks wrong and the run is held, to apply it in one transaction. It never
deletes: an agency missing from the feed becomes "not in the latest list".
"""

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from hashlib import sha1

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from agencies.feeds import FeedError, Rejection, read_feed
from agencies.models import Agency, AgencyStatus, LicenceEvent, RefreshRun
from agencies.selectors import CACHE_GENERATION
from agencies.text import normalise_licence, normalise_name
from config.generations import generation_bump
from config.runs import held_run_reject

TRACKED_FIELDS = ("name", "name_local", "status", "valid_from", "valid_until", "address", "phone", "email", "website")
BATCH_SIZE = 500
PREVIEW_PER_KIND = 20
PROGRESS_EVERY = 1000


@dataclass
class Plan:
    """What a feed would do to the registry, worked out without writing anything."""

    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    missing_ids: list = field(default_factory=list)
    seen: set = field(default_factory=set)
    by_name: dict = field(default_factory=dict)  # row position -> existing licence key, matched by name
    skipped: set = field(default_factory=set)  # positions of rows the plan refused (duplicates, unknown new)
    unknown_statuses: Counter = field(default_factory=Counter)
    reject_reasons: Counter = field(default_factory=Counter)
    preview: list = field(default_factory=list)
    fetched_at: object = None

    def note(self, kind, entry):
        if sum(1 for item in self.preview if item["kind"] == kind) < PREVIEW_PER_KIND:
            self.preview.append({"kind": kind, **entry})


def _existing_agencies(country):
    """Every agency of the country, by normalised licence number: (id, tracked values)."""
    rows = Agency.objects.filter(country=country).values_list("id", "licence_number", "normalised_name", *TRACKED_FIELDS)
    return {
        normalise_licence(licence): (pk, normalised, dict(zip(TRACKED_FIELDS, values, strict=True)))
        for pk, licence, normalised, *values in rows
    }


def _row_values(row, current_status):
    values = {name: getattr(row, name) for name in TRACKED_FIELDS}
    if row.status is None:  # unknown to us: the run is held, and the agency keeps its status
        values["status"] = current_status
    return values


def _differences(before, after):
    return {
        name: [_plain(before[name]), _plain(after[name])] for name in TRACKED_FIELDS if before[name] != after[name]
    }


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _rows(feed_path, country, progress, phase):
    for count, item in enumerate(read_feed(feed_path, country=country), start=1):
        if progress and count % PROGRESS_EVERY == 0:
            progress(phase, count)
        yield item


def _plan(source, feed_path, existing, progress):
    plan = Plan()
    existing_names = {normalised for _pk, normalised, _values in existing.values()}
    unmatched = []  # (position, row) of new licence numbers whose name is already registered
    for position, item in enumerate(_rows(feed_path, source.country, progress, "planning"), start=1):
        if isinstance(item, Rejection):
            plan.rejected += 1
            plan.reject_reasons[item.reason] += 1
            if item.licence_number:
                plan.seen.add(normalise_licence(item.licence_number))  # a bad row is not a vanished agency
            continue
        plan.rows += 1
        plan.fetched_at = max(filter(None, (plan.fetched_at, item.fetched_at)))
        key = normalise_licence(item.licence_number)
        if key in plan.seen:
            plan.rejected += 1
            plan.reject_reasons["duplicate licence number"] += 1
            plan.skipped.add(position)
            continue
        plan.seen.add(key)
        if item.status is None:
            plan.unknown_statuses[item.status_raw] += 1
        if key in existing:
            _classify(plan, item, existing[key])
        elif item.status is None:
            plan.rejected += 1
            plan.reject_reasons[f"new agency with an unknown status {item.status_raw!r}"] += 1
            plan.skipped.add(position)
        elif normalise_name(item.name) in existing_names:
            unmatched.append((position, item))
        else:
            _note_added(plan, item)

    # A licence number the registry changed: the same name, alone, whose old number is gone from the feed.
    by_name = {}
    for key, (_pk, normalised, _values) in existing.items():
        if key not in plan.seen:
            by_name.setdefault(normalised, []).append(key)
    for position, item in unmatched:
        candidates = by_name.get(normalise_name(item.name), [])
        if len(candidates) == 1:
            key = candidates.pop()
            plan.by_name[position] = key
            plan.seen.add(key)
            _classify(plan, item, existing[key], renumbered=True)
        else:
            _note_added(plan, item)

    for key, (pk, _normalised, values) in existing.items():
        if key not in plan.seen and values["status"] != AgencyStatus.NOT_LISTED:
            plan.missing_ids.append(pk)
            plan.note("missing", {"licence_number": key, "name": values["name"]})
    return plan


def _note_added(plan, item):
    plan.added += 1
    plan.note("added", {"licence_number": item.licence_number, "name": item.name})


def _classify(plan, item, current, renumbered=False):
    _pk, _normalised, before = current
    changes = _differences(before, _row_values(item, before["status"]))
    if renumbered:
        changes["licence_number"] = ["", item.licence_number]
    if changes:
        plan.changed += 1
        plan.note("changed", {"licence_number": item.licence_number, "name": item.name, "changes": changes})
    else:
        plan.unchanged += 1


def _hold_reasons(source, plan, existing_count, report):
    reasons = []
    if report is not None and not report.get("complete", True):
        errors = "; ".join(str(error) for error in report.get("errors", [])[:5]) or "no reason given"
        reasons.append(f"The crawl did not finish cleanly: {errors}")
    if plan.unknown_statuses:
        statuses = ", ".join(repr(status) for status in sorted(plan.unknown_statuses))
        reasons.append(f"The registry uses statuses Lantern does not know: {statuses}")
    last = source.runs.filter(state=RefreshRun.State.APPLIED).order_by("-started_at").first()
    if last is not None and plan.rows < last.rows * float(source.min_row_share):
        reasons.append(f"The feed has {plan.rows} rows, far fewer than the {last.rows} of the last applied run")
    if existing_count:
        share = (plan.changed + len(plan.missing_ids)) / existing_count
        if share > float(source.max_change_share):
            reasons.append(
                f"It would change or drop {share:.0%} of the {existing_count} agencies "
                f"(more than {float(source.max_change_share):.0%})"
            )
    return reasons


def _slug(name, country, licence_number):
    digest = sha1(f"{country}:{normalise_licence(licence_number)}".encode()).hexdigest()[:12]
    return f"{slugify(name)[:80].strip('-') or 'agency'}-{digest}"


def _event(agency_id, run, kind, occurred_on, before, after, changes, item):
    return LicenceEvent(
        agency_id=agency_id, run=run, kind=kind, occurred_on=occurred_on, status_before=before, status_after=after,
        changes=changes, source_url=item.source_url, fetched_at=item.fetched_at,
    )


def _searchable(ids):
    """Search finds the agencies as they are now, in this transaction (search.services.index_refresh)."""
    from search.services import index_refresh

    index_refresh(kind="agency", object_ids=ids)


class _Writer:
    """Applies planned changes in batches, so memory stays flat however long the feed is."""

    def __init__(self, run, source):
        self.run, self.source = run, source
        self.new, self.updates = [], []

    def add(self, item):
        normalised = normalise_name(item.name)
        agency = Agency(
            country=self.source.country, licence_number=item.licence_number,
            licence_key=normalise_licence(item.licence_number), normalised_name=normalised,
            slug=_slug(item.name, self.source.country, item.licence_number), status_changed_on=item.status_date,
            source=self.source, source_url=item.source_url, fetched_at=item.fetched_at,
            **_row_values(item, None),
        )
        self.new.append((agency, item))
        if len(self.new) >= BATCH_SIZE:
            self.flush()

    def change(self, pk, before, item, licence_changed):
        after = _row_values(item, before["status"])
        changes = _differences(before, after)
        if licence_changed:
            changes["licence_number"] = ["", item.licence_number]
        if not changes:
            return
        agency = Agency(pk=pk, licence_number=item.licence_number, licence_key=normalise_licence(item.licence_number),
                        normalised_name=normalise_name(item.name),
                        source_url=item.source_url, fetched_at=item.fetched_at, source=self.source, **after)
        # A status change the registry does not date is dated by when Lantern read it.
        agency.status_changed_on = (item.status_date or item.fetched_at.date()) if "status" in changes else None
        self.updates.append((agency, before["status"], changes, item))
        if len(self.updates) >= BATCH_SIZE:
            self.flush()

    def flush(self):
        if self.new:
            created = Agency.objects.bulk_create([agency for agency, _item in self.new])
            _searchable([agency.pk for agency in created])
            LicenceEvent.objects.bulk_create([
                _event(agency.pk, self.run, LicenceEvent.Kind.ADDED, item.status_date or item.fetched_at.date(), "",
                       agency.status, {}, item)
                for agency, item in self.new
            ])
            self.new = []
        if self.updates:
            self._flush_updates()

    def _flush_updates(self):
        fields = [*TRACKED_FIELDS, "licence_number", "licence_key", "normalised_name", "source", "source_url", "fetched_at"]
        with_status = [agency for agency, _before, changes, _item in self.updates if "status" in changes]
        Agency.objects.bulk_update([agency for agency, *_rest in self.updates], fields)
        Agency.objects.bulk_update(with_status, ["status_changed_on"])
        _searchable([agency.pk for agency, *_rest in self.updates])
        LicenceEvent.objects.bulk_create([
            _event(agency.pk, self.run, LicenceEvent.Kind.CHANGED, agency.status_changed_on or item.fetched_at.date(), before,
                   agency.status, changes, item)
            for agency, before, changes, item in self.updates
        ])
        self.updates = []

    def mark_missing(self, ids, fetched_at):
        seen_on = fetched_at.date()
        for start in range(0, len(ids), BATCH_SIZE):
            chunk = ids[start : start + BATCH_SIZE]
            previous = dict(Agency.objects.filter(pk__in=chunk).values_list("pk", "status"))
            Agency.objects.filter(pk__in=chunk).update(status=AgencyStatus.NOT_LISTED, status_changed_on=seen_on)
            _searchable(chunk)
            LicenceEvent.objects.bulk_create([
                LicenceEvent(agency_id=pk, run=self.run, kind=LicenceEvent.Kind.MISSING, occurred_on=seen_on,
                             status_before=previous[pk], status_after=AgencyStatus.NOT_LISTED,
                             changes={"status": [previous[pk], AgencyStatus.NOT_LISTED]},
                             source_url=self.source.url, fetched_at=fetched_at)
                for pk in chunk
            ])


def _caches_stale_on_commit():
    """What was cached about the registry (countries, sources and their as-of dates, lookup-key counts) is stale once
    the applied run commits, even a run that changed no agency."""
    transaction.on_commit(lambda: generation_bump(CACHE_GENERATION))


def _apply(run, source, feed_path, existing, plan, progress):
    writer = _Writer(run, source)
    for position, item in enumerate(_rows(feed_path, source.country, progress, "applying"), start=1):
        if isinstance(item, Rejection) or position in plan.skipped:
            continue
        key = normalise_licence(item.licence_number)
        matched_key = key if key in existing else plan.by_name.get(position)
        if matched_key is not None:
            pk, _normalised, before = existing[matched_key]
            writer.change(pk, before, item, licence_changed=matched_key != key)
        else:
            writer.add(item)
    writer.flush()
    writer.mark_missing(plan.missing_ids, plan.fetched_at or run.started_at)


def _record(run, plan):
    run.rows, run.added, run.changed, run.unchanged = plan.rows, plan.added, plan.changed, plan.unchanged
    run.missing = len(plan.missing_ids)
    run.rejected += plan.rejected
    run.fetched_at = plan.fetched_at
    run.preview = plan.preview
    if plan.reject_reasons:
        reasons = "; ".join(f"{reason} ({count})" for reason, count in plan.reject_reasons.most_common(5))
        run.reason = "\n".join(filter(None, [run.reason, f"Rejected rows: {reasons}"]))


def agency_feed_import(*, source, feed_path, report=None, progress=None):
    """Imports a spider's feed for a registry source; returns the RefreshRun saying what happened.

    `report` is the crawl report the spider wrote (or None for a feed made elsewhere).
    """
    run = RefreshRun(source=source, started_at=timezone.now(), rejected=(report or {}).get("rejected", 0))
    existing = _existing_agencies(source.country)
    try:
        plan = _plan(source, feed_path, existing, progress)
    except FeedError as error:
        run.state, run.reason, run.finished_at = RefreshRun.State.REJECTED, f"{error}. Nothing was changed.", timezone.now()
        run.save()
        return run
    _record(run, plan)
    if plan.rows == 0 and not existing:
        run.state = RefreshRun.State.REJECTED
        run.reason = "\n".join(filter(None, ["The feed has no usable rows. Nothing was changed.", run.reason]))
    elif reasons := _hold_reasons(source, plan, len(existing), report):
        run.state = RefreshRun.State.HELD
        run.reason = "\n".join([*reasons, run.reason]).strip()
        with open(feed_path, "rb") as feed:
            run.feed.save(f"{source.key}-{run.started_at:%Y%m%d-%H%M%S}.jsonl", File(feed), save=False)
    else:
        run.state = RefreshRun.State.APPLIED
        with transaction.atomic():
            run.save()
            _caches_stale_on_commit()
            if plan.added or plan.changed or plan.missing_ids:
                _apply(run, source, feed_path, existing, plan, progress)
    run.finished_at = timezone.now()
    run.save()
    return run


def refresh_run_confirm(*, run, user):
    """A person confirms a held run: its feed is planned again against today's registry and applied."""
    if run.state != RefreshRun.State.HELD:
        raise ValueError("Only a held run can be confirmed.")
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as copy:
        with run.feed.open("rb") as feed:
            shutil.copyfileobj(feed, copy)
        copy.flush()
        existing = _existing_agencies(run.source.country)
        plan = _plan(run.source, copy.name, existing, None)
        with transaction.atomic():
            run.rejected = 0
            _record(run, plan)
            run.state, run.decided_by, run.decided_at = RefreshRun.State.APPLIED, user, timezone.now()
            run.save()
            _caches_stale_on_commit()
            _apply(run, run.source, copy.name, existing, plan, None)
    run.feed.delete(save=True)
    return run


def refresh_run_reject(*, run, user, note=""):
    """A person rejects a held run: nothing from it is applied, and its feed is discarded."""
    return held_run_reject(run=run, user=user, note=note)
