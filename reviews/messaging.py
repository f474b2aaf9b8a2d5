"""Sending a message to a reviewer's contact: SMS (the console, or an HTTP gateway) or e-mail, and what it says.

The console backend is for development: it prints the message with the number masked. The HTTP backend posts
JSON ({"to", "from", "text"}) to settings.SMS_GATEWAY_URL with a bearer token, the shape most SMS gateways take or
that a small adapter in front of one can; a gateway that does not answer 2xx raises SmsError (the task fails and can
be retried). No contact is ever logged.

The texts are short enough for one or two SMS, in the reviewer's language; a notification names the agency and why,
and points to the reviewer's page (to read, edit or appeal), never quoting the review.
"""

import json
import sys
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moderation.models import Reason
from reviews.contacts import contact_masked
from reviews.models import Channel, Notification

GATEWAY_TIMEOUT = 10  # seconds
AGENCY_NAME_SHOWN = 60  # characters of the agency's name in a notification, so that it fits in two SMS
APPEAL_UPHELD, APPEAL_OVERTURNED = "upheld", "overturned"  # the reason of an "appeal" notification

Event = Notification.Event
NOTIFICATION_TEXTS = {
    Event.PUBLISHED: gettext_lazy("Lantern: your review of %(agency)s is published. See it: %(link)s"),
    Event.REJECTED: gettext_lazy("Lantern: your review of %(agency)s was not published. Why: %(reason)s. "
                                 "You can edit it or appeal: %(link)s"),
    Event.EDIT_ASKED: gettext_lazy("Lantern: a moderator asks you to edit your review of %(agency)s. Why: %(reason)s. "
                                   "Edit it: %(link)s"),
    Event.REPLIED: gettext_lazy("Lantern: %(agency)s replied to your review. Read it: %(link)s"),
    (Event.APPEAL_DECIDED, APPEAL_UPHELD): gettext_lazy(
        "Lantern: your appeal about your review of %(agency)s was decided: the decision stays. %(link)s"),
    (Event.APPEAL_DECIDED, APPEAL_OVERTURNED): gettext_lazy(
        "Lantern: your appeal about your review of %(agency)s was decided: the decision was changed. %(link)s"),
}


class SmsError(Exception):
    """The SMS gateway did not take the message."""


def _sms_console(to, text):
    sys.stdout.write(f"SMS to {contact_masked(to)}: {text}\n")
    sys.stdout.flush()


def _sms_http(to, text):
    body = json.dumps({"to": to, "from": settings.SMS_SENDER, "text": text}).encode()
    request = urllib.request.Request(settings.SMS_GATEWAY_URL, data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
    })
    try:
        with urllib.request.urlopen(request, timeout=GATEWAY_TIMEOUT) as response:  # noqa: S310 - an https URL from settings
            response.read(1024)
    except urllib.error.HTTPError as error:
        raise SmsError(f"The SMS gateway answered {error.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise SmsError(f"The SMS gateway cannot be reached: {type(error).__name__}") from None


def sms_send(to, text):
    {"console": _sms_console, "http": _sms_http}[settings.SMS_BACKEND](to, text)


def contact_send(*, channel, to, subject, text):
    """Sends a text by SMS, or by e-mail with the subject; raises SmsError, or OSError (SMTP errors are OSErrors)."""
    if channel == Channel.SMS:
        sms_send(to, text)
    else:
        send_mail(subject, text, None, [to])


def code_send(*, channel, to, code, language):
    with translation.override(language):
        text = _("Your Lantern code is %(code)s. It works for 10 minutes. Nobody from Lantern will ask you for it.") % {
            "code": code}
        contact_send(channel=channel, to=to, subject=_("Your Lantern code"), text=text)


def notification_text(*, event, reason, agency_name, language):
    """(subject, text) of a notification, in the language: what happened to the review of the agency, why, and the link
    to the reviewer's page on the site."""
    with translation.override(language):
        text = NOTIFICATION_TEXTS.get((event, reason)) or NOTIFICATION_TEXTS[event]
        return _("Lantern: about your review"), str(text) % {
            "agency": Truncator(" ".join(agency_name.split())).chars(AGENCY_NAME_SHOWN, truncate="..."),
            "reason": Reason(reason).label if reason in Reason.values else reason,
            "link": settings.BASE_URL.rstrip("/") + reverse("reviews:mine"),
        }
