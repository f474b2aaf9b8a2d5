from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.countries import country_name
from remittance.models import Product
from remittance.money import AmountError, parse_amount


def corridor_label(corridor):
    return _("%(sending)s (%(sending_currency)s) to %(receiving)s (%(receiving_currency)s)") % {
        "sending": country_name(corridor.sending_country), "sending_currency": corridor.sending_currency,
        "receiving": country_name(corridor.receiving_country), "receiving_currency": corridor.receiving_currency,
    }


class SortField(forms.ChoiceField):
    """A choice of order that never fails the form: missing or unknown (an old or edited link), it is the first."""

    def clean(self, value):
        value = self.to_python(value)
        return value if self.valid_value(value) else self.choices[0][0]


class CompareForm(forms.Form):
    """Where from, where to, how much, and optionally how the family receives it."""

    corridor = forms.ChoiceField(label=_("From and to"))
    amount = forms.CharField(label=_("Amount you send"), max_length=40,
                             help_text=_("Without the fee, in the currency you pay in."))
    pay_out = forms.ChoiceField(label=_("How your family receives it"), required=False,
                                choices=[("", _("Any way")), *Product.PayOut.choices])
    sort = SortField(label=_("Sort by"), required=False, choices=[
        ("received", _("Amount received, most first")),
        ("cost", _("Total cost, cheapest first")),
        ("speed", _("Speed, fastest first")),
    ])
    older = forms.BooleanField(label=_("Also show older prices"), required=False)
    all = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, corridors, **kwargs):
        super().__init__(*args, **kwargs)
        self.corridors = {corridor.code: corridor for corridor in corridors}
        self.fields["corridor"].choices = [(code, corridor_label(corridor)) for code, corridor in self.corridors.items()]

    def clean(self):
        cleaned = super().clean()
        corridor = self.corridors.get(cleaned.get("corridor"))
        if corridor and cleaned.get("amount"):
            try:
                cleaned["money"] = parse_amount(cleaned["amount"], language=get_language(), currency=corridor.sending_currency)
            except AmountError as error:
                self.add_error("amount", str(error))
        cleaned["corridor_object"] = corridor
        return cleaned
