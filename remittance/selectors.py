"""Reads of the remittance data: corridors, reference rates and the comparison a worker asks for.

The comparison and corridor pages read each corridor's current prices (the newest quote of every product and
amount, and today's reference rate) from the cache, under a key that changes whenever prices may have changed:

- a cache generation (config.generations), bumped whenever a corridor, provider, product, quote, reference rate or
  import run is saved or deleted through the ORM (at once, and again when the transaction commits, since a request
  in between may have cached what was there before);
- the newest row of each of those tables, read in one small query on every request: imports store in bulk
  (no signals), and an import in another process cannot reach a process's own local-memory cache.

So figures are never stale after an import, an upload or an edit in the admin, whatever the cache backend. What is
cached are plain values; each process keeps the latest of each it read, made into models, until its key changes,
so they are not unpickled and built again on every request. (A QuerySet.update() of prices sends no signal and
adds no row: it would need prices_changed() called after it.)
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Value, When, Window
from django.db.models.functions import RowNumber
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from config.generations import generation, generation_bump
from remittance.method import compare, corridor_average, smart_remitter_target
from remittance.models import Corridor, Product, Provider, Quote, ReferenceRate

# Quotes older than this are hidden unless the visitor asks for them.
FRESH_FOR = timedelta(days=30)
# Currencies through which a missing pair is worked out (ECB rates are per euro; pegs are per US dollar).
CROSS_CURRENCIES = ("EUR", "USD")


@dataclass(frozen=True)
class Reference:
    """A mid-market rate for a corridor: receiving currency per unit of the sending currency, and where it came from."""

    rate: Decimal
    date: object
    sources: tuple


@dataclass
class CorridorComparison:
    corridor: Corridor
    reference: Reference | None
    ranking: object
    hidden_stale: int
    smart_remitter_target: Decimal | None
    average: Decimal | None


# --- The cache of current prices -------------------------------------------------------------

# The models whose rows the cached figures are made of (models.py imports this module before PriceRun is defined,
# so they are named, not imported), and the column whose largest value tells that rows were added.
PRICE_MODELS = {"Corridor": "id", "Provider": "id", "Product": "id", "Quote": "id", "ReferenceRate": "id",
                "PriceRun": "finished_at"}
GENERATION = "remittance:prices"
CACHED_FOR = 60 * 60 * 24  # seconds; the keys name the day anyway
MEMO_SLOTS = 4096  # a safety bound: there are a few slots per corridor
_memo = {}  # {slot: (key, value)}: the latest value this process read for each slot, kept unpickled


def prices_changed(**kwargs):
    """Receiver of post_save and post_delete: every cached price figure is out of date, now and once committed."""
    generation_bump(GENERATION)
    transaction.on_commit(partial(generation_bump, GENERATION), using=kwargs.get("using"))


for _name in PRICE_MODELS:
    post_save.connect(prices_changed, sender=f"remittance.{_name}", dispatch_uid=f"remittance-prices-save-{_name}")
    post_delete.connect(prices_changed, sender=f"remittance.{_name}", dispatch_uid=f"remittance-prices-delete-{_name}")


def _newest_rows():
    """The largest id of each price table and the end of the latest import run, in one query."""
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"(SELECT MAX({quote(column)}) FROM {quote(apps.get_model('remittance', name)._meta.db_table)})"
        for name, column in PRICE_MODELS.items()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # names from the models, nothing from outside
        return cursor.fetchone()


def prices_version():
    """What the cached price figures are valid for: changes whenever a price, rate or product may have changed.

    Costs a cache read and one small query; a view that reads several cached figures asks once and passes it on.
    """
    newest = hashlib.blake2b(repr(_newest_rows()).encode(), digest_size=8).hexdigest()
    return f"{generation(GENERATION)}-{newest}"


def _cached(slot, version, read, build=None):
    """What `read()` returns, cached under the slot and version, and `build(it)` when given.

    The process keeps the latest value of each slot (built once); a new version of a slot replaces the old one.
    """
    key = f"{slot}:{version}"
    kept = _memo.get(slot)
    if kept is not None and kept[0] == key:
        return kept[1]
    value = cache.get(key)
    if value is None:
        value = read()
        cache.set(key, value, CACHED_FOR)
    if build is not None:
        value = build(value)
    if len(_memo) >= MEMO_SLOTS:
        _memo.clear()
    _memo[slot] = (key, value)
    return value


# --- Corridors, reference rates and prices ----------------------------------------------------


def corridors_with_products(*, version=None):
    """The corridors that have products, by code (cached)."""
    return _cached(
        "remittance:corridors", version or prices_version(),
        lambda: list(Corridor.objects.filter(products__isnull=False).distinct().order_by("code")),
    )


def corridor_get(*, code):
    return Corridor.objects.filter(code=code).first()


def _latest_rate(base, quote, on):
    """The latest rate of `base` in `quote` on or before `on`, or None: one look-up in the unique index (base, quote,
    then date backwards), never the pair's whole history."""
    return ReferenceRate.objects.filter(base_currency=base, quote_currency=quote, date__lte=on).order_by("-date").first()


