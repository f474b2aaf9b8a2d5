"""Every word a price source uses for provider type, pay-in, pay-out and speed, and what it means here.

Keys are compared after normalise_label (case, punctuation, dashes and spacing do not matter). A word
that is not listed is never guessed: the row is rejected ("unknown speed 'X'") and the crawl report
lists the word under unknown_values, so that a person adds it here, or decides it is something else.

Lantern's values are those of scrapers.items: provider types bank, mto, post, mobile, digital;
pay-in cash, bank, card, wallet; pay-out cash_pickup, bank, wallet, home; and the speed bands of the
World Bank's Remittance Prices Worldwide: under_hour, same_day, next_day, two_days,
three_to_five_days, over_five_days.
"""

import re
from datetime import timedelta

from scrapers.text import normalise_label

_ISO_DURATION = re.compile(
    r"P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?",
    re.ASCII,
)

# The upper bound of a delivery estimate, and the band it falls in (the first that holds it).
DURATION_BANDS = (
    (timedelta(hours=1), "under_hour"),
    (timedelta(hours=12), "same_day"),
    (timedelta(hours=24), "next_day"),
    (timedelta(hours=48), "two_days"),
    (timedelta(days=5), "three_to_five_days"),
)


def parse_iso_duration(text):
    """A timedelta from an ISO 8601 duration in days and time ("P2D", "PT20H8M16.3S"), or None."""
    match = _ISO_DURATION.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match or not any(match.groupdict().values()) or text.strip().endswith("T"):
        return None
    parts = {name: float(value) for name, value in match.groupdict().items() if value}
    try:
        return timedelta(**parts)
    except OverflowError:
        return None


def duration_band(raw):
    """The speed band of an estimate's upper bound, written as an ISO 8601 duration; None when unreadable."""
    duration = parse_iso_duration(raw)
    if duration is None:
        return None
    for bound, band in DURATION_BANDS:
        if duration <= bound:
            return band
    return "over_five_days"


VOCABULARIES = {
    # Wise's comparison API (api.wise.com/v4/comparisons): its provider types, the bank-transfer
    # pay-in and pay-out it compares, and delivery estimates as ISO 8601 durations (the upper bound).
    "wise_compare": {
        "provider_type": {
            "bank": "bank",
            "moneyTransferProvider": "mto",
            # Deliberately absent: "travelMoney" (currency cards and cash for travellers, not remittances).
        },
        "pay_in": {"Bank transfer": "bank"},
        "pay_out": {"Bank transfer": "bank"},
        "speed": duration_band,
    },
    # SBI Remit (Japan): the words of its fee and delivery-time tables.
    "sbi_remit": {
        "provider_type": {"Funds transfer service provider": "mto"},
        "pay_in": {
            "Bank transfer": "bank",
            "Online remittance": "bank",
            "Remit Card": "cash",  # cash paid in at an ATM with the provider's card
        },
        "pay_out": {
            "Cash pick-up": "cash_pickup",
            "Cash pickup": "cash_pickup",
            "Bank account deposit": "bank",
            "Bank deposit": "bank",
            "Bank account": "bank",
            "Mobile wallet": "wallet",
            "E-wallet": "wallet",
            "Door-to-door delivery": "home",
            "Home delivery": "home",
        },
        "speed": {
            "Within minutes": "under_hour",
            "In minutes": "under_hour",
            "Real time": "under_hour",
            "Same day": "same_day",
            "Next business day": "next_day",
            "1 business day": "next_day",
            "1-2 business days": "two_days",
            "2 business days": "two_days",
            "2-3 business days": "three_to_five_days",
            "3-5 business days": "three_to_five_days",
        },
    },
}

_NORMALISED = {
    source: {
        field: table if callable(table) else {normalise_label(word): value for word, value in table.items()}
        for field, table in fields.items()
    }
    for source, fields in VOCABULARIES.items()
}


def map_word(source, field, raw):
    """Lantern's value for a source's word, or None when the word is unknown."""
    table = _NORMALISED.get(source, {}).get(field)
    if table is None:
        return None
    if callable(table):
        return table(raw)
    return table.get(normalise_label(raw))
