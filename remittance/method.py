"""The cost of sending money, by the method of the World Bank's Remittance Prices Worldwide (RPW).

All figures are Decimals. Percentages keep their full precision; `percent_rounded` rounds one for display.

- FX margin: (1 - offered rate / reference rate) x 100. It is negative when the provider's rate beats the
  reference rate, and is never clamped.
- Total cost: fee / amount sent x 100 + FX margin, whichever way the fee is charged (as RPW counts it).
- A provider that does not disclose its rate has no margin and no total cost: such rows are listed apart,
  never ranked as if their margin were zero.
- Services are ranked by total cost, not by the amount received: a fee added on top does not reduce what
  arrives, so ranking by what arrives would ignore it. The cheapest is the first by total cost, whatever
  order a page then shows the rows in (what arrives, or speed, for one amount sent).
"""

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from remittance.models import FeeMode, Speed
from remittance.money import round_to_currency

HUNDRED = Decimal(100)
SDG_TARGET_PERCENT = Decimal(3)  # Sustainable Development Goal 10.c: remittance costs below 3 % by 2030
SMART_SERVICES = 3
FEE_MODES = frozenset(FeeMode.values)  # FeeMode.values makes a new list on every use


def _require(condition, message):
    if not condition:
        raise ValueError(message)


def _positive(value):
    return value.is_finite() and value > 0


def _not_negative(value):
    return value.is_finite() and value >= 0


def percent_rounded(percent):
    """A percentage rounded half up to 2 decimals, for display: 1.91387 -> 1.91."""
    return percent.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fx_margin_percent(*, offered, reference):
    """How much worse than the reference rate the offered rate is, in percent; None when the rate is undisclosed."""
    _require(_positive(reference), f"The reference rate must be more than zero, not {reference}.")
    if offered is None:
        return None
    _require(_positive(offered), f"An offered rate must be more than zero, not {offered}.")
    return (1 - offered / reference) * HUNDRED


def total_cost_percent(*, fee, amount, margin):
    """The fee's share of the amount sent plus the FX margin, in percent; None when the margin is unknown."""
    _require(_positive(amount), f"The amount sent must be more than zero, not {amount}.")
    _require(_not_negative(fee), f"A fee cannot be negative: {fee}.")
    if margin is None:
        return None
    return fee / amount * HUNDRED + margin


def amount_received(*, amount, fee, fee_mode, offered, currency):
    """What arrives, in the receiving `currency` and rounded to its digits; None when the rate is undisclosed.

    A fee added on top leaves the whole amount to convert; a fee taken from the amount leaves amount - fee.
    """
    _require(_positive(amount), f"The amount sent must be more than zero, not {amount}.")
    _require(_not_negative(fee), f"A fee cannot be negative: {fee}.")
    _require(fee_mode in FEE_MODES, f"Unknown fee mode {fee_mode!r}.")
    converted = amount if fee_mode == FeeMode.ON_TOP else amount - fee
    _require(_positive(converted), f"A fee of {fee} taken from {amount} leaves nothing to send.")
    if offered is None:
        return None
    _require(_positive(offered), f"An offered rate must be more than zero, not {offered}.")
    return round_to_currency(converted * offered, currency)


@dataclass(frozen=True)
class Comparison:
    """One product's figures for the visitor's amount, worked out from one of its quotes.

    The quote's fee is applied as quoted. It is exactly the provider's fee only when the quote was for the
    visitor's amount (`exact`); otherwise it is the fee for `quote.amount_sent`, the nearest amount quoted,
    which the page must say. `received`, `margin` and `total_cost` are None when the rate is undisclosed.
    """

    quote: object
    amount: Decimal  # the visitor's amount, in the sending currency, without the fee
    to_pay: Decimal  # what the sender hands over: the amount, plus the fee when it is added on top
    received: Decimal | None
    margin: Decimal | None
    total_cost: Decimal | None
    cheapest: bool = False
    above_target: bool = False

    @property
    def product(self):
        return self.quote.product

    @property
    def fee(self):
        return self.quote.fee

    @property
    def exact(self):
        return self.quote.amount_sent == self.amount


