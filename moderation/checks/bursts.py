"""bursts: many items in a short time about one agency, or from one network or one contact, as when an agency
has its staff praise it, or someone floods a competitor with complaints.

The caller counts the items that arrived within BURST_WINDOW (this one included) and puts the counts into
Subject.recent; it reads the window and the thresholds from here, so that both count the same way. The score grows
from 0.5 at a threshold to 0.9 at twice the threshold.
"""

from datetime import timedelta

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from moderation.checks import Hit, check

BURST_WINDOW = timedelta(hours=1)
BURST_THRESHOLDS = {"agency": 5, "network": 3, "contact": 3}
REASONS = {
    "agency": _("{count} items about the same agency within {minutes} minutes"),
    "network": _("{count} items from the same network within {minutes} minutes"),
    "contact": _("{count} items from the same contact within {minutes} minutes"),
}


@check("bursts", _("Bursts"))
def bursts(subject):
    for source, threshold in BURST_THRESHOLDS.items():
        count = subject.recent.get(source) or 0
        if count >= threshold:
            score = 0.5 + 0.4 * min(1.0, (count - threshold) / threshold)
            minutes = int(BURST_WINDOW.total_seconds() // 60)
            yield Hit("bursts", round(score, 2), format_lazy(REASONS[source], count=count, minutes=minutes))
