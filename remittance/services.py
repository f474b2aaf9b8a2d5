"""Writes to the remittance prices: importing the World Bank's RPW workbook and the pricing spiders' feeds, storing
checked price rows, importing reference rates, and a person's decision on a held run.

An import streams the workbook once, inside one transaction, in batches of rows, so memory stays flat however
long the sheet is. It creates the corridors, providers and products it needs and stores each new price point
as a Quote with its reference rate and total cost. It never deletes anything, and writes nothing for a price
point already stored: the same product, amount, fetched_at and source is "unchanged", whatever its figures.

Identities: a corridor is its two countries and currencies; a provider is its slug (slugify of the firm's
name, so "WESTERN UNION" and "Western Union" are one provider, whose name and type are kept as first stored);
a product is its provider, corridor, pay-in and pay-out. A product's speed, transparency and accessibility follow
its latest period: a new quote from a later period than any stored one updates them. A second row of the same product,
amount and date in one file is rejected (the first is kept), since a product has one price per amount and day.

When the run looks wrong (far fewer usable rows than the last applied run of the source; for a feed, also a
large share of rejected rows) or has no usable row, everything it did is rolled back: the run is held for a
person, with its file kept, or rejected. A damaged workbook, a missing sheet or missing columns, or a feed that
is not UTF-8 JSON lines, reject the run, and nothing is changed. A price feed is applied row by row through the
same store as partners' uploads (price_rows_store), inside the run's transaction.
"""

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from hashlib import sha1

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from config.runs import held_run_reject
from remittance.method import fx_margin_percent, percent_rounded, total_cost_percent
from remittance.models import Corridor, FeeMode, PriceRun, Product, Provider, Quote, ReferenceRate
from remittance.prices import PriceFeedError, PriceRowError, read_price_feed
from remittance.rates import read_rate_feed
from remittance.rpw import SOURCE, SOURCE_URL, Rejection, RpwError, read_rpw
from remittance.selectors import reference_rate

BATCH_SIZE = 500  # sheet rows per batch: up to twice as many quotes
PREVIEW_PER_KIND = 20
PROGRESS_EVERY = 1000
MIN_ROW_SHARE = 0.7  # a run with fewer usable rows than this share of the last applied run's is held
MAX_REJECTED_SHARE = 0.2  # a feed with more than this share of its rows rejected is held
REJECTED_PREFIX = "Rejected: "


@lru_cache(maxsize=4096)
def provider_slug(name):
    """The provider's slug: slugify of its name, or a digest of it for a name slugify leaves empty."""
    slug = slugify(name)[:120].strip("-")
    return slug or f"provider-{sha1(name.casefold().encode()).hexdigest()[:12]}"


@dataclass
class _Tally:
    """What a run found, counted as it goes; the preview keeps the first rows of each kind."""

    rows: int = 0
    added: int = 0
    unchanged: int = 0
    rejected: int = 0
    reasons: Counter = field(default_factory=Counter)
    preview: list = field(default_factory=list)
    fetched_at: datetime | None = None
    _shown: Counter = field(default_factory=Counter)

    def note(self, kind, entry):
        if self._shown[kind] < PREVIEW_PER_KIND:
            self._shown[kind] += 1
            self.preview.append({"kind": kind, **entry})

    def reject(self, line, reason, summary, rpw_id=""):
        self.rejected += 1
        self.reasons[summary] += 1
        self.note("rejected", {"row": line, "id": rpw_id, "reason": reason})


@dataclass
class _ProductState:
    pk: int
    speed: str
    transparent: bool
    accessible: bool
    latest: datetime | None  # the latest fetched_at of its quotes
    changed: bool = False


def _corridor_key(row):
    return (row.sending_country, row.sending_currency, row.receiving_country, row.receiving_currency)


