"""A price row as providers' pricing spiders and partners' CSV uploads give it, read as hostile input.

The columns (and feed keys) are documented in scrapers/README.md and on the admin's upload page:
provider, provider_type, sending_country, sending_currency, receiving_country, receiving_currency,
pay_in, pay_out, speed, amount_sent, fee, fee_currency, fee_mode, offered_rate, fetched_at, source_url.

A price feed (the pricing spiders' output) has one such row per line, as a JSON object. A feed that cannot be
read as a whole (not UTF-8, a line that is not JSON: damaged or truncated) raises PriceFeedError; a bad line is
a PriceRowError with its reason, and the rest of the feed is still usable.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.text import plain_text
from remittance.models import MONEY, RATE, FeeMode, Product, Provider, Speed, validate_country, validate_currency
from remittance.money import MAX_AMOUNT

PROVIDER_TYPES = {"bank": Provider.Type.BANK, "mto": Provider.Type.MONEY_TRANSFER_OPERATOR, "post": Provider.Type.POST_OFFICE,
                  "mobile": Provider.Type.MOBILE_OPERATOR, "digital": Provider.Type.DIGITAL}
PAY_INS = {"cash": Product.PayIn.CASH, "bank": Product.PayIn.BANK_ACCOUNT, "card": Product.PayIn.CARD,
           "wallet": Product.PayIn.MOBILE_WALLET}
PAY_OUTS = {"cash_pickup": Product.PayOut.CASH_PICKUP, "bank": Product.PayOut.BANK_ACCOUNT,
            "wallet": Product.PayOut.MOBILE_WALLET, "home": Product.PayOut.HOME_DELIVERY}
SPEEDS = {"under_hour": Speed.LESS_THAN_ONE_HOUR, "same_day": Speed.SAME_DAY, "next_day": Speed.NEXT_DAY,
          "two_days": Speed.TWO_DAYS, "three_to_five_days": Speed.THREE_TO_FIVE_DAYS,
          "over_five_days": Speed.MORE_THAN_FIVE_DAYS}
FEE_MODES = {"on_top": FeeMode.ON_TOP, "deducted": FeeMode.DEDUCTED}
MAX_LINE_BYTES = 8 * 1024  # a feed line; a price row is well under 2 KB
_BOM = b"\xef\xbb\xbf"
COLUMNS = ("provider", "provider_type", "sending_country", "sending_currency", "receiving_country", "receiving_currency",
           "pay_in", "pay_out", "speed", "amount_sent", "fee", "fee_currency", "fee_mode", "offered_rate", "fetched_at",
           "source_url")


class PriceRowError(ValueError):
    """What is wrong with one row, in words a partner can act on; `summary` says it without the row's own values,
    to count the reasons over a feed."""

    def __init__(self, message, summary=None):
        super().__init__(message)
        self.summary = str(summary or message)


class PriceFeedError(Exception):
    """The price feed as a whole cannot be read; nothing from it is stored."""


@dataclass(frozen=True)
class PriceRow:
    provider: str
    provider_type: str
    sending_country: str
    sending_currency: str
    receiving_country: str
    receiving_currency: str
    pay_in: str
    pay_out: str
    speed: str
    amount_sent: Decimal
    fee: Decimal
    fee_mode: str
    offered_rate: Decimal | None
    fetched_at: datetime
    source_url: str


def _text(record, column, max_length=200):
    value = record.get(column)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PriceRowError(_("%(column)s is empty") % {"column": column})
    if not isinstance(value, str):
        raise PriceRowError(_("%(column)s is not text") % {"column": column})
    try:
        value = plain_text(value)
    except ValueError:
        raise PriceRowError(_("%(column)s has control or replacement characters (a wrong encoding?)") % {
            "column": column}) from None
    if len(value) > max_length:
        raise PriceRowError(_("%(column)s is longer than %(limit)s characters") % {"column": column, "limit": max_length})
    return value


def _choice(record, column, choices):
    value = _text(record, column).lower()
    if value not in choices:
        raise PriceRowError(_("unknown %(column)s %(value)r (one of: %(choices)s)") % {
            "column": column, "value": value[:40], "choices": ", ".join(choices)},
            _("unknown %(column)s") % {"column": column})
    return choices[value]


def _code(record, column, validator):
    value = _text(record, column).upper()
    try:
        validator(value)
    except ValidationError as error:
        raise PriceRowError(f"{column}: {error.messages[0]}", _("%(column)s is not a known code") % {"column": column}) from None
    return value


def _decimal(record, column, *, places, allow_zero=False, required=True):
    """A positive number, rounded to the `places` its column stores, so that a price read again matches the one stored
    (PostgreSQL would round it on saving, and the unchanged check would then miss it)."""
    value = record.get(column)
    if value in (None, "") and not required:
        return None
    try:
        number = Decimal(str(value).strip())  # a plain number: no grouping, a dot for decimals
    except (InvalidOperation, ValueError):
        raise PriceRowError(_("%(column)s is not a number: %(value)r") % {"column": column, "value": str(value)[:40]},
                            _("%(column)s is not a number") % {"column": column}) from None
    if not number.is_finite() or number < 0 or (number == 0 and not allow_zero) or number > MAX_AMOUNT * 1000:
        raise PriceRowError(_("%(column)s must be a positive number, not %(value)s") % {"column": column, "value": str(value)[:40]},
                            _("%(column)s is not a positive number") % {"column": column})
    if number.as_tuple().exponent < -places:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number


def _fetched_at(record):
    value = _text(record, "fetched_at", max_length=40)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise PriceRowError(_("fetched_at is not a date (YYYY-MM-DD) or a date and time: %(value)r") % {"value": value},
                            _("fetched_at is not a date")) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if moment > timezone.now():
        raise PriceRowError(_("fetched_at is in the future"))
    return moment


def _url(record):
    value = _text(record, "source_url", max_length=1000)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PriceRowError(_("source_url is not a web address"))
    return value


def parse_price_row(record):
    """A PriceRow from one feed object or CSV row (a dict of strings), or PriceRowError saying what is wrong."""
    if not isinstance(record, dict):
        raise PriceRowError(_("the row is not a set of named columns"))
    sending_currency = _code(record, "sending_currency", validate_currency)
    fee_currency = _code(record, "fee_currency", validate_currency)
    if fee_currency != sending_currency:
        raise PriceRowError(_("the fee is in %(fee)s, not in the sending currency %(sending)s") % {
            "fee": fee_currency, "sending": sending_currency}, _("the fee is not in the sending currency"))
    return PriceRow(
        provider=_text(record, "provider"),
        provider_type=_choice(record, "provider_type", PROVIDER_TYPES),
        sending_country=_code(record, "sending_country", validate_country),
        sending_currency=sending_currency,
        receiving_country=_code(record, "receiving_country", validate_country),
        receiving_currency=_code(record, "receiving_currency", validate_currency),
        pay_in=_choice(record, "pay_in", PAY_INS),
        pay_out=_choice(record, "pay_out", PAY_OUTS),
        speed=_choice(record, "speed", SPEEDS),
        amount_sent=_decimal(record, "amount_sent", places=MONEY["decimal_places"]),
        fee=_decimal(record, "fee", places=MONEY["decimal_places"], allow_zero=True),
        fee_mode=_choice(record, "fee_mode", FEE_MODES),
        offered_rate=_decimal(record, "offered_rate", places=RATE["decimal_places"], required=False),
        fetched_at=_fetched_at(record),
        source_url=_url(record),
    )


def feed_lines(feed):
    """(number, bytes) of each line of an open feed; a line longer than MAX_LINE_BYTES is (number, None), and is
    never held in memory whole."""
    number = 0
    while raw := feed.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) <= MAX_LINE_BYTES:
            yield number, raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = feed.readline(MAX_LINE_BYTES + 1)
        yield number, None


def read_price_feed(path):
    """Yields (line number, PriceRow or PriceRowError) for every row of a price feed, streaming it line by line.

    PriceFeedError, raised before the first row or on the way, means the feed cannot be used.
    """
    try:
        feed = open(path, "rb")
    except OSError as error:
        raise PriceFeedError(f"The feed cannot be read ({error.strerror or error})") from None
    with feed:
        for number, raw in feed_lines(feed):
            if raw is None:
                yield number, PriceRowError(_("the row is larger than %(size)s KB") % {"size": MAX_LINE_BYTES // 1024})
                continue
            raw = raw.removeprefix(_BOM) if number == 1 else raw
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                raise PriceFeedError(f"Line {number} of the feed is not UTF-8 text (byte {error.start + 1}); "
                                     "feeds must be UTF-8") from None
            except json.JSONDecodeError:
                raise PriceFeedError(f"Line {number} of the feed is not JSON: the feed is damaged or truncated, "
                                     "or is not JSON lines") from None
            except (ValueError, RecursionError):  # JSON, but with a number too long or nesting too deep to read
                yield number, PriceRowError(_("the row cannot be read: a number too long or nesting too deep"))
                continue
            try:
                yield number, parse_price_row(record)
            except PriceRowError as error:
                yield number, error
