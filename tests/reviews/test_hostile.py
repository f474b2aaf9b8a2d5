"""Hostile input to the review pages: each gets a clear message in the visitor's language, no 500, nothing stored."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from reviews.models import ContactChallenge, Review, Reviewer
from reviews.services import CODE_ATTEMPTS
from reviews.views import SESSION_REVIEWER, SESSION_VERIFIED_UNTIL
from tests.reviews.steps import PHONE, ask_code, code_from, prove, review_post, url, write_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def proved(client, capsys, listed_agency):
    """A client whose session proved a phone number, on the review form of the listed agency."""
    start = write_url(listed_agency)
    client.get(start)
    prove(client, capsys, start)
    return client


def in_language(message, code):
    with translation.override(code):
        translated = translation.gettext(message)
    assert code == "en" or translated != message, f"{message!r} is not translated into {code}: the page would be English"
    return translated.replace("'", "&#x27;")


def refused(response, message, status=200, code="en"):
    """The page says `message` (escaped as the page escapes it) and nothing was stored."""
    html = response.content.decode()
    assert response.status_code == status, html[:3000]
    assert in_language(message, code) in html, html[html.find("<main"):][:3000]
    assert "Traceback" not in html
    assert not Review.objects.exists()
    return html


def test_an_agency_that_does_not_exist_gets_the_friendly_404(client, proved):
    response = client.get("/ne/reviews/write/987654/")
    refused(response, "We could not find that page", status=404, code="ne")
    assert refused(client.post("/en/reviews/write/987654/", review_post()), "We could not find that page", status=404)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("title", "<script>alert('x')</script>", "Please remove the HTML tags"),
    ("text", 'Fine <img src=x onerror="alert(1)"> agency', "Please remove the HTML tags"),
    ("text", "Nice <!-- hidden --> agency", "Please remove the HTML tags"),
    ("fee_for", "<b>placement</b>", "Please remove the HTML tags"),
    ("text", "a" * (1024 * 1024), "Keep it to 5000 characters at most"),
    ("title", "x" * 121, "Keep it to 120 characters at most"),
    ("title", "Good agency \u202egnp.exe", "change the direction of the writing"),
    ("text", "Look \u2066here\u2069", "change the direction of the writing"),
    ("text", "sc\u200bam agency", "invisible zero-width characters"),
    ("text", "\ufeffThe agency", "invisible zero-width characters"),
    ("text", "word \u200d word", "invisible zero-width characters"),
    ("text", "bell \x07 rings", "control characters"),
    ("text", "nul \x00 here", "control characters"),
    ("fee_for", "nul \x00 here", "control characters"),
    ("rating", "0", "Choose a rating from 1 to 5."),
    ("rating", "6", "Choose a rating from 1 to 5."),
    ("rating", "abc", "Choose a rating from 1 to 5."),
    ("rating", "", "Choose a rating from 1 to 5."),
    ("documents_rating", "-1", "Choose a rating from 1 to 5."),
    ("would_recommend", "maybe", "Choose one of the answers."),
    ("deployment_year", "1800", "Choose the year from the list."),
    ("deployment_year", "2100", "Choose the year from the list."),
    ("deployment_year", "2023-05-01", "Choose the year from the list."),
    ("destination", "XX", "Choose the country from the list."),
    ("destination", "hk", "Choose the country from the list."),
    ("fee_currency", "XYZ", "Choose the currency from the list."),
    ("fee_currency", "", "Choose the currency you paid in."),
    ("fee_amount", "abc", "Write the amount in figures only"),
    ("fee_amount", "-500", "Write the amount in figures only"),
    ("fee_amount", "0", "The amount must be more than zero."),
    ("fee_amount", "1e9", "Write the amount in figures only"),
    ("sector", "mining", "Choose the kind of work from the list."),
    ("language", "klingon", "Choose a language from the list."),
])
def test_bad_review_input_is_refused_with_a_clear_message(proved, listed_agency, field, value, message):
    refused(proved.post(write_url(listed_agency), review_post(**{field: value})), message)


def test_the_message_is_in_the_visitors_language(proved, listed_agency):
    response = proved.post(write_url(listed_agency, language="id"), review_post(deployment_year="1800"))
    html = refused(response, "Choose the year from the list.", code="id")
    assert '<html lang="id"' in html


@pytest.mark.parametrize("text", [
    "मेरो एजेन्ट र्\u200dयाम्प",  # Nepali: the eyelash ra is written with a zero-width joiner
    "क्\u200dष and ज्\u200cञ",  # Devanagari half forms with ZWJ and ZWNJ
    "ကျွန်\u200cတော်",  # Burmese
    "ខ្ញុំ\u200cបាន",  # Khmer
    "Our family 👨\u200d👩\u200d👧 waited",  # an emoji sequence
])
def test_joiners_inside_words_are_welcome(proved, listed_agency, text):
    response = proved.post(write_url(listed_agency), review_post(text=text))
    assert response.status_code == 302
    assert Review.objects.get().text == text


def test_fee_details_count_only_when_the_worker_paid(proved, listed_agency):
    response = proved.post(write_url(listed_agency),
                           review_post(paid_fee="no", fee_amount="<script>", fee_currency="XYZ", fee_for="\u202e"))
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.paid_fee, review.fee_amount, review.fee_currency, review.fee_for) == (False, None, "", "")


def test_a_replayed_code_is_refused(client, capsys, listed_agency):
    start = write_url(listed_agency)
    client.get(start)
    ask_code(client, start)
    code = code_from(capsys)
    stolen = Client()  # with the session cookie as it was before the proof
    stolen.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post(url("code"), {"code": code}).status_code == 302
    again = client.post(url("code"), {"code": code})
    assert in_language("This code has expired or was already used. Ask for a new one.", "en") in again.content.decode()
    replayed = stolen.post(url("code"), {"code": code})
    refused(replayed, "This code has expired or was already used. Ask for a new one.")
    assert SESSION_REVIEWER not in stolen.session


def test_an_expired_code_is_refused(client, capsys, listed_agency):
    start = write_url(listed_agency)
    client.get(start)
    ask_code(client, start)
    code = code_from(capsys)
    ContactChallenge.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    refused(client.post(url("code"), {"code": code}), "This code has expired or was already used. Ask for a new one.")
    assert not Reviewer.objects.exists() and SESSION_REVIEWER not in client.session


def test_five_wrong_codes_lock_the_code(client, capsys, listed_agency):
    start = write_url(listed_agency)
    client.get(start)
    ask_code(client, start)
    code = code_from(capsys)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _attempt in range(CODE_ATTEMPTS):
        refused(client.post(url("code"), {"code": wrong}), "This code is not right. Check the message and try again.")
    assert ContactChallenge.objects.get().attempts == CODE_ATTEMPTS
    refused(client.post(url("code"), {"code": code}), "Too many wrong codes. Ask for a new one.")
    assert not Reviewer.objects.exists()


@pytest.mark.parametrize(("code", "message"), [("12345", "Enter the 6 digits from the message."),
                                               ("abcdef", "Enter the 6 digits from the message."),
                                               ("1" * 100_000, "Enter the 6 digits from the message.")])
def test_a_code_that_is_not_six_digits_is_refused(client, capsys, listed_agency, code, message):
    start = write_url(listed_agency)
    client.get(start)
    ask_code(client, start)
    refused(client.post(url("code"), {"code": code}), message)
    assert ContactChallenge.objects.get().attempts == 0


@pytest.mark.parametrize(("contact", "message"), [
    ("", "Enter a phone number with its country code, or an e-mail address."),
    ("12345", "Enter the phone number with its country code, starting with +"),
    ("not@an@address", "This e-mail address does not look right."),
    ("<script>@x.org", "This e-mail address does not look right."),
    ("+63" + "9" * 1_000_000, "Enter a phone number with its country code, or an e-mail address."),
])
def test_a_contact_that_is_not_a_phone_or_an_address_is_refused(client, listed_agency, contact, message):
    refused(ask_code(client, write_url(listed_agency), contact), message)
    assert not ContactChallenge.objects.exists()


def test_a_form_without_its_csrf_token_gets_the_friendly_403_and_nothing_is_stored(listed_agency):
    strict = Client(enforce_csrf_checks=True)
    start = write_url(listed_agency, language="km")
    strict.get(start)
    refused(ask_code(strict, start, PHONE), "This form has expired", status=403, code="km")
    assert not ContactChallenge.objects.exists()

    session = strict.session
    reviewer = Reviewer.objects.create(contact_hash="0" * 64, channel="sms", pseudonym="Calm Heron 11")
    session[SESSION_REVIEWER], session[SESSION_VERIFIED_UNTIL] = reviewer.pk, int(timezone.now().timestamp()) + 600
    session.save()
    assert 'name="title"' in strict.get(start).content.decode()
    html = refused(strict.post(start, review_post()), "This form has expired", status=403, code="km")
    assert '<html lang="km"' in html and '<a class="button" href="/km/">' in html


# --- Floods: rate limits -------------------------------------------------------------------------

def too_many(response):
    return refused(response, "Too many attempts from here in a short time.", status=429)


def test_code_requests_are_limited_per_ip(client, capsys, listed_agency):
    start = write_url(listed_agency)
    for number in range(10):
        assert ask_code(client, start, f"+63 918 234 56{number:02d}").status_code == 302
    too_many(ask_code(client, start, "+63 918 234 5699"))
    assert ContactChallenge.objects.count() == 10
    assert ask_code(client, start, "+63 918 234 5699", REMOTE_ADDR="10.0.0.9").status_code == 302


def test_code_requests_are_limited_per_contact_whoever_asks(client, capsys, listed_agency):
    start = write_url(listed_agency)
    for number in range(5):
        assert ask_code(client, start, PHONE, REMOTE_ADDR=f"10.0.1.{number}").status_code == 302
    too_many(ask_code(client, start, "+639182345678", REMOTE_ADDR="10.0.1.99"))  # the same number, spelt otherwise
    assert ContactChallenge.objects.count() == 5


def test_the_service_refuses_a_sixth_code_in_an_hour_even_without_the_rate_limit(client, capsys, settings,
                                                                                 listed_agency):
    settings.RATELIMIT_ENABLE = False
    start = write_url(listed_agency)
    for _number in range(5):
        assert ask_code(client, start, PHONE).status_code == 302
    refused(ask_code(client, start, PHONE), "Too many codes were sent to this contact. Wait an hour, then ask again.",
            status=429)
    assert ContactChallenge.objects.count() == 5


def test_code_attempts_are_limited_per_ip(client, capsys, listed_agency):
    start = write_url(listed_agency)
    client.get(start)
    for _attempt in range(20):
        client.post(url("code"), {"code": "000000"})
    ask_code(client, start, REMOTE_ADDR="10.0.2.1")
    too_many(client.post(url("code"), {"code": code_from(capsys)}))
    assert SESSION_REVIEWER not in client.session


def test_submissions_are_limited_per_ip(capsys, listed_agency):
    start = write_url(listed_agency)
    workers = [Client() for _number in range(3)]
    for number, worker in enumerate(workers):
        worker.get(start)
        prove(worker, capsys, start, contact=f"+63 918 234 56{number:02d}")
    for attempt in range(20):  # at most 7 from each worker: under the limit per reviewer
        assert workers[attempt % 3].post(start, review_post(title="")).status_code == 200
    too_many(workers[2].post(start, review_post()))


def test_submissions_are_limited_per_reviewer_from_any_ip(proved, listed_agency):
    start = write_url(listed_agency)
    for attempt in range(10):
        assert proved.post(start, review_post(title=""), REMOTE_ADDR=f"10.0.3.{attempt}").status_code == 200
    too_many(proved.post(start, review_post(), REMOTE_ADDR="10.0.3.200"))


def test_a_body_too_large_for_django_is_a_friendly_400_not_a_500(proved, listed_agency):
    proved.raise_request_exception = False
    response = proved.post(write_url(listed_agency), review_post(text="ก" * (1024 * 1024)))  # 1 MB of Thai: 3 MB
    assert response.status_code == 400 and not Review.objects.exists()
    assert "nothing was stored" in response.content.decode() and 'lang="en"' in response.content.decode()