class _Importer:
    """Applies the rows of one workbook in batches; the caller owns the transaction."""

    def __init__(self, progress):
        self.progress = progress
        self.tally = _Tally()
        self.corridors = {}  # corridor key -> (pk, code)
        self.providers = {}  # slug -> pk
        self.products = {}  # (provider pk, corridor pk, pay-in, pay-out) -> _ProductState
        self.loaded_pairs = set()  # (provider pk, corridor pk) whose products are in self.products
        # Quotes with a larger pk were stored by this run: a row matching one repeats an earlier row of the file.
        self.stored_before = Quote.objects.aggregate(last=Max("pk"))["last"] or 0
        self.batch = []

    def run(self, path):
        for count, item in enumerate(read_rpw(path), start=1):
            if self.progress and count % PROGRESS_EVERY == 0:
                self.progress("importing", count)
            if isinstance(item, Rejection):
                self.tally.reject(item.line, item.reason, item.summary, item.rpw_id)
                continue
            self.batch.append(item)
            if len(self.batch) >= BATCH_SIZE:
                self.flush()
        self.flush()
        return self.tally

    def flush(self):
        rows, self.batch = self.batch, []
        if not rows:
            return
        self._resolve_corridors(rows)
        self._resolve_providers(rows)
        self._resolve_products(rows)
        stored = self._stored_quotes(rows)
        new, seen = [], set()
        for row in rows:
            self.tally.rows += 1
            self.tally.fetched_at = max(filter(None, (self.tally.fetched_at, row.fetched_at)))
            for error in row.rejected_points:
                self.tally.reject(row.line, str(error), error.summary, row.rpw_id)
            product = self.products[self._product_key(row)]
            added = False
            for point in row.points:
                key = (product.pk, point.amount, row.fetched_at)
                if key in seen or stored.get(key, 0) > self.stored_before:
                    self.tally.reject(
                        row.line, f"{point.point}: the same product (firm, pay-in, pay-out), amount and date as an "
                        "earlier row of this file, which is kept", "a product repeated in one period (the first row is kept)",
                        row.rpw_id,
                    )
                elif key in stored:
                    self.tally.unchanged += 1
                    self.tally.note("unchanged", self._entry(row, point))
                else:
                    seen.add(key)
                    new.append(self._quote(product, row, point))
                    self.tally.added += 1
                    self.tally.note("added", self._entry(row, point))
                    added = True
            if added:
                self._follow_latest(product, row)
        Quote.objects.bulk_create(new, batch_size=BATCH_SIZE)
        changed = [state for state in self.products.values() if state.changed]
        if changed:
            Product.objects.bulk_update(
                [Product(pk=state.pk, speed=state.speed, transparent=state.transparent, accessible=state.accessible)
                 for state in changed],
                ["speed", "transparent", "accessible"],
            )
            for state in changed:
                state.changed = False

    def _product_key(self, row):
        return (self.providers[provider_slug(row.firm)], self.corridors[_corridor_key(row)][0], row.pay_in, row.pay_out)

    def _resolve_corridors(self, rows):
        wanted = {_corridor_key(row) for row in rows} - self.corridors.keys()
        if not wanted:
            return
        found = Corridor.objects.filter(
            sending_country__in={key[0] for key in wanted}, receiving_country__in={key[2] for key in wanted}
        ).values_list("pk", "code", "sending_country", "sending_currency", "receiving_country", "receiving_currency")
        for pk, code, *key in found:
            self.corridors[tuple(key)] = (pk, code)
        for key in sorted(wanted - self.corridors.keys()):
            corridor = Corridor(sending_country=key[0], sending_currency=key[1], receiving_country=key[2],
                                receiving_currency=key[3])
            corridor.save()  # save() works out the corridor's code
            self.corridors[key] = (corridor.pk, corridor.code)

    def _resolve_providers(self, rows):
        wanted = {}
        for row in rows:
            slug = provider_slug(row.firm)
            if slug not in self.providers:
                wanted.setdefault(slug, row)
        if not wanted:
            return
        self.providers.update(Provider.objects.filter(slug__in=wanted).values_list("slug", "pk"))
        new = [Provider(name=row.firm, slug=slug, type=row.firm_type)
               for slug, row in wanted.items() if slug not in self.providers]
        for provider in Provider.objects.bulk_create(new):
            self.providers[provider.slug] = provider.pk

    def _resolve_products(self, rows):
        pairs = {(self.providers[provider_slug(row.firm)], self.corridors[_corridor_key(row)][0]) for row in rows}
        pairs -= self.loaded_pairs
        if pairs:
            found = (
                Product.objects.filter(provider_id__in={pair[0] for pair in pairs},
                                       corridor_id__in={pair[1] for pair in pairs})
                .annotate(latest=Max("quotes__fetched_at"))
                .values_list("pk", "provider_id", "corridor_id", "pay_in", "pay_out", "speed", "transparent", "accessible",
                             "latest")
            )
            for pk, provider_id, corridor_id, pay_in, pay_out, *state in found:
                self.products[(provider_id, corridor_id, pay_in, pay_out)] = _ProductState(pk, *state)
            self.loaded_pairs |= pairs
        new = {}
        for row in rows:
            key = self._product_key(row)
            if key not in self.products and key not in new:
                new[key] = Product(provider_id=key[0], corridor_id=key[1], pay_in=key[2], pay_out=key[3],
                                   speed=row.speed, transparent=row.transparent, accessible=row.accessible)
        for key, product in zip(new, Product.objects.bulk_create(new.values())):
            self.products[key] = _ProductState(product.pk, product.speed, product.transparent, product.accessible, None)

    def _stored_quotes(self, rows):
        """{(product pk, amount, fetched_at): quote pk} of the RPW quotes the batch could repeat."""
        quotes = Quote.objects.filter(
            source=SOURCE, product_id__in={self.products[self._product_key(row)].pk for row in rows},
            fetched_at__in={row.fetched_at for row in rows},
        ).values_list("pk", "product_id", "amount_sent", "fetched_at")
        return {(product_id, amount, fetched_at): pk for pk, product_id, amount, fetched_at in quotes}

    @staticmethod
    def _follow_latest(product, row):
        if product.latest is not None and row.fetched_at <= product.latest:
            return
        product.latest = row.fetched_at
        if (product.speed, product.transparent, product.accessible) != (row.speed, row.transparent, row.accessible):
            product.speed, product.transparent, product.accessible = row.speed, row.transparent, row.accessible
            product.changed = True

    @staticmethod
    def _quote(product, row, point):
        return Quote(
            product_id=product.pk, amount_sent=point.amount, fee=point.fee, fee_mode=FeeMode.ON_TOP,
            offered_rate=point.offered_rate, reference_rate=point.reference_rate, total_cost=point.total_cost,
            fetched_at=row.fetched_at, source=SOURCE, source_url=SOURCE_URL,
        )

    def _entry(self, row, point):
        return {
            "row": row.line, "id": row.rpw_id, "period": row.period, "corridor": self.corridors[_corridor_key(row)][1],
            "firm": row.firm, "point": point.point, "amount": str(point.amount), "fee": str(point.fee),
            "offered_rate": None if point.offered_rate is None else str(point.offered_rate),
            "total_cost": None if point.total_cost is None else str(percent_rounded(point.total_cost)),
        }


