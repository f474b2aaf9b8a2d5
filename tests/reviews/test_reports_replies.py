"""Reports of reviews and replies (no account), the agencies' right of reply, and the representatives' sign-in."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import translation

from moderation.models import AuditEntry, Report
from reviews import contacts
from reviews.models import Reply, Representative, Review, Reviewer, Status
from reviews.services import reply_decide, reply_submit, review_decide, review_submit
from tests.reviews.steps import url
from tests.test_security import ResourceCollector

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-42"


def a_review(agency, moderator=None, number=1, **data):
    reviewer = Reviewer.objects.create(contact_hash=contacts.contact_hash(f"+6391823456{number:02d}"), channel="sms",
                                       pseudonym=f"Steady Kite {number}")
    fields = {"rating": 2, "title": "They kept my passport", "text": "The agency kept my passport.",
              "deployment_year": 2022, "destination": "SG", "sector": "care", "language": "en", **data}
    review, _created = review_submit(reviewer=reviewer, agency=agency, data=fields)
    return review_decide(review=review, moderator=moderator, publish=True) if moderator else review


def message(text, code="en"):
    with translation.override(code):
        return translation.gettext(text).replace("'", "&#x27;")


# --- Reports ---------------------------------------------------------------------------------------

def test_anyone_reports_a_published_review_with_a_reason(client, listed_agency, moderator_user):
    review = a_review(listed_agency, moderator_user)
    page = client.get(url("report", "review", review.pk)).content.decode()
    for label in ("False or misleading", "Personal data", "Abusive or hateful", "Spam or advertising",
                  "Written by the agency or for it"):
        assert label in page
    assert 'type="radio" name="reason"' in page and "Not about this agency" not in page
    response = client.post(url("report", "review", review.pk), {"reason": "by_agency", "note": "Same words\r\nas ads."})
    assert response.status_code == 200 and message("Your report reached the moderators.") in response.content.decode()
    report = Report.objects.get()
    assert (report.item_kind, report.item_id, report.agency_id, report.reason, report.note, report.state) == (
        "review", review.pk, listed_agency.pk, "by_agency", "Same words\nas ads.", Report.State.OPEN)
    assert AuditEntry.objects.filter(item_kind="report", action="reported").exists()
    assert Review.objects.get().status == Status.PUBLISHED, "a reported review stays up while it is checked"


def test_anyone_reports_a_published_reply(client, listed_agency, moderator_user, representative):
    review = a_review(listed_agency, moderator_user)
    reply = reply_decide(reply=reply_submit(user=representative, review=review, text="Not true."),
                         moderator=moderator_user, publish=True)
    assert "Report the agency's reply" in client.get(url("report", "reply", reply.pk)).content.decode()
    client.post(url("report", "reply", reply.pk), {"reason": "abusive"})
    assert Report.objects.get().item_kind == "reply"


def test_only_published_items_can_be_reported(client, listed_agency, moderator_user, representative):
    pending = a_review(listed_agency)
    published = a_review(listed_agency, moderator_user, number=2)
    pending_reply = reply_submit(user=representative, review=published, text="We disagree.")
    for address in (url("report", "review", pending.pk), url("report", "reply", pending_reply.pk),
                    url("report", "review", 987654), url("report", "agency", published.pk),
                    url("report", "reply", published.pk + 1000)):
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"reason": "spam"}).status_code == 404, address
    assert not Report.objects.exists()


@pytest.mark.parametrize(("data", "error"), [
    ({"reason": "not_about_agency"}, "Choose a reason from the list."),
    ({"reason": "other"}, "Choose a reason from the list."),
    ({}, "Choose a reason from the list."),
    ({"reason": "spam", "note": "x" * 1001}, "Keep it to 1000 characters at most"),
    ({"reason": "spam", "note": "<a href='http://spam.example'>cheap</a>"}, "Please remove the HTML tags"),
    ({"reason": "spam", "note": "hidden\u202etxt"}, "change the direction of the writing"),
])
def test_a_bad_report_is_refused_and_nothing_is_stored(client, listed_agency, moderator_user, data, error):
    review = a_review(listed_agency, moderator_user)
    response = client.post(url("report", "review", review.pk), data)
    assert response.status_code == 200 and message(error) in response.content.decode()
    assert not Report.objects.exists()


def test_reports_are_limited_per_ip(client, listed_agency, moderator_user):
    review = a_review(listed_agency, moderator_user)
    for _report in range(10):
        client.post(url("report", "review", review.pk), {"reason": "spam"})
    response = client.post(url("report", "review", review.pk), {"reason": "spam"})
    assert response.status_code == 429 and message("Too many attempts from here in a short time.") in response.content.decode()
    assert Report.objects.count() == 10


# --- Replies ---------------------------------------------------------------------------------------

def test_a_visitor_must_sign_in_to_reply(client, listed_agency, moderator_user):
    review = a_review(listed_agency, moderator_user)
    response = client.get(url("reply", review.pk))
    assert response.status_code == 302 and response["Location"].startswith(url("login") + "?next=")


def test_a_representative_replies_once_and_the_reply_waits_for_a_moderator(client, listed_agency, moderator_user,
                                                                            representative):
    review = a_review(listed_agency, moderator_user)
    client.force_login(representative)
    page = client.get(url("reply", review.pk)).content.decode()
    assert "They kept my passport" in page and "Steady Kite 1" in page and 'name="text"' in page
    response = client.post(url("reply", review.pk), {"text": "We returned the passport.\r\nWe are sorry."})
    assert response.status_code == 200 and message("Your reply waits for a moderator.") in response.content.decode()
    reply = Reply.objects.get()
    assert (reply.review, reply.author, reply.status, reply.text) == (review, representative, Status.PENDING,
                                                                      "We returned the passport.\nWe are sorry.")
    page = client.get(url("reply", review.pk)).content.decode()
    assert "already has a reply" in page and 'name="text"' not in page
    again = client.post(url("reply", review.pk), {"text": "And another thing."})
    assert again.status_code == 409
    assert message("This review already has a reply from the agency.") in again.content.decode()
    assert Reply.objects.get().text == "We returned the passport.\nWe are sorry."
    assert Review.objects.get().text == "The agency kept my passport.", "a reply never changes the review"


def test_a_reply_to_an_unpublished_review_is_refused(client, listed_agency, representative):
    pending = a_review(listed_agency)
    client.force_login(representative)
    assert client.get(url("reply", pending.pk)).status_code == 404
    assert client.post(url("reply", pending.pk), {"text": "Too early."}).status_code == 404
    assert not Reply.objects.exists()


def test_only_a_verified_representative_of_that_agency_may_reply(client, listed_agency, other_agency, moderator_user,
                                                                  representative):
    review = a_review(listed_agency, moderator_user)
    stranger = User.objects.create_user("stranger", password=PASSWORD)
    in_group_only = User.objects.create_user("claims-to-be", password=PASSWORD)
    in_group_only.groups.add(Group.objects.get(name="Agency representatives"))
    elsewhere = User.objects.create_user("other-agency", password=PASSWORD)
    elsewhere.groups.add(Group.objects.get(name="Agency representatives"))
    Representative.objects.create(user=elsewhere, agency=other_agency, how_verified="test")
    linked_only = User.objects.create_user("not-in-group", password=PASSWORD)
    Representative.objects.create(user=linked_only, agency=listed_agency, how_verified="test")
    for user in (stranger, in_group_only, elsewhere, linked_only, moderator_user):
        client.force_login(user)
        response = client.post(url("reply", review.pk), {"text": "We deny everything."})
        assert response.status_code == 403, user
        assert message("Only the agency can reply") in response.content.decode()
    assert not Reply.objects.exists()


def test_a_representative_cannot_edit_or_erase_a_review(client, listed_agency, moderator_user, representative):
    review = a_review(listed_agency, moderator_user)
    client.force_login(representative)
    page = client.get(url("mine")).content.decode()
    assert 'name="contact"' in page and "They kept my passport" not in page
    response = client.post(url("erase", review.pk), {"confirm": "yes"})
    assert 'name="contact"' in response.content.decode()
    response = client.post(url("write", listed_agency.pk), {"rating": "5", "title": "Great agency", "text": "Best."})
    assert 'name="contact"' in response.content.decode()
    assert Review.objects.get().title == "They kept my passport" and Review.objects.get().status == Status.PUBLISHED


@pytest.mark.parametrize(("text", "error"), [("", "Write your reply."), ("<script>x</script>", "Please remove the HTML tags"),
                                             ("y" * 3001, "Keep it to 3000 characters at most")])
def test_a_bad_reply_is_refused(client, listed_agency, moderator_user, representative, text, error):
    review = a_review(listed_agency, moderator_user)
    client.force_login(representative)
    response = client.post(url("reply", review.pk), {"text": text})
    assert message(error) in response.content.decode()
    assert not Reply.objects.exists()


# --- Sign-in ---------------------------------------------------------------------------------------

def test_a_representative_signs_in_replies_and_signs_out(client, listed_agency, moderator_user, representative):
    review = a_review(listed_agency, moderator_user)
    reply_page = url("reply", review.pk)
    response = client.get(reply_page, follow=True)
    assert "Sign in for agencies" in response.content.decode()
    wrong = client.post(url("login"), {"username": "agency-rep", "password": "wrong", "next": reply_page})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(url("login"), {"username": "agency-rep", "password": PASSWORD, "next": reply_page})
    assert response.status_code == 302 and response["Location"] == reply_page
    assert client.get(url("logout")).status_code == 405, "signing out is a POST"
    response = client.post(url("logout"))
    assert response.status_code == 200 and message("You are signed out.") in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_attempts_are_limited_per_ip(client, representative):
    for _attempt in range(10):
        client.post(url("login"), {"username": "agency-rep", "password": "guess"})
    response = client.post(url("login"), {"username": "agency-rep", "password": PASSWORD})
    assert response.status_code == 429
    assert message("Too many attempts from here in a short time.") in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert Client(REMOTE_ADDR="10.0.4.1").post(url("login"), {"username": "agency-rep", "password": PASSWORD}).status_code == 302


# --- The pages load nothing inline -------------------------------------------------------------------

def test_the_review_pages_load_nothing_inline_and_nothing_from_another_host(client, capsys, listed_agency,
                                                                          moderator_user, representative):
    review = a_review(listed_agency, moderator_user)
    pages = [url("write", listed_agency.pk), url("code"), url("mine"), url("report", "review", review.pk), url("login")]
    rep = Client()
    rep.force_login(representative)
    responses = [client.get(page) for page in pages] + [rep.get(url("reply", review.pk))]
    for response in responses:
        assert response.status_code == 200
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        collector = ResourceCollector()
        collector.feed(response.content.decode())
        assert collector.inline == []
        assert all(resource.startswith("/") and not resource.startswith("//") for resource in collector.resources)
