from babel.numbers import format_currency, format_decimal

from django import template

from config.locales import babel_locale
from remittance.method import percent_rounded

register = template.Library()


@register.filter
def money(value, currency):
    """An amount as the visitor's language writes it, with its currency: "PHP 21,934.50", "Rp 1.234.567"."""
    if value is None:
        return ""
    return format_currency(value, currency, locale=babel_locale())


@register.filter
def percent(value):
    """A percentage with two decimals in the visitor's language; a negative one keeps its sign."""
    if value is None:
        return ""
    return format_decimal(percent_rounded(value), format="#,##0.00", locale=babel_locale()) + " %"


@register.filter
def rate(value):
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.####", locale=babel_locale())


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