def _record(run, tally, notes):
    run.rows, run.added, run.unchanged, run.rejected = tally.rows, tally.added, tally.unchanged, tally.rejected
    run.fetched_at, run.preview = tally.fetched_at, tally.preview
    lines = list(notes)
    if tally.reasons:
        lines.append(REJECTED_PREFIX + "; ".join(f"{reason} ({count})" for reason, count in tally.reasons.most_common(5)))
    run.reason = "\n".join(lines)


def _read_rpw(path, source, progress):
    return _Importer(progress).run(path)


class _PriceStore:
    """Stores checked price rows one at a time, looking each corridor, provider and product up once; the caller owns
    the transaction."""

    def __init__(self, source):
        self.source = source
        self.corridors, self.providers, self.products, self.references = {}, {}, {}, {}

    def store(self, row):
        """(quote, added): the row's new Quote, or the one already stored for its product, amount, time and source."""
        corridor_key = _corridor_key(row)
        if corridor_key not in self.corridors:
            self.corridors[corridor_key] = Corridor.objects.get_or_create(
                sending_country=row.sending_country, sending_currency=row.sending_currency,
                receiving_country=row.receiving_country, receiving_currency=row.receiving_currency,
            )[0]
        corridor = self.corridors[corridor_key]
        slug = provider_slug(row.provider)
        if slug not in self.providers:
            self.providers[slug] = Provider.objects.get_or_create(
                slug=slug, defaults={"name": row.provider, "type": row.provider_type}
            )[0]
        product_key = (slug, corridor_key, row.pay_in, row.pay_out)
        if product_key not in self.products:
            self.products[product_key] = Product.objects.get_or_create(
                provider=self.providers[slug], corridor=corridor, pay_in=row.pay_in, pay_out=row.pay_out,
                defaults={"speed": row.speed, "transparent": row.offered_rate is not None, "accessible": True},
            )[0]
        product = self.products[product_key]
        stored = Quote.objects.filter(
            product=product, amount_sent=row.amount_sent, fetched_at=row.fetched_at, source=self.source
        ).first()
        if stored is not None:
            return stored, False
        day = (corridor.pk, row.fetched_at.date())
        if day not in self.references:  # a feed's rows share a few days: each corridor's rate is looked up once a day
            self.references[day] = reference_rate(corridor=corridor, on=day[1])
        reference = self.references[day]
        margin = fx_margin_percent(offered=row.offered_rate, reference=reference.rate) if reference else None
        return Quote.objects.create(
            product=product, amount_sent=row.amount_sent, fee=row.fee, fee_mode=row.fee_mode, offered_rate=row.offered_rate,
            reference_rate=reference.rate if reference else None,
            total_cost=None if margin is None else total_cost_percent(fee=row.fee, amount=row.amount_sent, margin=margin),
            fetched_at=row.fetched_at, source=self.source, source_url=row.source_url,
        ), True


