"""A worker's whole way with the test client: prove a contact, write, see, edit and erase a review; and what is kept."""

import logging
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client

from reviews.models import Review, Reviewer, Status
from reviews.services import review_decide
from reviews.views import SESSION_VERIFIED_UNTIL
from tests.reviews.steps import (
    EMAIL,
    EMAIL_SPELLINGS,
    PHONE,
    PHONE_SPELLINGS,
    ask_code,
    prove,
    review_post,
    url,
    write_url,
)

pytestmark = pytest.mark.django_db
ICONS = Path(__file__).resolve().parents[2] / "site" / "templates" / "includes" / "icons"


def test_a_worker_proves_a_phone_number_and_writes_a_review(client, capsys, listed_agency):
    start = write_url(listed_agency)
    page = client.get(start).content.decode()
    assert "Phone number with country code, or e-mail" in page and 'name="notify"' in page
    response = ask_code(client, start, "+63 ٩١٨ ٢٣٤ ٥٦٧٨")  # Arabic-Indic digits are digits too
    assert response.status_code == 302 and response["Location"] == url("code")
    printed = capsys.readouterr().out
    assert re.search(r"SMS to \+63•+78: Your Lantern code is \d{6}\.", printed)
    code = re.search(r"code is (\d{6})", printed).group(1)
    assert "We sent a 6-digit code to your phone by SMS" in client.get(url("code")).content.decode()

    before = client.session.session_key
    response = client.post(url("code"), {"code": "".join(chr(0x0E50 + int(digit)) for digit in code)})  # Thai digits
    assert response.status_code == 302 and response["Location"] == start
    assert client.session.session_key != before, "the session key changes once the contact is proved"
    assert {key for key in client.session.keys() if key.startswith("reviews:")} == {
        "reviews:reviewer", "reviews:verified_until"}
    assert 29 * 60 < client.session[SESSION_VERIFIED_UNTIL] - time.time() <= 30 * 60

    form = client.get(start).content.decode()
    reviewer = Reviewer.objects.get()
    assert reviewer.pseudonym in form
    for icon in ("coins", "document", "briefcase", "passport", "door", "shield"):
        assert (ICONS / f"{icon}.svg").read_text().strip() in form, icon
    response = client.post(start, review_post())
    assert response.status_code == 302 and response["Location"] == url("mine")
    review = Review.objects.get()
    assert (review.agency, review.reviewer, review.status) == (listed_agency, reviewer, Status.PENDING)
    assert (review.rating, review.fees_rating, review.freedom_rating, review.would_recommend) == (2, 1, None, False)
    assert (review.paid_fee, review.fee_amount, review.fee_currency) == (True, Decimal("45000.00"), "PHP")
    assert review.text == "The agency made me pay for training.\n\nThe job was as promised."
    assert (review.deployment_year, review.destination, review.sector, review.language) == (2023, "HK", "domestic", "en")
    assert review.notify is False and reviewer.contact_encrypted == ""

    mine = client.get(url("mine")).content.decode()
    assert "Thank you. Your review waits for a moderator" in mine
    assert "They charged a training fee" in mine and "Waiting for a moderator" in mine and reviewer.pseudonym in mine


def test_sending_again_edits_the_first_review_and_takes_it_back_to_the_moderators(client, capsys, listed_agency,
                                                                                   moderator_user):
    start = write_url(listed_agency)
    client.get(start)
    prove(client, capsys, start)
    client.post(start, review_post())
    review_decide(review=Review.objects.get(), moderator=moderator_user, publish=True)

    form = client.get(start).content.decode()
    assert "what you send now replaces it" in form
    assert 'value="They charged a training fee"' in form and 'value="45000"' in form
    assert re.search(r'<option value="2023" selected>', form) and re.search(r'<option value="HK" selected>', form)
    assert re.search(r'type="radio" name="rating" value="2"[^>]*checked', form)

    response = client.post(start, review_post(rating="4", title="They refunded the fee", paid_fee="no"))
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.rating, review.title, review.status, review.published_at) == (4, "They refunded the fee",
                                                                                Status.PENDING, None)
    assert (review.paid_fee, review.fee_amount, review.fee_currency, review.fee_for) == (False, None, "", "")
    assert "Your review was replaced" in client.get(url("mine")).content.decode()


def test_a_reviewer_proves_the_same_contact_later_to_edit_or_erase(client, capsys, listed_agency, other_agency):
    start = write_url(listed_agency)
    client.get(start)
    prove(client, capsys, start)
    client.post(start, review_post())
    client.post(write_url(other_agency), review_post(title="Another agency"))
    pseudonym = Reviewer.objects.get().pseudonym

    later = Client()
    page = later.get(url("mine")).content.decode()
    assert "enter the phone number or e-mail you used" in page and 'name="notify"' not in page
    mine = prove(later, capsys, url("mine"), contact="+639182345678").content.decode()
    assert pseudonym in mine and "They charged a training fee" in mine and "Another agency" in mine
    review = Review.objects.get(agency=listed_agency)

    erase = url("erase", review.pk)
    confirm = later.get(erase)
    assert "Erasing cannot be undone" in confirm.content.decode()
    assert later.post(erase, {}).status_code == 200 and Review.objects.filter(pk=review.pk).exists()
    response = later.post(erase, {"confirm": "yes"})
    assert response.status_code == 302 and response["Location"] == url("mine")
    assert not Review.objects.filter(pk=review.pk).exists() and Review.objects.count() == 1
    assert "Your review was erased" in later.get(url("mine")).content.decode()


