"""The forms a worker fills in (proving a contact, the code, the review), and the report, reply and appeal forms.

Every message is for the visitor, in their language; what a visitor writes (a UserTextField, which other apps' public
forms use too) is checked by reviews.text before it is stored, and the review is checked for personal data before it
is sent.
"""

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pycountry
from babel.numbers import get_currency_name
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.countries import country_name
from config.locales import babel_locale
from moderation.models import REPORT_REASONS
from moderation.personal_data import find_personal_data
from reviews import contacts
from reviews.models import FIRST_DEPLOYMENT_YEAR, Sector
from reviews.questions import QUESTIONS
from reviews.text import CONTROL_MESSAGE, clean_user_text

# Where workers come from (the site's languages, and Laos, which sends workers to Thailand under the same MOU
# system as Myanmar and Cambodia), where most of them go, and the US dollar that fees are often quoted in.
ORIGIN_CURRENCIES = ("PHP", "IDR", "NPR", "MMK", "KHR", "VND", "THB", "LAK")
DESTINATION_CURRENCIES = ("HKD", "SGD", "MYR", "QAR", "AED", "SAR", "KRW", "JPY", "TWD")
CURRENCIES = (*ORIGIN_CURRENCIES, *DESTINATION_CURRENCIES, "USD")
MAIN_DESTINATIONS = ("HK", "SG", "MY", "TH", "TW", "KR", "JP", "QA", "AE", "SA", "KW", "BH", "OM")
OTHER_LANGUAGE = "und"  # BCP 47 for "undetermined"
MAX_FEE = Decimal("999999999999.99")
RATINGS = [(str(stars), str(stars)) for stars in range(1, 6)]
YES, NO = "yes", "no"
FEE_FIELDS = ("fee_amount", "fee_currency", "fee_for")

RATING_ERRORS = {"required": _("Choose a rating from 1 to 5."), "invalid_choice": _("Choose a rating from 1 to 5.")}


def length_errors(**more):
    """The error messages of a public form's text field: its length, and a NUL character (Django's own message would
    not say what to do), with `more` (its "required" message, say)."""
    return {"max_length": _("Keep it to %(limit_value)d characters at most (it has %(show_value)d)."),
            "null_characters_not_allowed": CONTROL_MESSAGE, **more}


class UserTextField(forms.CharField):
    """Text a visitor writes, checked by reviews.text.clean_user_text (refused with a clear message, never changed
    silently): several lines, or one line with `multiline=False`. The error messages are length_errors()'s, with
    those given; a required text must still hold something once cleaned."""

    def __init__(self, *, multiline=True, error_messages=None, **kwargs):
        self.multiline = multiline
        super().__init__(error_messages=length_errors(**(error_messages or {})), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        text = clean_user_text(value, multiline=self.multiline)
        if not text and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return text


def parse_fee(text):
    """An amount as a worker types it ("45,000", "45.000", "1 500,50", "৪৫০০০"): a Decimal, or ValidationError.

    With both "," and "." the last one is the decimal point; with one of them, it groups thousands when every group
    after it has three digits ("45,000" and "45.000" are forty-five thousand) or lakhs as in Nepal ("1,50,000"), and
    is the decimal point otherwise.
    """
    invalid = ValidationError(_("Write the amount in figures only, for example 45000."), code="invalid")
    text = re.sub(r"[\s'\u00a0\u202f]", "", contacts.ascii_digits(text))
    if not text or len(text) > 30 or not re.fullmatch(r"[0-9.,]+", text) or not text[0].isdigit():
        raise invalid
    marks = [char for char in text if char in ",."]
    if len(set(marks)) == 2:
        point = marks[-1]
        whole, _point, fraction = text.rpartition(point)
        whole = whole.replace("," if point == "." else ".", "")
    elif marks and (len(marks) > 1 or re.fullmatch(r"\d{1,3}[.,]\d{3}", text)):
        whole, fraction = text, ""
        if not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}", text):  # or in lakhs: 1,50,000
            raise invalid
        whole = whole.replace(marks[0], "")
    elif marks:
        whole, _point, fraction = text.partition(marks[0])
    else:
        whole, fraction = text, ""
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or len(fraction) > 2:
        raise invalid
    try:
        amount = Decimal(f"{whole}.{fraction or 0}")
    except InvalidOperation:
        raise invalid from None
    if amount <= 0:
        raise ValidationError(_("The amount must be more than zero."), code="zero")
    if amount > MAX_FEE:
        raise ValidationError(_("This amount is too large. Check it."), code="too_large")
    return amount


