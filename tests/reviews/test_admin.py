"""Reviews in the Wagtail admin: nobody edits a review or the audit log, representatives are verified by moderators,
editors record fee caps. (Decisions are taken in the moderation queue: tests/moderation/test_queue.py.)"""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.demo import demo_agencies_load
from agencies.models import Agency
from moderation.models import Appeal, AuditEntry
from reviews import contacts
from reviews.models import FeeCap, Notification, Representative, Review, Reviewer
from reviews.services import reply_submit, review_decide, review_submit

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert('x')</script>"


def logged_in(client, group, name=None):
    user = User.objects.create_user(username=name or group.lower(), password="a-long-test-password")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def agency():
    demo_agencies_load()
    return Agency.objects.get(licence_number="POEA-901-LB-010125-R")


@pytest.fixture
def review(agency):
    reviewer = Reviewer.objects.create(contact_hash=contacts.contact_hash("+639170000001"), channel="sms",
                                       pseudonym="Calm Heron 12")
    return review_submit(reviewer=reviewer, agency=agency, data={
        "rating": 2, "title": f"Title {HOSTILE}", "text": f"They kept my passport. {HOSTILE}", "deployment_year": 2023,
        "destination": "HK", "sector": "domestic", "language": "en"})[0]


def test_nobody_edits_or_deletes_a_review_or_the_audit_log_in_the_admin(client, review):
    admin = User.objects.create_superuser("admin", password="a-long-test-password")
    client.force_login(admin)
    for base in ("/admin/reviews_review/", "/admin/moderation_auditentry/"):
        listing = client.get(base).content.decode()
        assert f"{base}edit/" not in listing and f"{base}delete/" not in listing and f"{base}new/" not in listing
    entry = AuditEntry.objects.get()
    for path in (f"/admin/reviews_review/edit/{review.pk}/", f"/admin/reviews_review/delete/{review.pk}/",
                 f"/admin/moderation_auditentry/edit/{entry.pk}/", f"/admin/moderation_auditentry/delete/{entry.pk}/"):
        assert client.post(path, {"title": "changed", "note": "changed"}, follow=True).status_code == 404
    assert Review.objects.get().title == review.title and AuditEntry.objects.get().note == ""


def test_a_moderator_verifies_a_representative_who_then_joins_the_group(client, agency):
    moderator = logged_in(client, "Moderators")
    person = User.objects.create_user("agency-person")
    response = client.post("/admin/reviews_representative/new/", {
        "user": person.pk, "agency": agency.pk, "verified_on": "2026-11-20", "how_verified": "Called the licensed number",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    link = Representative.objects.get()
    assert (link.user, link.agency, link.verified_by) == (person, agency, moderator)
    assert person.groups.filter(name="Agency representatives").exists()


def test_an_editor_records_a_fee_cap_and_an_amount_cap_needs_its_amount(client):
    logged_in(client, "Editors")
    base = {"agency_country": "NP", "destination": "QA", "sector": "", "kind": "amount", "currency": "NPR",
            "description": "At most NPR 10,000", "source_title": "Decision of 6 July 2015",
            "source_url": "https://dofe.gov.np/", "checked_on": "2026-11-20"}
    client.post("/admin/reviews_feecap/new/", {**base, "amount": ""})
    assert not FeeCap.objects.exists()
    client.post("/admin/reviews_feecap/new/", {**base, "source_url": "javascript:alert(1)", "amount": "10000"})
    assert not FeeCap.objects.exists()
    client.post("/admin/reviews_feecap/new/", {**base, "amount": "10000"})
    assert FeeCap.objects.get().amount == 10000


@pytest.mark.parametrize("listing", ["reviews_review", "reviews_reply", "moderation_auditentry", "reviews_representative",
                                     "reviews_notification", "moderation_appeal"])
def test_a_listing_reads_what_its_rows_show_in_one_query_whatever_their_number(client, agency, listing):
    moderator = User.objects.create_user("moderator")
    client.force_login(User.objects.create_superuser("admin", password="a-long-test-password"))

    def published_and_answered(numbers):
        for number in numbers:
            reviewer = Reviewer.objects.create(contact_hash=contacts.contact_hash(f"+6391700002{number:02d}"),
                                               channel="sms", pseudonym=f"Kite {number}")
            review = review_submit(reviewer=reviewer, agency=agency, data={
                "rating": 3, "title": f"Review {number}", "text": "What happened.", "deployment_year": 2023,
                "destination": "HK", "sector": "domestic", "language": "en"})[0]
            review = review_decide(review=review, moderator=moderator, publish=True)
            person = User.objects.create_user(f"representative-{number}")
            Representative.objects.create(user=person, agency=agency, verified_by=moderator, how_verified="test")
            reply_submit(user=person, review=review, text="Our answer.")
            Notification.objects.create(reviewer=reviewer, review=review, event=Notification.Event.PUBLISHED,
                                        language="en")
            Appeal.objects.create(item_kind="review", item_id=review.pk, agency_id=agency.pk, by=Appeal.By.AGENCY,
                                  text="Why.", appealed_action=AuditEntry.Action.PUBLISHED, decided_by=moderator,
                                  state=Appeal.State.UPHELD)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/admin/{listing}/").status_code == 200
        return len(captured)

    published_and_answered([1])
    with_one = queries()
    published_and_answered([2, 3, 4])
    assert queries() == with_one
