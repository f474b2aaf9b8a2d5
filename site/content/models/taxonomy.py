"""What guides and support organisations are about (topics), and lists of codes (countries, languages) kept in one
column so that a filter on one code works the same on SQLite and PostgreSQL."""

from functools import lru_cache

import pycountry
from babel import Locale as BabelLocale
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.countries import country_name

TOPICS = {
    "recruitment-fees": _("Recruitment fees"),
    "contracts": _("Contracts"),
    "documents": _("Documents and passports"),
    "wages": _("Wages"),
    "hours-rest": _("Hours and rest days"),
    "health": _("Health"),
    "domestic-work": _("Domestic work"),
    "complaints": _("Complaints and remedies"),
    "leaving-employer": _("Leaving an employer"),
    "returning-home": _("Returning home"),
}

# The languages that support organisations speak: Lantern's eight, and those of the main destinations.
LANGUAGE_CODES = ("en", "fil", "id", "ne", "my", "km", "vi", "th", "ms", "yue", "zh", "ar", "ko", "ja", "hi", "bn")


class Topic(models.Model):
    """One of the fixed topics; the rows exist so that pages and organisations can be filtered by topic in SQL."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True, choices=list(TOPICS.items()))

    class Meta:
        verbose_name = _("topic")
        ordering = ["pk"]

    def __str__(self):
        return str(TOPICS.get(self.slug, self.slug))


def country_choices():
    """Every ISO 3166 country, named and sorted in the visitor's language."""
    return _country_choices(get_language() or "en")


@lru_cache(maxsize=16)
def _country_choices(language):
    pairs = ((country.alpha_2, country_name(country.alpha_2, language)) for country in pycountry.countries)
    return sorted(pairs, key=lambda pair: pair[1].casefold())


def language_name(code, language=None):
    """A language's own code named in the visitor's language ("km" -> "Khmer" in English, "ខ្មែរ" in Khmer)."""
    try:
        return BabelLocale.parse((language or get_language() or "en").replace("-", "_")).languages.get(code, code)
    except (ValueError, TypeError):
        return code


def language_choices():
    return [(code, language_name(code)) for code in LANGUAGE_CODES]


class CodeListField(models.CharField):
    """A list of short codes ("PH", "HK") stored as ",PH,HK," so that `codes_contain` finds one code with a plain
    LIKE on any database. Its form field is a multiple choice of `choices_function()`."""

    def __init__(self, *args, choices_function=None, **kwargs):
        self.choices_function = choices_function
        kwargs.setdefault("max_length", 800)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_function"] = self.choices_function
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [code for code in (value or "").split(",") if code]

    def get_prep_value(self, value):
        codes = self.to_python(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")
        if self.choices_function is not None:
            allowed = {code for code, _name in self.choices_function()}
            unknown = [code for code in value if code not in allowed]
            if unknown:
                raise ValidationError(_("Unknown code: %(codes)s"), code="invalid_choice",
                                      params={"codes": ", ".join(unknown)})

    def run_validators(self, value):
        super().run_validators(self.get_prep_value(value))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices_function or (), required=not self.blank, label=self.verbose_name,
            help_text=self.help_text, widget=forms.SelectMultiple(attrs={"size": 8}),
        )


def codes_contain(field, code):
    """A filter for rows whose CodeListField `field` holds `code`."""
    return Q(**{f"{field}__contains": f",{code},"})
