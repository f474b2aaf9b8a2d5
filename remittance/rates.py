"""Reading a reference-rate feed (JSON lines from ecb_rates, nrb_rates, cbm_rates) as hostile input.

Keys: source, base, quote, rate (units of quote per 1 base, a decimal string), date, source_url, fetched_at.
"""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

from remittance.models import validate_currency
from remittance.prices import MAX_LINE_BYTES, feed_lines


class RateFeedError(Exception):
    """The feed as a whole cannot be read; nothing from it is stored."""


@dataclass(frozen=True)
class RateRow:
    base: str
    quote: str
    rate: Decimal
    date: date
    source_url: str


def _currency(record, key):
    value = record.get(key)
    try:
        validate_currency(value if isinstance(value, str) else "")
    except ValidationError:
        raise ValueError(f"{key} {str(value)[:10]!r} is not an ISO 4217 code") from None
    return value


def parse_rate(record):
    """A RateRow from one feed object, or ValueError saying what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("the row is not an object")
    base, quote = _currency(record, "base"), _currency(record, "quote")
    if base == quote:
        raise ValueError("base and quote are the same currency")
    try:
        rate = Decimal(str(record.get("rate")))
    except InvalidOperation:
        raise ValueError(f"rate {str(record.get('rate'))[:20]!r} is not a number") from None
    if not rate.is_finite() or rate <= 0:
        raise ValueError("rate must be more than zero")
    try:
        day = date.fromisoformat(record.get("date"))
    except (TypeError, ValueError):
        raise ValueError("date is not YYYY-MM-DD") from None
    url = record.get("source_url") if isinstance(record.get("source_url"), str) else ""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError("source_url is not a web address")
    return RateRow(base, quote, rate, day, url[:1000])


def read_rate_feed(path):
    """Yields (line, RateRow) or (line, reason) for every row; RateFeedError when the file is not UTF-8 JSON lines."""
    with open(path, "rb") as feed:
        for number, raw in feed_lines(feed):
            if raw is None:
                yield number, f"the row is larger than {MAX_LINE_BYTES // 1024} KB"
                continue
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                raise RateFeedError(f"line {number} is not UTF-8 text; nothing was stored") from None
            except json.JSONDecodeError:
                raise RateFeedError(f"line {number} is not valid JSON: the feed is damaged or truncated; nothing was stored") from None
            except (ValueError, RecursionError):  # JSON, but with a number too long or nesting too deep to read
                yield number, "the row cannot be read: a number too long or nesting too deep"
                continue
            try:
                yield number, parse_rate(record)
            except ValueError as error:
                yield number, str(error)