@lru_cache(maxsize=16)
def _country_choices(language):
    def named(codes):
        return sorted(((code, country_name(code, language)) for code in codes), key=lambda pair: pair[1].casefold())

    others = [country.alpha_2 for country in pycountry.countries if country.alpha_2 not in MAIN_DESTINATIONS]
    return [
        ("", _("Choose a country")),
        (_("Where most workers go"), named(MAIN_DESTINATIONS)),
        (_("Every other country"), named(others)),
    ]


def _currency_choices():
    locale = babel_locale()
    return [("", _("Choose a currency"))] + [(code, f"{code} – {get_currency_name(code, locale=locale)}") for code in CURRENCIES]


class ContactForm(forms.Form):
    """A phone number or an e-mail address, in any script's digits; optionally, to be told about the review."""

    contact = forms.CharField(
        label=_("Phone number with country code, or e-mail"), strip=True,
        help_text=_("For example +63 917 123 4567 or name@example.com. We send a code there. We never show it or "
                    "give it to anyone, and keep only a scrambled form that cannot be turned back into it."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter a phone number with its country code, or an e-mail address.")},
    )
    notify = forms.BooleanField(
        label=_("Tell me there when my review is published or answered"), required=False,
        help_text=_("Then we keep your number or address encrypted until we have told you, for 90 days at most."),
    )

    def __init__(self, *args, offer_notify=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not offer_notify:
            del self.fields["notify"]

    def clean_contact(self):
        return contacts.contact_canonical(self.cleaned_data["contact"])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("The 6-digit code"), max_length=40, strip=True,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": _("Enter the 6 digits from the message."),
                        "max_length": _("Enter the 6 digits from the message.")},
    )

    def clean_code(self):
        code = contacts.ascii_digits("".join(self.cleaned_data["code"].replace("-", " ").split()))
        if not re.fullmatch(r"[0-9]{6}", code):
            raise ValidationError(_("Enter the 6 digits from the message."), code="code")
        return code


class YesNoField(forms.TypedChoiceField):
    """Yes, no or (when `unsaid` is given) prefer not to say, as radio buttons: True, False or None."""

    def __init__(self, *, unsaid, **kwargs):
        choices = [(YES, _("Yes")), (NO, _("No")), ("", unsaid)]
        super().__init__(choices=choices, coerce=lambda value: value == YES, empty_value=None, required=False,
                         widget=forms.RadioSelect, initial="",
                         error_messages={"invalid_choice": _("Choose one of the answers.")}, **kwargs)


