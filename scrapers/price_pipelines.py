"""The validation chains of the two money feeds: reference rates and provider prices.

They work as the licence chain of scrapers.pipelines does (a failed check rejects the row with its
reason; the Rejects extension writes and counts it), and reuse its checks where the check is the
same. Each chain is declared in settings (RATE_PIPELINES, QUOTE_PIPELINES) and set on the spiders'
base classes in scrapers.spiders.pricing, so that no licence check runs on a price and no price
check on a licence.

Numbers stay text from end to end: read with scrapers.money.parse_decimal, written back with the
digits the source published. A spider that cannot build a usable row sets problems.REJECT on it,
and the first check rejects it with that reason.
"""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from scrapers import problems
from scrapers.items import FEE_MODES, QUOTE_FIELDS, RATE_FIELDS, WORDED_FIELDS
from scrapers.money import NotANumber, country_known, currency_known, decimal_text, parse_decimal, sign_problem
from scrapers.pipelines import DuplicatePipeline, LengthPipeline, Pipeline, RequiredPipeline, TextPipeline
from scrapers.problems import Rejected
from scrapers.text import clean_text, normalise_label, parse_date
from scrapers.vocabulary import map_word

# The earliest time zone is UTC+14: a rate dated later than today there is dated in the future.
EARLIEST_OFFSET = timedelta(hours=14)
# A Decimal beyond this many digits either side of the point is written in exponent form (and then
# rejected as not a decimal number) rather than expanded into a megabyte of zeros.
_EXPANDABLE_DIGITS = 60


def _plain(value):
    """A non-text value of the contract as plain text: numbers with their digits, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float):
        return value  # left for the number checks to refuse: its published digits are already lost
    if isinstance(value, Decimal):
        if value.is_finite() and abs(value.adjusted()) <= _EXPANDABLE_DIGITS:
            return decimal_text(value)
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


class ContractNormalisePipeline(Pipeline):
    """Every key of the contract, only those; free text cleaned as in the licence feed, the rest stripped.

    Codes and numbers are not cleaned of markup: "<b>1.08</b>" is not a number, and is rejected as one.
    """

    fields = ()
    text_fields = ()  # free text: markup removed, spaces collapsed
    nullable = ()     # None (or "") stays None: a value the source does not disclose

    def process_item(self, item):
        reason = item.pop(problems.REJECT, None)
        normalised = {}
        for key in self.fields:
            value = item.get(key)
            if key in self.text_fields:
                value = clean_text(value)
            else:
                value = _plain(value)
            if key in self.nullable and value == "":
                value = None
            normalised[key] = value
        # In place, so that a later rejection shows the row as the checks saw it.
        item.clear()
        item.update(normalised)
        if reason:
            raise Rejected(reason)
        return item


def _positive(item, field):
    """Reads a field that must be a number more than zero into its published digits; the reason if not."""
    try:
        number = parse_decimal(item[field])
    except NotANumber as problem:
        return f"{field} {problem}"
    problem = sign_problem(number)
    if problem:
        return f"{field} {problem}"
    item[field] = decimal_text(number)
    return None


# Reference rates ---------------------------------------------------------------------------------

class RateNormalisePipeline(ContractNormalisePipeline):
    fields = RATE_FIELDS


class RateRequiredPipeline(RequiredPipeline):
    required = ("source", "base", "quote", "rate", "date")


class RateLengthPipeline(LengthPipeline):
    limits = {"base": 40, "quote": 40, "rate": 40, "date": 40, "source_url": 1000}


class RateCurrencyPipeline(Pipeline):
    def check(self, item):
        for field in ("base", "quote"):
            if not currency_known(item[field]):
                return f"{field} is not an ISO 4217 currency code"
        if item["base"] == item["quote"]:
            return "base and quote are the same currency"
        return None


class RateValuePipeline(Pipeline):
    """A finite decimal more than zero, kept with its published digits."""

    def check(self, item):
        return _positive(item, "rate")


class RateDatePipeline(Pipeline):
    """An ISO date, not before 1900 and not after today anywhere on Earth."""

    def check(self, item):
        try:
            value = parse_date(item["date"], ("%Y-%m-%d",))
        except ValueError:
            return "date is not a date"
        if value.year < 1900:
            return "date is not a plausible date"
        if value > (datetime.now(timezone.utc) + EARLIEST_OFFSET).date():
            return "date is in the future"
        item["date"] = value.isoformat()
        return None


class RateDuplicatePipeline(DuplicatePipeline):
    reason = "duplicate base, quote and date"

    def key(self, item):
        return (item["base"], item["quote"], item["date"])


# Provider prices ---------------------------------------------------------------------------------

QUOTE_WORDED = tuple(WORDED_FIELDS)  # provider_type, pay_in, pay_out, speed: the source's own words


class QuoteNormalisePipeline(ContractNormalisePipeline):
    fields = QUOTE_FIELDS
    text_fields = ("provider", *QUOTE_WORDED)
    nullable = ("offered_rate",)


class QuoteRequiredPipeline(RequiredPipeline):
    """The worded fields are VocabularyPipeline's: a new pay-out without a speed is reported as the new pay-out."""

    required = (
        "source", "provider", "sending_country", "sending_currency", "receiving_country", "receiving_currency",
        "amount_sent", "fee", "fee_currency", "fee_mode",
    )