def _read_price_feed(path, source, progress):
    tally, store = _Tally(), _PriceStore(source)
    for count, (line, item) in enumerate(read_price_feed(path), start=1):
        if progress and count % PROGRESS_EVERY == 0:
            progress("importing", count)
        if isinstance(item, PriceRowError):
            tally.reject(line, str(item), item.summary)
            continue
        quote, added = store.store(item)
        tally.rows += 1
        tally.fetched_at = max(filter(None, (tally.fetched_at, item.fetched_at)))
        if added:
            tally.added += 1
        else:
            tally.unchanged += 1
        tally.note("added" if added else "unchanged", {
            "row": line, "corridor": store.corridors[_corridor_key(item)].code, "firm": item.provider,
            "amount": str(item.amount_sent), "fee": str(item.fee),
            "offered_rate": None if item.offered_rate is None else str(item.offered_rate),
            "total_cost": None if quote.total_cost is None else str(percent_rounded(quote.total_cost)),
        })
    return tally


@dataclass(frozen=True)
class _Input:
    """What a kind of price run reads: its name in a reason, its held file's suffix, and read(path, source,
    progress), which applies it in the caller's transaction and returns the _Tally; it raises RpwError or
    PriceFeedError when the input as a whole cannot be used."""

    noun: str
    suffix: str
    read: Callable


_INPUTS = {
    PriceRun.Kind.RPW_WORKBOOK: _Input("workbook", ".xlsx", _read_rpw),
    PriceRun.Kind.PRICE_FEED: _Input("feed", ".jsonl", _read_price_feed),
}


def _import(run, path, progress, hold_reasons, notes=()):
    """Reads and applies the run's input in one transaction, rolled back unless the run is applied; sets run.state."""
    what = _INPUTS[run.kind]
    try:
        with transaction.atomic():
            tally = what.read(path, run.source, progress)
            if tally.rows == 0:
                _record(run, tally, [f"The {what.noun} has no usable rows. Nothing was changed.", *notes])
                run.state = PriceRun.State.REJECTED
                transaction.set_rollback(True)
            elif reasons := hold_reasons(tally):
                _record(run, tally, [*reasons, *notes])
                run.state = PriceRun.State.HELD
                transaction.set_rollback(True)
            else:
                _record(run, tally, notes)
                run.state, run.finished_at = PriceRun.State.APPLIED, timezone.now()
                run.save()
    except (RpwError, PriceFeedError) as error:
        run.state = PriceRun.State.REJECTED
        run.rows = run.added = run.unchanged = run.rejected = 0
        run.fetched_at, run.preview = None, []
        run.reason = "\n".join([f"{error}. Nothing was changed.", *notes])


def _check_share(share):
    if not 0 <= share <= 1:
        raise ValueError(f"min_row_share is a share between 0 and 1, not {share}.")


def _fewer_rows(run, tally, min_row_share):
    """Why the run is held when it has far fewer usable rows than the last applied run of its source and kind."""
    last = (PriceRun.objects.filter(source=run.source, kind=run.kind, state=PriceRun.State.APPLIED)
            .order_by("-started_at").first())
    if last is not None and tally.rows < last.rows * min_row_share:
        return [f"The {_INPUTS[run.kind].noun} has {tally.rows} usable rows, far fewer than the {last.rows} of the "
                "last applied run"]
    return []


def _price_import(run, path, progress, hold_reasons):
    """Imports the run's input; a held run keeps it (for price_run_confirm), a run not applied is saved as it ended."""
    _import(run, path, progress, hold_reasons)
    if run.state != PriceRun.State.APPLIED:
        if run.state == PriceRun.State.HELD:
            with open(path, "rb") as held:
                name = f"{run.source}-{run.started_at:%Y%m%d-%H%M%S}{_INPUTS[run.kind].suffix}"
                run.feed.save(name, File(held), save=False)
        run.finished_at = timezone.now()
        run.save()
    return run