def test_a_reviewer_cannot_erase_someone_elses_review(client, capsys, listed_agency):
    start = write_url(listed_agency)
    client.get(start)
    prove(client, capsys, start)
    client.post(start, review_post())
    other = Client()
    prove(other, capsys, url("mine"), contact="+85291234567")
    review = Review.objects.get()
    assert other.post(url("erase", review.pk), {"confirm": "yes"}).status_code == 404
    assert Review.objects.filter(pk=review.pk).exists()


def test_a_worker_proves_an_e_mail_address_and_asks_to_be_told(client, listed_agency):
    start = write_url(listed_agency)
    client.get(start)
    ask_code(client, start, EMAIL, notify=True)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Worker.Name@example.org"]
    assert mail.outbox[0].subject == "Your Lantern code"
    code = re.search(r"code is (\d{6})", mail.outbox[0].body).group(1)
    assert client.get(url("code")).content.decode().count("to your e-mail") == 1
    client.post(url("code"), {"code": f" {code[:3]} {code[3:]} "})
    client.post(start, review_post())
    reviewer = Reviewer.objects.get()
    assert reviewer.channel == "email" and reviewer.contact_encrypted and reviewer.contact_kept_until
    assert Review.objects.get().notify is True


def test_when_the_proof_expires_the_worker_is_sent_back_to_the_contact_step_and_nothing_is_stored(
        client, capsys, listed_agency):
    start = write_url(listed_agency)
    client.get(start)
    prove(client, capsys, start)
    session = client.session
    session[SESSION_VERIFIED_UNTIL] = int(time.time()) - 1
    session.save()
    response = client.post(start, review_post())
    page = response.content.decode()
    assert response.status_code == 200 and not Review.objects.exists()
    assert "a proof of your contact holds for 30 minutes" in page and 'name="contact"' in page
    assert "reviews:reviewer" not in client.session


def test_the_form_warns_of_personal_data_and_stores_nothing_until_the_worker_confirms(client, capsys, listed_agency):
    start = write_url(listed_agency)
    client.get(start)
    prove(client, capsys, start)
    data = review_post(text="Call Ma'am Lorna on 0917 765 4321 or write to lorna@agency.example.com, she kept "
                            "passport P1234567A.")
    response = client.post(start, data)
    page = response.content.decode()
    assert response.status_code == 200 and not Review.objects.exists()
    assert "could tell who you or others are" in page
    for label, excerpt in (("A phone number", "0917 765 4321"), ("An e-mail address", "lorna@agency.example.com"),
                           ("A passport or ID number", "P1234567A"), ("A person&#x27;s name", "Ma&#x27;am Lorna")):
        assert f"{label}: “{excerpt}”" in page
    assert 'name="personal_data_checked"' in page
    response = client.post(start, {**data, "personal_data_checked": "on"})
    assert response.status_code == 302 and Review.objects.get().text == data["text"]


def every_stored_text():
    """Every value of every table, as text; sessions decoded."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the database itself
            values += [str(value) for row in cursor.fetchall() for value in row]
    values += [str(session.get_decoded()) for session in Session.objects.all()]
    return "\n".join(values)


def test_after_a_whole_flow_the_contact_is_nowhere_in_clear(client, capsys, caplog, listed_agency, moderator_user):
    caplog.set_level(logging.DEBUG)
    responses = []
    start = write_url(listed_agency)
    responses.append(client.get(start))
    responses.append(ask_code(client, start, PHONE, notify=True))
    sent = capsys.readouterr()  # the SMS as the console backend printed it: checked below with the rest
    code = re.findall(r"code is (\d{6})", sent.out)[-1]
    responses.append(client.post(url("code"), {"code": "000000" if code != "000000" else "111111"}))
    responses.append(client.post(url("code"), {"code": code}))
    responses.append(client.post(start, review_post()))
    responses.append(client.get(url("mine")))
    review_decide(review=Review.objects.get(), moderator=moderator_user, publish=True)
    agency_page = f"/en/check-an-agency/{listed_agency.country.lower()}/{listed_agency.slug}/"
    responses.append(client.get(agency_page))
    assert Reviewer.objects.get().pseudonym in responses[-1].content.decode(), "the page shows the pseudonym"
    other = Client()
    responses.append(other.get(url("mine")))
    responses.append(ask_code(other, url("mine"), EMAIL))
    responses.append(other.post(url("code"), {"code": re.search(r"code is (\d{6})", mail.outbox[-1].body).group(1)}))
    responses.append(other.get(url("mine")))

    stored = every_stored_text()
    shown = "\n".join(response.content.decode() + str(response.headers) for response in responses)
    printed = capsys.readouterr()
    logged = caplog.text + sent.out + sent.err + printed.out + printed.err
    for spelling in PHONE_SPELLINGS:
        assert spelling not in stored, spelling
        assert spelling not in shown, spelling
        assert spelling not in logged, spelling
    for spelling in EMAIL_SPELLINGS:
        assert spelling.lower() not in stored.lower(), spelling
        assert spelling.lower() not in shown.lower(), spelling
        assert spelling.lower() not in logged.lower(), spelling
    assert Reviewer.objects.filter(channel="sms").get().contact_encrypted, "kept, encrypted, as the worker asked"


def test_a_worker_on_a_shared_phone_makes_the_device_forget_the_proof(client, capsys, listed_agency):
    start = write_url(listed_agency)
    client.get(start)
    mine = prove(client, capsys, url("mine")).content.decode()
    assert "forget me on this device" in mine
    assert client.get(url("forget")).status_code == 405
    response = client.post(url("forget"))
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert not any(key.startswith("reviews:") for key in client.session.keys())
    assert 'name="contact"' in client.get(start).content.decode()