class QuoteLengthPipeline(LengthPipeline):
    limits = {
        "provider": 200, **dict.fromkeys(QUOTE_WORDED, 200),
        **dict.fromkeys(("sending_country", "receiving_country", "sending_currency", "receiving_currency",
                         "fee_currency", "fee_mode"), 40),
        **dict.fromkeys(("amount_sent", "fee", "offered_rate"), 40),
        "source_url": 1000,
    }


class QuoteTextPipeline(TextPipeline):
    fields = ("provider", *QUOTE_WORDED)


class QuoteCodesPipeline(Pipeline):
    """Known country and currency codes; and a fee in the sending currency, the only one RPW adds up."""

    def check(self, item):
        for field in ("sending_country", "receiving_country"):
            if not country_known(item[field]):
                return f"{field} is not an ISO 3166 country code"
        for field in ("sending_currency", "receiving_currency", "fee_currency"):
            if not currency_known(item[field]):
                return f"{field} is not an ISO 4217 currency code"
        if item["fee_currency"] != item["sending_currency"]:
            return f"fee in {item['fee_currency']}, not the sending currency {item['sending_currency']}"
        return None


class VocabularyPipeline(Pipeline):
    """Maps the source's words (scrapers.vocabulary); an unknown word rejects the row and is reported."""

    def check(self, item):
        for field in QUOTE_WORDED:
            raw = item[field]
            if not raw:
                return f"missing {field}"
            value = map_word(item["source"], field, raw)
            if value is None or value not in WORDED_FIELDS[field]:
                problems.record_unknown_value(self.crawler.stats, field, raw)
                return f"unknown {field} '{raw}'"
            item[field] = value
        if item["fee_mode"] not in FEE_MODES:
            problems.record_unknown_value(self.crawler.stats, "fee_mode", item["fee_mode"])
            return f"unknown fee_mode '{item['fee_mode']}'"
        return None


class QuoteAmountsPipeline(Pipeline):
    """Amount sent more than zero, fee not negative, offered rate more than zero when disclosed."""

    def check(self, item):
        reason = _positive(item, "amount_sent")
        if reason:
            return reason
        try:
            fee = parse_decimal(item["fee"])
        except NotANumber as problem:
            return f"fee {problem}"
        if fee < 0:
            return "fee is negative"
        item["fee"] = decimal_text(fee)
        if item["offered_rate"] is not None:
            return _positive(item, "offered_rate")
        return None


class QuoteDuplicatePipeline(DuplicatePipeline):
    """One price per provider, corridor, pay-in, pay-out and amount in a crawl: the first one wins."""

    reason = "duplicate provider, corridor, pay-in, pay-out and amount"

    def key(self, item):
        corridor = tuple(item[f] for f in ("sending_country", "sending_currency", "receiving_country", "receiving_currency"))
        return (normalise_label(item["provider"]), corridor, item["pay_in"], item["pay_out"], Decimal(item["amount_sent"]))
