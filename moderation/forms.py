"""The form of "Is something wrong here?": a reader quotes the wrong words of a content page and says what is wrong.

The passage is copied from our own page, so it is made plain as other text from outside is (config.text.plain_text:
markup stripped, white space made single) rather than refused: a copied passage may carry the page's own invisible
characters along, such as the zero-width spaces of Thai, Khmer or Burmese text. The note is the reader's own
writing, so it is checked as everything visitors write is (reviews.forms.UserTextField: refused with a clear message,
never changed silently). Every message is for the reader, in their language.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config.text import plain_text
from moderation.models import ContentReport
from reviews.forms import UserTextField, length_errors
from reviews.text import CONTROL_MESSAGE


class ContentReportForm(forms.Form):
    passage = forms.CharField(
        label=_("The words that are wrong (optional)"), required=False,
        max_length=ContentReport._meta.get_field("passage").max_length, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Copy them from the page, so that the editors find them."), error_messages=length_errors(),
    )
    note = UserTextField(
        label=_("What is wrong?"), max_length=ContentReport._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what is wrong, and what is right if you know. A source helps: a law, an official page, a "
                    "news report. Do not write your name or contact: we do not need them."),
        error_messages={"required": _("Say what is wrong.")},
    )

    def clean_passage(self):
        try:
            return plain_text(self.cleaned_data["passage"])
        except ValueError:
            raise ValidationError(CONTROL_MESSAGE, code="control") from None
