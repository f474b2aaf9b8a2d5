"""Steps of a reviewer's way through the pages, shared by the reviews tests."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import translation

from reviews.views import SESSION_REVIEWER

PHONE = "+63 918 234 5678"
# The same number as people write it, and as it could be stored or logged.
PHONE_SPELLINGS = ("+639182345678", "639182345678", "09182345678", "9182345678", "918 234 5678", "918-234-5678",
                   "+63 918 234 5678", "0918 234 5678")
EMAIL = "Worker.Name@Example.ORG"
EMAIL_SPELLINGS = ("worker.name@example.org", "worker.name", "Worker.Name")


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"reviews:{name}", args=args)


def write_url(agency, language="en"):
    return url("write", agency.pk, language=language)


def code_from(capsys):
    """The code in the last SMS the console backend printed."""
    return re.findall(r"code is (\d{6})", capsys.readouterr().out)[-1]


def code_from_mail():
    return re.findall(r"code is (\d{6})", mail.outbox[-1].body)[-1]


def ask_code(client, start_url, contact=PHONE, notify=False, **extra):
    data = {"contact": contact}
    if notify:
        data["notify"] = "on"
    return client.post(start_url, data, **extra)


def prove(client, capsys, start_url, contact=PHONE, notify=False):
    """Proves the contact from `start_url` (write or mine) and follows on; returns the page it ends on."""
    response = ask_code(client, start_url, contact, notify)
    assert response.status_code == 302, response.content.decode()[:2000]
    code = code_from_mail() if "@" in contact else code_from(capsys)
    response = client.post(url("code"), {"code": code})
    assert response.status_code == 302 and response["Location"] == start_url
    assert client.session[SESSION_REVIEWER]
    return client.get(start_url)


def review_post(**changes):
    data = {
        "rating": "2", "fees_rating": "1", "contract_rating": "3", "job_rating": "2", "documents_rating": "4",
        "freedom_rating": "", "respect_rating": "3", "would_recommend": "no", "paid_fee": "yes",
        "fee_amount": "45,000", "fee_currency": "PHP", "fee_for": "training and medical",
        "title": "They charged a training fee",
        "text": "The agency made me pay for training.\r\n\r\n\r\n\r\nThe job was as promised.",
        "deployment_year": "2023", "destination": "HK", "sector": "domestic", "language": "en",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
