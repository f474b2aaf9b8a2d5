"""Sending a message to a reviewer's contact: SMS (the console, or an HTTP gateway) or e-mail.

The console backend is for development: it prints the message with the number masked. The HTTP backend posts
JSON ({"to", "from", "text"}) to settings.SMS_GATEWAY_URL with a bearer token, the shape most SMS gateways take or
that a small adapter in front of one can; a gateway that does not answer 2xx raises SmsError (the task fails and can
be retried). No contact is ever logged.
"""

import json
import sys
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from reviews.contacts import contact_masked
from reviews.models import Channel

GATEWAY_TIMEOUT = 10  # seconds


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


def code_send(*, channel, to, code, language):
    with translation.override(language):
        text = _("Your Lantern code is %(code)s. It works for 10 minutes. Nobody from Lantern will ask you for it.") % {
            "code": code}
        if channel == Channel.SMS:
            sms_send(to, text)
        else:
            send_mail(_("Your Lantern code"), text, None, [to])