def rpw_import(*, path, progress=None, min_row_share=MIN_ROW_SHARE):
    """Imports the World Bank's RPW workbook (.xlsx) at `path`; returns the PriceRun saying what happened.

    `progress(phase, rows)` is called every 1,000 rows read. A run with fewer usable rows than `min_row_share`
    of the last applied RPW run is held for a person (price_run_confirm or price_run_reject), its file kept.
    """
    _check_share(min_row_share)
    run = PriceRun(source=SOURCE, kind=PriceRun.Kind.RPW_WORKBOOK, started_at=timezone.now())
    return _price_import(run, path, progress, lambda tally: _fewer_rows(run, tally, min_row_share))


def price_feed_import(*, path, source, progress=None, min_row_share=MIN_ROW_SHARE):
    """Imports a price feed (JSON lines, as the pricing spiders write it) at `path`, its quotes stored under `source`
    (the feed's source key, e.g. wise_compare); returns the PriceRun saying what happened.

    `progress(phase, rows)` is called every 1,000 lines read. The run is held for a person, its feed kept, when it has
    fewer usable rows than `min_row_share` of the last applied run of the source, or when more than
    MAX_REJECTED_SHARE of its rows are rejected; it is rejected, nothing changed, when it has no usable row or the
    file cannot be read as a feed.
    """
    _check_share(min_row_share)
    run = PriceRun(source=source, kind=PriceRun.Kind.PRICE_FEED, started_at=timezone.now())

    def hold_reasons(tally):
        reasons = _fewer_rows(run, tally, min_row_share)
        read = tally.rows + tally.rejected
        if tally.rejected > read * MAX_REJECTED_SHARE:
            reasons.append(f"{tally.rejected} of the feed's {read} rows were rejected, more than "
                           f"{MAX_REJECTED_SHARE:.0%}")
        return reasons

    return _price_import(run, path, progress, hold_reasons)


def price_run_confirm(*, run, user, progress=None):
    """A person confirms a held run: its kept input (an RPW workbook or a price feed) is read again against today's
    data and applied.

    It can still end rejected, when the kept file has no usable rows any more or cannot be read.
    """
    if run.state != PriceRun.State.HELD:
        raise ValueError("Only a held run can be confirmed.")
    held_because = [line for line in run.reason.splitlines() if line and not line.startswith(REJECTED_PREFIX)]
    notes = [f"Confirmed by a person; it was held because: {' '.join(held_because) or 'no reason given'}"]
    run.decided_by, run.decided_at = user, timezone.now()
    with tempfile.NamedTemporaryFile(suffix=_INPUTS[run.kind].suffix) as copy:
        with run.feed.open("rb") as feed:
            shutil.copyfileobj(feed, copy)
        copy.flush()
        _import(run, copy.name, progress, lambda tally: [], notes)
    run.finished_at = run.finished_at if run.state == PriceRun.State.APPLIED else timezone.now()
    run.feed.delete(save=False)
    run.save()
    return run


def price_run_reject(*, run, user, note=""):
    """A person rejects a held run: nothing from it is applied, and its file is discarded."""
    return held_run_reject(run=run, user=user, note=note)


@transaction.atomic
def price_rows_store(*, rows, source):
    """Stores checked price rows (remittance.prices.PriceRow) from an upload or a pricing feed, in one transaction.

    Corridors, providers and products are made as needed; a row whose product, amount, time and source are already
    stored is unchanged. Each new quote is judged against the reference rate of its day. Returns (added, unchanged).
    """
    store = _PriceStore(source)
    added = [store.store(row)[1] for row in rows]
    return added.count(True), added.count(False)


@transaction.atomic
def reference_rates_import(*, path, source):
    """Stores a rate feed's rates under `source`, in one transaction; a rate already stored for its pair, day and
    source is kept as it is. Returns (added, unchanged, rejected reasons by line); RateFeedError stores nothing."""
    rows, rejected = [], {}
    for line, item in read_rate_feed(path):
        if isinstance(item, str):
            rejected[line] = item
        else:
            rows.append(item)
    known = set(
        ReferenceRate.objects.filter(source=source, date__in={row.date for row in rows})
        .values_list("base_currency", "quote_currency", "date")
    )
    new = {}
    for row in rows:
        key = (row.base, row.quote, row.date)
        if key not in known:
            new.setdefault(key, ReferenceRate(base_currency=row.base, quote_currency=row.quote, rate=row.rate,
                                              date=row.date, source=source, source_url=row.source_url))
    ReferenceRate.objects.bulk_create(new.values())
    return len(new), len(rows) - len(new), rejected