def reference_rate(*, corridor, on=None):
    """The corridor's mid-market rate on a day (today by default): direct, inverted, or crossed through EUR or USD."""
    on = on or timezone.localdate()
    sending, receiving = corridor.sending_currency, corridor.receiving_currency
    direct = _latest_rate(sending, receiving, on)
    if direct:
        return Reference(direct.rate, direct.date, (direct.source,))
    inverse = _latest_rate(receiving, sending, on)
    if inverse:
        return Reference(Decimal(1) / inverse.rate, inverse.date, (inverse.source,))
    itself = ReferenceRate(rate=Decimal(1), date=on, source="")  # the cross currency in itself
    for base in CROSS_CURRENCIES:
        to_sending = itself if base == sending else _latest_rate(base, sending, on)
        to_receiving = to_sending and (itself if base == receiving else _latest_rate(base, receiving, on))
        if to_receiving:
            legs = (to_sending, to_receiving)
            sources = tuple(sorted({leg.source for leg in legs if leg.source}))
            return Reference(to_receiving.rate / to_sending.rate, min(leg.date for leg in legs), sources)
    return None


def _newest(quotes):
    """The newest of the given quotes for each product and amount (the larger pk on a tie), in one query.

    The window needs only the columns of the index remittance_quote_newest; only the rows it picks are read in full.
    """
    order = [F("fetched_at").desc(), F("pk").desc()]
    newest = quotes.order_by().annotate(
        newest=Window(RowNumber(), partition_by=[F("product_id"), F("amount_sent")], order_by=order)
    ).filter(newest=1)
    return Quote.objects.filter(pk__in=newest.values("pk"))


@dataclass(frozen=True)
class CorridorPrices:
    """A corridor's current prices: what every comparison of the corridor is worked out from."""

    quotes: tuple  # the newest quote of each product and amount (fetched since a time, or ever), product at hand
    pay_outs: dict  # {product pk: pay-out} of every product of the corridor with a quote, however old
    reference: Reference | None  # today's mid-market rate


# A quote is read with its product and provider, every stored field of each, in one row (a related row's id is
# the foreign key before it: a query names a column once).
def _stored(model, prefix=""):
    return [prefix + field.name for field in model._meta.concrete_fields if not (prefix and field.primary_key)]


_QUOTE, _PRODUCT, _PROVIDER = _stored(Quote), _stored(Product, "product__"), _stored(Provider, "product__provider__")
# Part of the key: values cached by a release whose models had other fields are never read as this one's.
_FIELDS = hashlib.blake2b(" ".join([*_QUOTE, *_PRODUCT, *_PROVIDER]).encode(), digest_size=4).hexdigest()


def _corridor_prices_read(corridor, since):
    """What is cached of the corridor's prices: plain values (quick to pickle), made into models by _build."""
    quotes = Quote.objects.filter(product__corridor=corridor)
    if since is not None:
        quotes = quotes.filter(fetched_at__gte=since)
    product_at, provider_at = _QUOTE.index("product"), len(_QUOTE) + _PRODUCT.index("product__provider")
    rows, products, providers = [], {}, {}
    for row in _newest(quotes).order_by().values_list(*_QUOTE, *_PRODUCT, *_PROVIDER):
        rows.append(row[: len(_QUOTE)])
        products[row[product_at]] = (row[product_at], *row[len(_QUOTE) : len(_QUOTE) + len(_PRODUCT)])
        providers[row[provider_at]] = (row[provider_at], *row[len(_QUOTE) + len(_PRODUCT) :])
    priced = Product.objects.filter(corridor=corridor).filter(Exists(Quote.objects.filter(product=OuterRef("pk"))))
    return rows, products, providers, dict(priced.values_list("pk", "pay_out")), reference_rate(corridor=corridor)


def _corridor_prices_build(corridor, values):
    rows, products, providers, pay_outs, reference = values
    database = Quote.objects.db
    providers = {pk: Provider.from_db(database, None, fields) for pk, fields in providers.items()}
    made = {}
    for pk, fields in products.items():
        made[pk] = product = Product.from_db(database, None, fields)
        product.provider, product.corridor = providers[product.provider_id], corridor
    quotes = []
    for fields in rows:
        quotes.append(quote := Quote.from_db(database, None, fields))
        quote.product = made[quote.product_id]
    return CorridorPrices(tuple(quotes), pay_outs, reference)


def _corridor_prices(corridor, since, version):
    """The corridor's current prices: its quotes fetched since `since` (a time), or all of them with None (cached).

    The fresh prices are cached from the start of the day of `since`, so the key changes once a day: the newest
    quote since that day is the newest since `since` whenever it is not older than `since` itself.
    """
    start = None if since is None else since.replace(hour=0, minute=0, second=0, microsecond=0)
    slot = f"remittance:prices:{_FIELDS}:{corridor.pk}:{'all' if start is None else 'fresh'}"
    version = f"{'' if start is None else start.date().isoformat()}:{timezone.localdate().isoformat()}:{version or prices_version()}"
    return _cached(slot, version, lambda: _corridor_prices_read(corridor, start),
                   lambda values: _corridor_prices_build(corridor, values))


