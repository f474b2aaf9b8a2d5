"""Numbers and codes of the money feeds: decimals kept as published, ISO 4217 and ISO 3166 codes.

A number is read into a Decimal from its text (or from a JSON number parsed as a Decimal), never
through a float, and is written back with format(value, "f"): the digits the source published, no
exponent. "2,100.0" reads as 2100.0 only where the source groups thousands (grouping=True), and
then only in groups of three; text, an exponent, NaN or Infinity is not a number.
"""

import re
from decimal import Decimal, InvalidOperation

import pycountry

_PLAIN = re.compile(r"-?\d+(\.\d+)?", re.ASCII)  # ASCII: \d would take any script's digits
_GROUPED = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?", re.ASCII)
_CODE = re.compile(r"[A-Z]{3}")
_COUNTRY = re.compile(r"[A-Z]{2}")


# Longer number text is not read: no source publishes such a number, and a megabyte of digits would
# overflow the arithmetic done on it. The chains' length checks reject it with its length.
MAX_NUMBER_LENGTH = 40


class NotANumber(ValueError):
    """A value that is not a finite decimal number; str() is the reason's tail ("is not a decimal number")."""


def parse_decimal(value, *, grouping=False):
    """A finite Decimal from a source's number; raises NotANumber.

    grouping=True accepts commas between groups of three digits ("2,100.0"), as some sources print.
    """
    if isinstance(value, bool) or value is None:
        raise NotANumber("is not a decimal number")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_NUMBER_LENGTH:
            raise NotANumber(f"is longer than {MAX_NUMBER_LENGTH} characters")
        if grouping and _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        if not _PLAIN.fullmatch(text):
            raise NotANumber("is not a decimal number")
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only Decimal syntax
            raise NotANumber("is not a decimal number") from None
    elif isinstance(value, float):
        raise NotANumber("was read as a float: its published digits are lost")
    else:
        raise NotANumber("is not a decimal number")
    if not number.is_finite():
        raise NotANumber("is not finite")
    if len(number.as_tuple().digits) > MAX_NUMBER_LENGTH or abs(number.adjusted()) > MAX_NUMBER_LENGTH:
        raise NotANumber(f"is longer than {MAX_NUMBER_LENGTH} characters")
    return number


def decimal_text(number):
    """A Decimal as plain digits, keeping its exponent's digits: Decimal("1.0823") -> "1.0823", 1E+2 -> "100"."""
    text = format(number, "f")
    return text[1:] if text.startswith("-") and not number else text


def sign_problem(number):
    """"is zero" or "is negative" for a number that must be more than zero, else None."""
    if number == 0:
        return "is zero"
    if number < 0:
        return "is negative"
    return None


def currency_known(code):
    """Whether code is an ISO 4217 currency code in capitals: "SGD" yes; "sgd", "XYZ", "S$" no."""
    return isinstance(code, str) and bool(_CODE.fullmatch(code)) and pycountry.currencies.get(alpha_3=code) is not None


def country_known(code):
    """Whether code is an ISO 3166-1 alpha-2 country code in capitals: "SG" yes; "sg", "XX" no."""
    return isinstance(code, str) and bool(_COUNTRY.fullmatch(code)) and pycountry.countries.get(alpha_2=code) is not None
