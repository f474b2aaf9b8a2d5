"""Corridors and the amounts priced in them, as the provider-price spiders take them.

A corridor is written "SGD-PHP" when each side's currency is its country's own (HOME_COUNTRIES says
which country that is), or in full as "TH:THB-KH:USD". Spider arguments take lists:

    -a corridors=SGD-PHP,HKD-PHP,TH:THB-KH:USD   -a amounts=200,500

The amounts are those of the World Bank's Remittance Prices Worldwide (RPW): the equivalent of
USD 200 and USD 500 in the sending currency, rounded. RPW_AMOUNTS holds them per sending currency;
they drift with the dollar, so they are reviewed each quarter as RPW does, and `-a amounts=...`
replaces them for every corridor of a crawl.
"""

from dataclasses import dataclass

from scrapers.money import NotANumber, country_known, currency_known, decimal_text, parse_decimal

# The country whose own currency each code is, for the currencies of Lantern's corridors.
HOME_COUNTRIES = {
    "SGD": "SG", "HKD": "HK", "MYR": "MY", "QAR": "QA", "AED": "AE", "SAR": "SA", "KWD": "KW",
    "THB": "TH", "KRW": "KR", "JPY": "JP", "TWD": "TW", "PHP": "PH", "IDR": "ID", "NPR": "NP",
    "MMK": "MM", "KHR": "KH", "VND": "VN", "BDT": "BD", "LKR": "LK", "INR": "IN", "LAK": "LA",
}

# USD 200 and USD 500 in the sending currency, rounded (mid-2025 rates; reviewed each quarter).
RPW_AMOUNTS = {
    "SGD": ("260", "650"),
    "HKD": ("1560", "3900"),
    "MYR": ("850", "2100"),
    "QAR": ("730", "1820"),
    "AED": ("735", "1835"),
    "SAR": ("750", "1875"),
    "THB": ("6500", "16300"),
    "KRW": ("275000", "690000"),
    "JPY": ("29000", "72000"),
    "TWD": ("6000", "15000"),
    "USD": ("200", "500"),
}


@dataclass(frozen=True)
class Corridor:
    sending_country: str
    sending_currency: str
    receiving_country: str
    receiving_currency: str

    def __str__(self):
        return f"{self.sending_country}:{self.sending_currency}-{self.receiving_country}:{self.receiving_currency}"

    def fields(self):
        """The corridor's four keys of the provider-price feed."""
        return {
            "sending_country": self.sending_country, "sending_currency": self.sending_currency,
            "receiving_country": self.receiving_country, "receiving_currency": self.receiving_currency,
        }


def _side(text, spec):
    country, _, currency = text.strip().upper().rpartition(":")
    country = country or HOME_COUNTRIES.get(currency, "")
    if not currency_known(currency):
        raise ValueError(f"corridor {spec!r}: {currency!r} is not an ISO 4217 currency code")
    if not country_known(country):
        raise ValueError(f"corridor {spec!r}: write the country of {currency}, as in TH:THB-KH:USD")
    return country, currency


def parse_corridor(spec):
    """A Corridor from "SGD-PHP" or "TH:THB-KH:USD"; raises ValueError for anything else."""
    sending, separator, receiving = spec.partition("-")
    if not separator or "-" in receiving:
        raise ValueError(f"corridor {spec!r}: write it as SGD-PHP or TH:THB-KH:USD")
    return Corridor(*_side(sending, spec), *_side(receiving, spec))


def parse_corridors(value):
    """Corridors from a comma-separated argument, or from an iterable of specs (a class attribute)."""
    specs = value.split(",") if isinstance(value, str) else list(value)
    corridors = [parse_corridor(spec) for spec in specs if spec.strip()]
    if not corridors:
        raise ValueError("no corridor to crawl")
    return corridors


def parse_amounts(value):
    """Amounts (decimal strings, more than zero) from a comma-separated argument or an iterable."""
    texts = value.split(",") if isinstance(value, str) else list(value)
    amounts = []
    for text in texts:
        if not str(text).strip():
            continue
        try:
            amount = parse_decimal(str(text).strip())
        except NotANumber:
            raise ValueError(f"amount {text!r} is not a decimal number") from None
        if amount <= 0:
            raise ValueError(f"amount {text!r} is not more than zero")
        amounts.append(decimal_text(amount))
    if not amounts:
        raise ValueError("no amount to price")
    return tuple(amounts)