def months_before(day, months):
    """The same day of the month `months` months earlier (the first of the month stays the first)."""
    index = day.year * 12 + day.month - 1 - months
    return day.replace(year=index // 12, month=index % 12 + 1)


def _monthly_costs_read(corridor, start, months):
    """The database ranks each month's total costs and returns only the middle one or two of each: a few rows,
    however many quotes the corridor has. Months are those of the current time zone."""
    zone = timezone.get_current_timezone()
    bounds = [datetime.combine(months_before(start, -index), time.min, tzinfo=zone) for index in range(months + 1)]
    month = Case(*(When(fetched_at__lt=bound, then=Value(index)) for index, bound in enumerate(bounds[1:])),
                 output_field=IntegerField())
    middle = (
        Quote.objects.filter(product__corridor=corridor, fetched_at__gte=bounds[0], fetched_at__lt=bounds[-1],
                             total_cost__isnull=False)
        .order_by()
        .annotate(month=month)
        .annotate(
            position=Window(RowNumber(), partition_by=[F("month")], order_by=[F("total_cost").asc()]),
            count=Window(Count("pk"), partition_by=[F("month")]),
        )
        # The middle of n rows: position (n + 1) / 2 when n is odd, n / 2 and n / 2 + 1 when it is even.
        .annotate(twice=F("position") * 2)
        .filter(twice__gte=F("count"), twice__lte=F("count") + 2)
        .values_list("month", "position", "total_cost")
    )
    by_month = {}
    for index, _position, total_cost in sorted(middle):
        by_month.setdefault(index, []).append(total_cost)
    # As statistics.median: the middle value, or the mean of the two middle values.
    return [(months_before(start, -index), costs[0] if len(costs) == 1 else (costs[0] + costs[1]) / 2)
            for index, costs in sorted(by_month.items())]


def corridor_monthly_costs(*, corridor, months=24, version=None):
    """The median total cost of the corridor's quotes per month, oldest first, over the last `months` months (cached)."""
    start = months_before(timezone.localdate().replace(day=1), months - 1)
    return _cached(f"remittance:monthly:{corridor.pk}:{months}", f"{start.isoformat()}:{version or prices_version()}",
                   lambda: _monthly_costs_read(corridor, start, months))


def corridor_cheapest(*, corridor, limit=3, version=None):
    """The corridor's cheapest products by their latest quote's total cost at its own amount."""
    since = timezone.now() - FRESH_FOR
    latest = [quote for quote in _corridor_prices(corridor, since, version).quotes
              if quote.fetched_at >= since and quote.total_cost is not None]
    best = {}
    for quote in sorted(latest, key=lambda quote: quote.total_cost):
        best.setdefault(quote.product_id, quote)
    return list(best.values())[:limit]


def provider_products(*, provider):
    """A provider's products by corridor, each with its latest quotes (one per amount)."""
    products = list(provider.products.select_related("corridor").order_by("corridor__code", "pay_out"))
    latest = {product.pk: [] for product in products}
    for quote in _newest(Quote.objects.filter(product__in=list(latest))):
        latest[quote.product_id].append(quote)
    for product in products:
        product.latest_quotes = sorted(latest[product.pk], key=lambda quote: quote.amount_sent)
    return products


def _content_language():
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def provider_pages(*, providers):
    """The live provider page of each provider that has one, in the visitor's language where translated, in one
    query (otherwise the page in the language it was first written in)."""
    from remittance.pages import ProviderPage

    language = _content_language()
    pages = {}
    for page in ProviderPage.objects.live().filter(provider__in=providers).select_related("locale").order_by("pk"):
        chosen = pages.get(page.provider_id)
        if chosen is None or (page.locale.language_code == language and chosen.locale.language_code != language):
            pages[page.provider_id] = page
    return pages


def corridor_comparison(*, corridor, amount, pay_out=None, include_stale=False, version=None):
    """Every product of the corridor priced for the visitor's amount, best first, with the corridor's benchmarks.

    Worked out from the corridor's cached current prices: no query grows with the number of products or quotes.
    """
    since = None if include_stale else timezone.now() - FRESH_FOR
    prices = _corridor_prices(corridor, since, version)
    quotes = [quote for quote in prices.quotes
              if (not pay_out or quote.product.pay_out == pay_out) and (since is None or quote.fetched_at >= since)]
    hidden = 0
    if not include_stale:  # products whose every quote is older than FRESH_FOR
        fresh = {quote.product_id for quote in quotes}
        hidden = sum(1 for pk, product_pay_out in prices.pay_outs.items()
                     if pk not in fresh and (not pay_out or product_pay_out == pay_out))
    reference = prices.reference
    if reference is None:  # without a mid-market rate no margin can be worked out: nothing is ranked
        return CorridorComparison(corridor, None, None, hidden, None, None)
    ranking = compare(quotes=quotes, reference_rate=reference.rate, amount=amount)
    return CorridorComparison(
        corridor=corridor, reference=reference, ranking=ranking, hidden_stale=hidden,
        smart_remitter_target=smart_remitter_target(ranking.ranked), average=corridor_average(ranking.ranked),
    )
