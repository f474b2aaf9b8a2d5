"""Reads of the remittance data: corridors, reference rates and the comparison a worker asks for."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from statistics import median

from django.db.models import DecimalField, F, Func, Value, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from wagtail.models import Locale

from remittance.method import compare, corridor_average, smart_remitter_target
from remittance.models import Corridor, Product, Quote, ReferenceRate

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


def corridors_with_products():
    return list(Corridor.objects.filter(products__isnull=False).distinct().order_by("code"))


def corridor_get(*, code):
    return Corridor.objects.filter(code=code).first()


def _latest_rates(base, quotes, on):
    """The latest rate on or before `on` of base against each quote currency: {quote: ReferenceRate}."""
    rates = {}
    for rate in ReferenceRate.objects.filter(base_currency=base, quote_currency__in=quotes, date__lte=on).order_by("-date"):
        rates.setdefault(rate.quote_currency, rate)
    return rates


def reference_rate(*, corridor, on=None):
    """The corridor's mid-market rate on a day (today by default): direct, inverted, or crossed through EUR or USD."""
    on = on or timezone.localdate()
    sending, receiving = corridor.sending_currency, corridor.receiving_currency
    direct = _latest_rates(sending, [receiving], on).get(receiving)
    if direct:
        return Reference(direct.rate, direct.date, (direct.source,))
    inverse = _latest_rates(receiving, [sending], on).get(sending)
    if inverse:
        return Reference(Decimal(1) / inverse.rate, inverse.date, (inverse.source,))
    for base in CROSS_CURRENCIES:
        rates = _latest_rates(base, [sending, receiving], on)
        if base in (sending, receiving):
            rates[base] = ReferenceRate(rate=Decimal(1), date=on, source="")
        if sending in rates and receiving in rates:
            legs = (rates[sending], rates[receiving])
            sources = tuple(sorted({leg.source for leg in legs if leg.source}))
            return Reference(legs[1].rate / legs[0].rate, min(leg.date for leg in legs), sources)
    return None


def _newest(quotes, corridor=None, nearest_to=None):
    """The newest of the given quotes for each product and amount, in one query.

    With `nearest_to`, only each product's quote for the amount nearest to it (the larger on a tie), newest first:
    one row per product, whatever the history holds.
    """
    if nearest_to is None:
        partition, order = [F("product_id"), F("amount_sent")], [F("fetched_at").desc()]
    else:
        distance = Func(F("amount_sent") - Value(nearest_to), function="ABS", output_field=DecimalField())
        partition, order = [F("product_id")], [distance.asc(), F("amount_sent").desc(), F("fetched_at").desc()]
    newest = quotes.annotate(newest=Window(RowNumber(), partition_by=partition, order_by=order)).filter(newest=1)
    if corridor is None:
        return list(newest.select_related("product__provider", "product__corridor"))
    rows = list(newest.select_related("product__provider"))
    for quote in rows:  # one corridor for all: no need to read it again for every row
        quote.product.corridor = corridor
    return rows


def _latest_quotes(corridor, pay_out, since, nearest_to=None):
    quotes = Quote.objects.filter(product__corridor=corridor)
    if pay_out:
        quotes = quotes.filter(product__pay_out=pay_out)
    if since:
        quotes = quotes.filter(fetched_at__gte=since)
    return _newest(quotes, corridor, nearest_to)


def _latest_quotes_of_products(product_ids):
    return _newest(Quote.objects.filter(product__in=product_ids))


def months_before(day, months):
    """The same day of the month `months` months earlier (the first of the month stays the first)."""
    index = day.year * 12 + day.month - 1 - months
    return day.replace(year=index // 12, month=index % 12 + 1)


def corridor_monthly_costs(*, corridor, months=24):
    """The median total cost of the corridor's quotes per month, oldest first, over the last `months` months."""
    start = months_before(timezone.localdate().replace(day=1), months - 1)
    by_month = {}
    quotes = Quote.objects.filter(product__corridor=corridor, fetched_at__date__gte=start, total_cost__isnull=False)
    for fetched_at, total_cost in quotes.values_list("fetched_at", "total_cost").iterator():
        by_month.setdefault(fetched_at.date().replace(day=1), []).append(total_cost)
    return [(month, median(costs)) for month, costs in sorted(by_month.items())]


def corridor_cheapest(*, corridor, limit=3):
    """The corridor's cheapest products by their latest quote's total cost at its own amount."""
    latest = [quote for quote in _latest_quotes(corridor, None, timezone.now() - FRESH_FOR) if quote.total_cost is not None]
    best = {}
    for quote in sorted(latest, key=lambda quote: quote.total_cost):
        best.setdefault(quote.product_id, quote)
    return list(best.values())[:limit]


def provider_products(*, provider):
    """A provider's products by corridor, each with its latest quotes (one per amount)."""
    products = list(provider.products.select_related("corridor").order_by("corridor__code", "pay_out"))
    latest = {}
    for product in products:
        latest[product.pk] = []
    for quote in _latest_quotes_of_products([product.pk for product in products]):
        latest[quote.product_id].append(quote)
    for product in products:
        product.latest_quotes = sorted(latest[product.pk], key=lambda quote: quote.amount_sent)
    return products


def provider_pages(*, providers):
    """The live provider page of each provider that has one, in the visitor's language where translated."""
    from remittance.pages import ProviderPage

    pages = ProviderPage.objects.live().filter(provider__in=providers, locale=Locale.get_active())
    fallback = ProviderPage.objects.live().filter(provider__in=providers).exclude(provider__in=pages.values("provider"))
    return {page.provider_id: page for page in [*fallback, *pages]}


def corridor_comparison(*, corridor, amount, pay_out=None, include_stale=False):
    """Every product of the corridor priced for the visitor's amount, best first, with the corridor's benchmarks."""
    since = None if include_stale else timezone.now() - FRESH_FOR
    quotes = _latest_quotes(corridor, pay_out, since, nearest_to=amount.amount)
    hidden = 0
    if not include_stale:  # products whose every quote is older than FRESH_FOR
        products = Product.objects.filter(corridor=corridor, quotes__isnull=False)
        if pay_out:
            products = products.filter(pay_out=pay_out)
        hidden = products.exclude(pk__in={quote.product_id for quote in quotes}).distinct().count()
    reference = reference_rate(corridor=corridor)
    if reference is None:  # without a mid-market rate no margin can be worked out: nothing is ranked
        return CorridorComparison(corridor, None, None, hidden, None, None)
    ranking = compare(quotes=quotes, reference_rate=reference.rate, amount=amount)
    return CorridorComparison(
        corridor=corridor, reference=reference, ranking=ranking, hidden_stale=hidden,
        smart_remitter_target=smart_remitter_target(ranking.ranked), average=corridor_average(ranking.ranked),
    )