class ReviewForm(forms.Form):
    """A review: the overall rating, the six questions, fees, the story, and when and where it happened."""

    rating = forms.TypedChoiceField(
        label=_("Overall, how was this agency?"), choices=RATINGS, coerce=int, widget=forms.RadioSelect,
        help_text=_("1 is very bad, 5 is very good."), error_messages=RATING_ERRORS,
    )
    paid_fee = YesNoField(label=_("Did you pay the agency, or anyone else, to get this job?"),
                          unsaid=_("I prefer not to say"))
    fee_amount = forms.CharField(label=_("How much did you pay in all?"), required=False, max_length=40,
                                 widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                                 error_messages=length_errors())
    fee_currency = forms.ChoiceField(label=_("In which currency?"), required=False,
                                     error_messages={"invalid_choice": _("Choose the currency from the list.")})
    fee_for = UserTextField(label=_("What was it for?"), required=False, max_length=200, multiline=False,
                            help_text=_("For example: placement fee, training, medical check, visa, ticket."))
    would_recommend = YesNoField(label=_("Would you recommend this agency to a friend?"), unsaid=_("No answer"))
    title = UserTextField(label=_("A title for your review"), max_length=120, multiline=False,
                          error_messages={"required": _("Give your review a short title.")})
    text = UserTextField(
        label=_("What happened?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Tell other workers what the agency did, good or bad. Do not write names, phone numbers or "
                    "passport numbers: not yours, and not anybody else's."),
        error_messages={"required": _("Tell other workers what happened.")},
    )
    deployment_year = forms.TypedChoiceField(
        label=_("Year you were deployed"), coerce=int,
        help_text=_("Only the year is shown, never a date."),
        error_messages={"required": _("Choose the year from the list."), "invalid_choice": _("Choose the year from the list.")},
    )
    destination = forms.ChoiceField(
        label=_("Country you went to work in"),
        error_messages={"required": _("Choose the country from the list."),
                        "invalid_choice": _("Choose the country from the list.")},
    )
    hide_destination = forms.BooleanField(
        label=_("Do not show the country with my review"), required=False,
        help_text=_("If few workers went there, the country could help someone guess who you are."),
    )
    sector = forms.ChoiceField(
        label=_("Kind of work"), choices=[("", _("Choose the kind of work")), *Sector.choices],
        error_messages={"required": _("Choose the kind of work from the list."),
                        "invalid_choice": _("Choose the kind of work from the list.")},
    )
    language = forms.ChoiceField(
        label=_("Language of your review"),
        error_messages={"required": _("Choose a language from the list."),
                        "invalid_choice": _("Choose a language from the list.")},
    )
    personal_data_checked = forms.BooleanField(
        label=_("I checked: nothing here tells who I or others are. Send it."), required=False,
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("paid_fee") != YES:
            # The fee's details count only when the worker paid one: whatever else is in them is left out.
            data = data.copy()
            for name in FEE_FIELDS:
                data.pop(name, None)
        super().__init__(data, *args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.field] = forms.TypedChoiceField(
                label=question.label, help_text=question.explanation, choices=[*RATINGS, ("", _("No answer"))],
                coerce=int, empty_value=None, required=False, widget=forms.RadioSelect, initial="",
                error_messages=RATING_ERRORS,
            )
        this_year = timezone.localdate().year
        self.fields["deployment_year"].choices = [("", _("Choose a year"))] + [
            (str(year), str(year)) for year in range(this_year, FIRST_DEPLOYMENT_YEAR - 1, -1)]
        self.fields["destination"].choices = _country_choices(get_language() or settings.LANGUAGE_CODE)
        self.fields["fee_currency"].choices = _currency_choices()
        self.fields["language"].choices = [*settings.LANGUAGES, (OTHER_LANGUAGE, _("Another language"))]
        self.fields["language"].initial = get_language()
        self.findings = []

    @property
    def questions(self):
        """(question, bound field) for each fair-recruitment question, for the template."""
        return [(question, self[question.field]) for question in QUESTIONS]

    def clean_fee_amount(self):
        value = self.cleaned_data["fee_amount"]
        return parse_fee(value) if value else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fee_amount") and not cleaned.get("fee_currency") and "fee_currency" not in self.errors:
            self.add_error("fee_currency", _("Choose the currency you paid in."))
        self.findings = [finding for name in ("title", "text", "fee_for")
                         for finding in find_personal_data(cleaned.get(name) or "")]
        if self.findings and not cleaned.get("personal_data_checked"):
            raise ValidationError(
                _("Your review seems to hold details that could tell who you or others are. Check the list below: "
                  "change your text, or confirm that it is safe."), code="personal_data")
        return cleaned

    def review_data(self):
        """What reviews.services.review_submit takes."""
        cleaned = self.cleaned_data
        paid = cleaned["paid_fee"]
        data = {name: cleaned[name] for name in (
            "rating", *(question.field for question in QUESTIONS), "would_recommend", "title", "text",
            "deployment_year", "destination", "hide_destination", "sector", "language")}
        data.update(
            paid_fee=paid,
            fee_amount=cleaned.get("fee_amount") if paid else None,
            fee_currency=(cleaned.get("fee_currency") or "") if paid else "",
            fee_for=(cleaned.get("fee_for") or "") if paid else "",
        )
        return data


def review_initial(review):
    """The form's initial values from a reviewer's earlier review, so that sending again edits it."""
    def yes_no(value):
        return "" if value is None else (YES if value else NO)

    initial = {name: "" if getattr(review, name) is None else str(getattr(review, name))
               for name in ("rating", *(question.field for question in QUESTIONS))}
    amount = review.fee_amount
    if amount is not None:
        amount = amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount
    initial.update(
        paid_fee=yes_no(review.paid_fee), would_recommend=yes_no(review.would_recommend),
        fee_amount="" if amount is None else str(amount), fee_currency=review.fee_currency, fee_for=review.fee_for,
        title=review.title, text=review.text, deployment_year=str(review.deployment_year),
        destination=review.destination, hide_destination=review.hide_destination, sector=review.sector,
        language=review.language,
    )
    return initial


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), widget=forms.RadioSelect,
        choices=[(reason.value, reason.label) for reason in REPORT_REASONS],
        error_messages={"required": _("Choose a reason from the list."),
                        "invalid_choice": _("Choose a reason from the list.")},
    )
    note = UserTextField(
        label=_("Anything the moderators should know (optional)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not write your name or contact: we do not need them, and we do not keep who reported."),
    )


class ReplyForm(forms.Form):
    text = UserTextField(
        label=_("Your reply"), max_length=3000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One reply per review. A moderator reads it before it is shown. It cannot be changed later."),
        error_messages={"required": _("Write your reply.")},
    )


class AppealForm(forms.Form):
    text = UserTextField(
        label=_("Why the decision is wrong"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can appeal once. A different moderator reads your appeal and decides."),
        error_messages={"required": _("Write why the decision is wrong.")},
    )
