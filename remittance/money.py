"""Money as a Decimal with its ISO 4217 currency, rounded by the currency's digits, and amounts as workers type them.

Rounding is ROUND_HALF_UP to the currency's minor-unit digits as Babel (CLDR) reports them: JPY, KRW and VND
have none, IDR has 2, most others 2, BHD and KWD 3.

`parse_amount` reads what a worker types in the visitor's language:

- digits of any script (Thai ๐-๙, Burmese ၀-၉, Devanagari ०-९, Khmer ០-៩, full-width ０-９, ...); the Burmese
  letter wa (ဝ), often typed for the zero it looks like, counts as zero;
- the grouping and decimal symbols of the language (Babel): "1,000.50" in English, Filipino, Nepali, Burmese,
  Khmer and Thai; "1.000,50" in Indonesian and Vietnamese; spaces and no-break spaces group in every language;
- Nepali groups in lakhs ("1,00,000"), and the three-digit grouping is accepted there too.

A currency code or symbol ("SGD 100", "$100"), a sign, an exponent ("1e9") and the words NaN or Infinity are not
amounts. The separator rule settles ambiguity without guessing: a symbol is what the language makes it, so
"1,000" in English and "1.000" in Indonesian are one thousand, "12.345" in English is twelve point three four
five, and "1,5" in English is refused (a group must hold three digits) rather than read as 1.5 or 15.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import pycountry
from babel import Locale
from babel.numbers import format_decimal, get_currency_precision, get_decimal_symbol, get_group_symbol, parse_pattern
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, to_locale

MAX_AMOUNT = Decimal(10_000_000)  # in the sending currency; no worker sends more at once
MAX_LENGTH = 100  # characters; longer input is not an amount, and is not looked at further
MINUS_SIGNS = frozenset("-\u2212\u2012\u2013\ufe63\uff0d")
# Characters read as another: full-width punctuation, and the Burmese letter wa for the zero it looks like.
LOOK_ALIKES = {"\uff0c": ",", "\uff0e": ".", "\u101d": "0"}
GROUP, POINT = "G", "P"


def currency_known(currency):
    """Whether `currency` is an ISO 4217 code, written in capitals: "SGD" yes; "sgd", "ABC" no."""
    return (
        isinstance(currency, str) and len(currency) == 3 and currency.isascii() and currency.isupper()
        and pycountry.currencies.get(alpha_3=currency) is not None
    )


def _require_currency(currency):
    if not currency_known(currency):
        raise ValueError(f"{currency!r} is not an ISO 4217 currency code.")


def currency_digits(currency):
    """The currency's minor-unit digits: 0 for JPY, KRW and VND, 2 for SGD and IDR, 3 for BHD."""
    _require_currency(currency)
    return get_currency_precision(currency)


def round_to_currency(amount, currency):
    """`amount` rounded half up to the currency's digits: JPY 1234.5 -> 1235, SGD 2.345 -> 2.35."""
    return amount.quantize(Decimal(1).scaleb(-currency_digits(currency)), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in a currency: a finite Decimal (never a float) and an ISO 4217 code."""

    amount: Decimal
    currency: str

    def __post_init__(self):
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise ValueError(f"A money amount must be a finite Decimal, not {self.amount!r}.")
        _require_currency(self.currency)

    def rounded(self):
        """The same money rounded to the currency's digits."""
        return Money(round_to_currency(self.amount, self.currency), self.currency)


class AmountError(ValueError):
    """An amount a visitor typed that Lantern cannot use.

    `code` says why (empty, invalid, negative, zero, decimals, too_large) for the page to react; str() is the
    message for the visitor, in the active language.
    """

    def __init__(self, code, message, **params):
        super().__init__(code)
        self.code, self.message, self.params = code, message, params

    def __str__(self):
        return str(self.message % self.params if self.params else self.message)


@dataclass(frozen=True)
class _Separators:
    group: str
    decimal: str
    secondary_group: int  # digits in the groups before the last: 3, or 2 where the language groups in lakhs


@lru_cache(maxsize=16)
def _separators(language):
    locale = Locale.parse(to_locale(language))
    _primary, secondary = parse_pattern(locale.decimal_formats[None]).grouping
    return _Separators(get_group_symbol(locale), get_decimal_symbol(locale), secondary)


def _example(separators, digits):
    """One thousand and a half as the language writes it, with the currency's decimals: "1,000.50", "1.000"."""
    return f"1{separators.group}000" + (f"{separators.decimal}{'50'[:digits]}" if digits else "")


def _symbols(text, separators):
    """The text with ASCII digits, GROUP and POINT, or None if it holds anything else."""
    symbols = []
    for char in text:
        char = LOOK_ALIKES.get(char, char)
        if unicodedata.category(char) == "Nd":
            symbols.append(str(unicodedata.decimal(char)))
        elif char.isspace() or char == separators.group:
            symbols.append(GROUP)
        elif char == separators.decimal:
            symbols.append(POINT)
        else:
            return None
    return "".join(symbols)


def _integer_well_grouped(groups, secondary):
    """Groups of a whole number: the first of 1-3 digits, the last of 3, those between of 3 (or of `secondary`)."""
    first, *middle, last = groups
    return (
        1 <= len(first) <= 3 and len(last) == 3
        and all(len(group) in (3, secondary) for group in middle)
    )


def _number(symbols, separators):
    """(whole digits, decimal digits) of well-formed symbols, or None."""
    whole, point, fraction = symbols.partition(POINT)
    groups = whole.split(GROUP)
    if not re.fullmatch(r"[0-9]*", fraction) or (point and not fraction):
        return None
    if not all(group.isdigit() for group in groups):
        return None
    if len(groups) > 1 and not _integer_well_grouped(groups, separators.secondary_group):
        return None
    return "".join(groups), fraction


def parse_amount(text, *, language, currency):
    """The Money a visitor typed, read in their language; an AmountError with a message for them otherwise.

    `language` is a Django language code ("en", "id", "ne"...), `currency` the sending currency. The amount
    comes back with the currency's own decimals: "1,000.5" -> SGD 1000.50.
    """
    separators = _separators(language)
    digits = currency_digits(currency)
    invalid = AmountError(
        "invalid", _("Type the amount in figures only, for example %(example)s."),
        example=_example(separators, digits),
    )
    text = text.strip()
    if not text:
        raise AmountError("empty", _("Type the amount you want to send."))
    if len(text) > MAX_LENGTH:
        raise invalid
    negative = text[0] in MINUS_SIGNS
    symbols = _symbols(text[1:].lstrip() if negative else text, separators)
    number = _number(symbols, separators) if symbols else None
    if number is None:
        raise invalid
    whole, fraction = number
    amount = Decimal(f"{whole}.{fraction or 0}")
    if negative and amount:
        raise AmountError("negative", _("The amount must be more than zero."))
    if not amount:
        raise AmountError("zero", _("The amount must be more than zero."))
    if len(fraction.rstrip("0")) > digits:
        if not digits:
            raise AmountError("decimals", _("Amounts in %(currency)s have no decimals."), currency=currency)
        raise AmountError(
            "decimals",
            ngettext_lazy(
                "Amounts in %(currency)s have at most %(digits)d decimal.",
                "Amounts in %(currency)s have at most %(digits)d decimals.",
                "digits",
            ),
            currency=currency, digits=digits,
        )
    if amount > MAX_AMOUNT:
        raise AmountError(
            "too_large", _("The amount must be at most %(maximum)s %(currency)s."),
            maximum=format_decimal(MAX_AMOUNT, locale=to_locale(language)), currency=currency,
        )
    return Money(round_to_currency(amount, currency), currency)
