"""Reading a registry feed (JSON lines written by the spiders) as hostile input.

A feed that cannot be trusted as a whole (not UTF-8, a line that is not JSON: damaged or
truncated) raises FeedError and nothing is applied. A single bad row becomes a Rejection
with its reason; the rest of the feed is still usable.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from agencies.models import AgencyStatus
from config.text import plain_text

MAX_LINE_BYTES = 64 * 1024
FEED_STATUSES = frozenset(AgencyStatus.values) - {AgencyStatus.NOT_LISTED}
_BOM = b"\xef\xbb\xbf"


class FeedError(Exception):
    """The feed as a whole cannot be trusted; nothing from it is applied."""


@dataclass(frozen=True)
class FeedRow:
    licence_number: str
    name: str
    name_local: str
    status: str | None
    status_raw: str
    status_date: date | None
    valid_from: date | None
    valid_until: date | None
    address: str
    phone: str
    email: str
    website: str
    source_url: str
    fetched_at: datetime


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str
    licence_number: str = ""


class RowError(ValueError):
    pass


def _text(record, field, *, max_length, required=False):
    value = record.get(field) or ""
    if not isinstance(value, str):
        raise RowError(f"{field} is not text")
    try:
        value = plain_text(value)
    except ValueError as error:
        raise RowError(f"{field} {error}") from None
    if required and not value:
        raise RowError(f"{field} is missing")
    if len(value) > max_length:
        raise RowError(f"{field} is longer than {max_length} characters")
    return value


def _date(record, field):
    value = record.get(field)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RowError(f"{field} is not a date (YYYY-MM-DD): {str(value)[:40]!r}") from None


def _fetched_at(record):
    try:
        value = datetime.fromisoformat(record.get("fetched_at"))
    except (TypeError, ValueError):
        raise RowError("fetched_at is not a date and time") from None
    if value.tzinfo is None:
        raise RowError("fetched_at has no time zone")
    return value


def _url(record):
    value = _text(record, "source_url", max_length=1000, required=True)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RowError("source_url is not a web address")
    return value


def parse_record(record, *, country):
    """A FeedRow from one decoded JSON object, or RowError saying what is wrong with it."""
    if not isinstance(record, dict):
        raise RowError("the row is not an object")
    if record.get("country") != country:
        raise RowError(f"country is {str(record.get('country'))[:10]!r}, this registry's is {country!r}")
    status = record.get("status")
    if status is not None and status not in FEED_STATUSES:
        raise RowError(f"status {str(status)[:40]!r} is not one of {', '.join(sorted(FEED_STATUSES))}")
    licence_number = _text(record, "licence_number", max_length=100, required=True)
    return FeedRow(
        licence_number=licence_number,
        name=_text(record, "name", max_length=300, required=True),
        name_local=_text(record, "name_local", max_length=300),
        status=status,
        status_raw=_text(record, "status_raw", max_length=200),
        status_date=_date(record, "status_date"),
        valid_from=_date(record, "valid_from"),
        valid_until=_date(record, "valid_until"),
        address=_text(record, "address", max_length=1000),
        phone=_text(record, "phone", max_length=100),
        email=_text(record, "email", max_length=254),
        website=_text(record, "website", max_length=300),
        source_url=_url(record),
        fetched_at=_fetched_at(record),
    )


def read_feed(path, *, country):
    """Yields a FeedRow or a Rejection for every row of the feed, streaming it line by line."""
    with open(path, "rb") as feed:
        for number, raw in enumerate(feed, start=1):
            if number == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise FeedError(f"line {number} is not UTF-8 text (byte {error.start + 1}); feeds must be UTF-8") from None
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise FeedError(f"line {number} is not valid JSON: the feed is damaged or truncated") from None
            try:
                if len(raw) > MAX_LINE_BYTES:
                    raise RowError(f"the row is larger than {MAX_LINE_BYTES // 1024} KB")
                yield parse_record(record, country=country)
            except RowError as error:
                licence = record.get("licence_number") if isinstance(record, dict) else ""
                yield Rejection(number, str(error), licence if isinstance(licence, str) else "")
