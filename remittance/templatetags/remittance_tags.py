"""Filters for the money transfer pages: amounts, percentages, rates and dates as the visitor's language writes them.

A comparison table formats the same fees, rates, margins and dates on every request and in every row, and Babel
takes tens of microseconds for each; so what was formatted is kept, by the value's exact text, the currency and
the language, a few thousand entries per process.
"""

from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from django import template

from config.locales import babel_locale
from remittance.method import percent_rounded
from remittance.models import Product, Speed

register = template.Library()
FORMATTED = 4096  # entries kept by each filter
SPEEDS = dict(Speed.choices)
PAY_OUTS = dict(Product.PayOut.choices)


# Kept by the value's text, so that Decimals that are equal but written differently (1.5, 1.50) stay apart, and
# given to Babel as the very same Decimal.
@lru_cache(maxsize=FORMATTED)
def _money(text, currency, locale):
    return format_currency(Decimal(text), currency, locale=locale)


@lru_cache(maxsize=FORMATTED)
def _percent(text, locale):
    return format_decimal(Decimal(text), format="#,##0.00", locale=locale) + " %"


@lru_cache(maxsize=FORMATTED)
def _rate(text, locale):
    return format_decimal(Decimal(text), format="#,##0.####", locale=locale)


@lru_cache(maxsize=FORMATTED)
def _day(day, locale):
    return format_date(day, format="long", locale=locale)


@register.filter
def money(value, currency):
    """An amount as the visitor's language writes it, with its currency: "PHP 21,934.50", "Rp 1.234.567"."""
    if value is None:
        return ""
    return _money(str(value), currency, babel_locale())


@register.filter
def percent(value):
    """A percentage with two decimals in the visitor's language; a negative one keeps its sign."""
    if value is None:
        return ""
    return _percent(str(percent_rounded(value)), babel_locale())


@register.filter
def rate(value):
    if value is None:
        return ""
    return _rate(str(value), babel_locale())


@register.filter
def day(value):
    """The day of a date or time in full, as the visitor's language writes it (site_tags' long_date, kept)."""
    if not value:
        return ""
    return _day(value.date() if isinstance(value, datetime) else value, babel_locale())  # as Babel does


@register.filter
def speed(value):
    """A product's speed band, in the visitor's language (as get_speed_display, without its cost per row)."""
    return SPEEDS.get(value, value)


@register.filter
def pay_out(value):
    """How the family receives the money, in the visitor's language."""
    return PAY_OUTS.get(value, value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
