"""personal_data: phone numbers, e-mail addresses, passport or ID numbers and people's names in the text.

What is found comes from moderation.personal_data, the finder the review form uses too. A reason is stored beside
the item and may outlive a redaction of it, so it quotes only the beginning of what was found; the spans show the
moderator the rest in the text itself.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from moderation.checks import Hit, check, quoted
from moderation.personal_data import EMAIL, ID_NUMBER, NAME, PHONE, find_personal_data

# A name is often the agency's staff named on purpose, and the finder is less sure of it than of a number.
SCORES = {PHONE: 0.9, EMAIL: 0.9, ID_NUMBER: 0.85, NAME: 0.65}
HINT_AT_MOST = 8  # characters of a finding a reason quotes


def hint(excerpt):
    """The beginning of a finding, at most half of it: "+63 917 123 4567" -> "+63 917 …"."""
    return excerpt[:min(HINT_AT_MOST, max(2, len(excerpt) // 2))] + "…"


@check("personal_data", _("Personal data"))
def personal_data(subject):
    by_kind = {}
    for finding in find_personal_data(subject.text):
        by_kind.setdefault(finding.kind, []).append(finding)
    for kind, findings in by_kind.items():
        yield Hit(
            "personal_data", SCORES[kind],
            format_lazy(_("Looks like {what}: {examples}"), what=findings[0].label,
                        examples=quoted([hint(finding.excerpt) for finding in findings])),
            tuple((finding.start, finding.end) for finding in findings),
        )
