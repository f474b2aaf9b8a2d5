"""The item pipeline: a chain of small checks, in the order settings.ITEM_PIPELINES gives them.

A check that fails raises Rejected (Scrapy's DropItem: a normal outcome, not an error): the
Rejects extension writes the row and its reason to the rejects file and counts the reason in
the crawler's stats, and the row stays out of the feed. Nothing here raises anything else.
"""

import re

from scrapers import problems
from scrapers.items import DATE_FIELDS, FIELDS, TEXT_FIELDS, blank_item
from scrapers.problems import Rejected
from scrapers.statuses import map_status
from scrapers.text import clean_licence, clean_text, parse_date

# Licence numbers per country of the licensing regulator.
LICENCE_FORMATS = {
    # POEA-089-LB-112514-R, DMW-045-LB-03232023-R: agency, 3 digits, land/sea-based, 6-8 digits, suffix
    "PH": re.compile(r"(POEA|DMW)-\d{3}-(LB|SB)-\d{6,8}-[A-Z]{1,3}"),
    # SIP3MI numbers: letters, digits, / . - with at least one digit
    "ID": re.compile(r"(?=.*\d)[A-Z0-9/.\-]{3,60}"),
    "HK": re.compile(r"\d{3,8}"),
    # 1234/074/75: serial / Nepali fiscal year of issue
    "NP": re.compile(r"\d{1,5}/\d{2,3}/\d{2,3}"),
}

# Longest accepted value per field: a longer one is rejected, never truncated.
LENGTH_LIMITS = {
    "licence_number": 60,
    "name": 300,
    "name_local": 300,
    "status_raw": 200,
    "address": 1000,
    "phone": 200,
    "email": 320,
    "website": 500,
}

REQUIRED = ("licence_number", "name", "country")
# C0 and C1 control characters other than the whitespace that clean_text already folded.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Pipeline:
    """Base for the chain: keeps the crawler, so that checks can read the spider and the stats."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def spider(self):
        return self.crawler.spider

    def process_item(self, item):
        reason = self.check(item)
        if reason:
            raise Rejected(reason)
        return item

    def check(self, item):
        """Returns the reason to reject the item, or None (and may normalise it in place)."""
        raise NotImplementedError


class NormalisePipeline(Pipeline):
    """Every key of the contract, only those; text without markup and with single spaces."""

    def process_item(self, item):
        normalised = blank_item()
        for key in FIELDS:
            value = item.get(key)
            if key == "licence_number":
                value = clean_licence(value)
            elif key in TEXT_FIELDS:
                value = clean_text(value)
            elif key in DATE_FIELDS:
                value = clean_text(value) if isinstance(value, str) else value
                value = value if value not in ("", None) else None
            elif key == "status":
                value = value or None
            else:
                value = "" if value is None else str(value)
            normalised[key] = value
        # In place, so that a later rejection shows the row as the checks saw it.
        item.clear()
        item.update(normalised)
        return item


class RequiredPipeline(Pipeline):
    required = REQUIRED

    def check(self, item):
        for field in self.required:
            if not item[field]:
                return f"missing {field}"
        return None


class LengthPipeline(Pipeline):
    limits = LENGTH_LIMITS

    def check(self, item):
        for field, limit in self.limits.items():
            if isinstance(item[field], str) and len(item[field]) > limit:
                return f"{field} longer than {limit} characters"
        return None


class TextPipeline(Pipeline):
    """Text that did not decode (U+FFFD) or carries control characters is rejected."""

    fields = TEXT_FIELDS

    def check(self, item):
        for field in self.fields:
            value = item[field]
            if "\ufffd" in value:
                return f"{field} has undecodable text"
            if _CONTROL.search(value):
                return f"{field} has control characters"
        return None


class LicenceFormatPipeline(Pipeline):
    def check(self, item):
        pattern = LICENCE_FORMATS.get(item["country"])
        if pattern is None:
            return f"no licence format for country {item['country']}"
        if not pattern.fullmatch(item["licence_number"]):
            return f"licence_number does not match the {item['country']} format"
        return None


class DatesPipeline(Pipeline):
    """Reads dates with the spider's date_formats (and month_names) and writes them as ISO dates."""

    def check(self, item):
        formats = getattr(self.spider, "date_formats", ("%Y-%m-%d",))
        month_names = getattr(self.spider, "month_names", None)
        for field in DATE_FIELDS:
            try:
                value = parse_date(item[field], formats, month_names)
            except ValueError:
                return f"{field} is not a date"
            if value is not None and not 1900 <= value.year <= 2100:
                return f"{field} is not a plausible date"
            item[field] = value.isoformat() if value else None
        return None


class DuplicatePipeline(Pipeline):
    """The first row with a licence number wins; a second one in the same crawl is rejected."""

    reason = "duplicate licence_number"

    def __init__(self, crawler):
        super().__init__(crawler)
        self.seen = set()

    def key(self, item):
        return (item["country"], item["licence_number"])

    def check(self, item):
        key = self.key(item)
        if key in self.seen:
            return self.reason
        self.seen.add(key)
        return None


class StatusPipeline(Pipeline):
    """Maps status_raw through scrapers.statuses; an unknown string keeps status None and is counted."""

    def check(self, item):
        item["status"] = map_status(item["source"], item["status_raw"])
        if item["status"] is None:
            self.crawler.stats.inc_value(problems.UNKNOWN_STATUS + item["status_raw"])
        return None