class Ranking(NamedTuple):
    """A corridor's services for one amount, in three lists."""

    ranked: tuple  # Comparisons with a disclosed rate, cheapest first
    undisclosed: tuple  # Comparisons whose rate the provider does not disclose, by provider name
    fee_exceeds_amount: tuple  # quotes whose fee, taken from the amount, would leave nothing to send


def _nearest(quotes, amount):
    """Each product's quote for the amount nearest the visitor's: on a tie the larger (fees rise with the
    amount, so it does not understate the fee), then the latest."""
    nearest = {}
    for quote in quotes:
        key = (-abs(quote.amount_sent - amount), quote.amount_sent, quote.fetched_at)
        best = nearest.get(quote.product_id)
        if best is None or key > best[0]:
            nearest[quote.product_id] = (key, quote)
    return [quote for _key, quote in nearest.values()]


def _row(quote, amount, reference_rate):
    corridor = quote.product.corridor
    margin = fx_margin_percent(offered=quote.offered_rate, reference=reference_rate)
    return Comparison(
        quote=quote, amount=amount,
        to_pay=amount + quote.fee if quote.fee_mode == FeeMode.ON_TOP else amount,
        received=amount_received(
            amount=amount, fee=quote.fee, fee_mode=quote.fee_mode, offered=quote.offered_rate,
            currency=corridor.receiving_currency,
        ),
        margin=margin,
        total_cost=total_cost_percent(fee=quote.fee, amount=amount, margin=margin),
    )


def compare(*, quotes, reference_rate, amount):
    """Ranks the products of one corridor for the visitor's `amount` (Money in the sending currency).

    `quotes` are the corridor's current quotes (a product may have several, for different amounts), each with
    its product and corridor at hand; `reference_rate` is the mid-market rate, receiving per sending currency.
    Rows with a disclosed rate are ranked by total cost, then by amount received; the first is the cheapest.
    A row is above the SDG target when its total cost, as displayed (2 decimals), is above 3 %.
    """
    quotes = list(quotes)
    _require(
        all(quote.product.corridor.sending_currency == amount.currency for quote in quotes),
        f"Every quote must be for sending {amount.currency}.",
    )
    _require(len({quote.product.corridor_id for quote in quotes}) <= 1, "Quotes of one corridor only.")
    rows, fee_exceeds = [], []
    for quote in _nearest(quotes, amount.amount):
        if quote.fee_mode == FeeMode.DEDUCTED and quote.fee >= amount.amount:
            fee_exceeds.append(quote)
        else:
            rows.append(_row(quote, amount.amount, reference_rate))
    disclosed = sorted(
        (row for row in rows if row.total_cost is not None), key=lambda row: (row.total_cost, -row.received)
    )
    ranked = tuple(
        replace(row, cheapest=position == 0, above_target=percent_rounded(row.total_cost) > SDG_TARGET_PERCENT)
        for position, row in enumerate(disclosed)
    )
    undisclosed = tuple(
        sorted((row for row in rows if row.total_cost is None), key=lambda row: row.product.provider.name)
    )
    return Ranking(ranked, undisclosed, tuple(fee_exceeds))


def _disclosed_costs(rows):
    return [row.total_cost for row in rows if row.total_cost is not None]


def smart_remitter_target(rows):
    """RPW's SmaRT: the mean total cost of the three cheapest services that are transparent, accessible and take
    at most 5 days; None with fewer than three. RPW works it out at the equivalent of USD 200; here it is for
    the rows' amount."""
    costs = sorted(_disclosed_costs(
        row for row in rows
        if row.product.transparent and row.product.accessible and row.product.speed != Speed.MORE_THAN_FIVE_DAYS
    ))
    if len(costs) < SMART_SERVICES:
        return None
    return sum(costs[:SMART_SERVICES]) / SMART_SERVICES


def corridor_average(rows):
    """The mean total cost of the rows with a disclosed rate; None when there are none."""
    costs = _disclosed_costs(rows)
    return sum(costs) / len(costs) if costs else None
