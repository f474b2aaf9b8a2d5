"""Reads of the remittance data: corridors, reference rates and the comparison a worker asks for."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from remittance.method import compare, corridor_average, smart_remitter_target
from remittance.models import Corridor, Quote, ReferenceRate

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


def _latest_quotes(corridor, pay_out, since):
    """The newest quote of each product and amount in the corridor, in one query."""
    quotes = Quote.objects.filter(product__corridor=corridor)
    if pay_out:
        quotes = quotes.filter(product__pay_out=pay_out)
    if since:
        quotes = quotes.filter(fetched_at__gte=since)
    newest = quotes.annotate(
        newest=Window(RowNumber(), partition_by=[F("product_id"), F("amount_sent")], order_by=F("fetched_at").desc())
    ).filter(newest=1)
    return list(newest.select_related("product__provider", "product__corridor"))


def corridor_comparison(*, corridor, amount, pay_out=None, include_stale=False):
    """Every product of the corridor priced for the visitor's amount, best first, with the corridor's benchmarks."""
    since = None if include_stale else timezone.now() - FRESH_FOR
    quotes = _latest_quotes(corridor, pay_out, since)
    hidden = 0
    if not include_stale:
        all_quotes = Quote.objects.filter(product__corridor=corridor)
        if pay_out:
            all_quotes = all_quotes.filter(product__pay_out=pay_out)
        hidden = all_quotes.filter(~Q(fetched_at__gte=since)).values("product").distinct().exclude(
            product__in=[quote.product_id for quote in quotes]
        ).count()
    reference = reference_rate(corridor=corridor)
    if reference is None:  # without a mid-market rate no margin can be worked out: nothing is ranked
        return CorridorComparison(corridor, None, None, hidden, None, None)
    ranking = compare(quotes=quotes, reference_rate=reference.rate, amount=amount)
    return CorridorComparison(
        corridor=corridor, reference=reference, ranking=ranking, hidden_stale=hidden,
        smart_remitter_target=smart_remitter_target(ranking.ranked), average=corridor_average(ranking.ranked),
    )
