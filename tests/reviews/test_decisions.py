"""Moderators' decisions, the rating summary they keep in step, replies, erasure and the audit log."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from agencies.demo import demo_agencies_load
from agencies.models import Agency
from moderation.models import AuditEntry, Reason
from reviews import contacts
from reviews.models import ContactChallenge, FeeCap, RatingSummary, Reply, Representative, Review, Reviewer, Status
from reviews.selectors import fee_cap_find, rating_summary
from reviews.services import (
    ReviewError,
    code_request,
    contacts_erase_expired,
    reply_decide,
    reply_submit,
    review_decide,
    review_erase,
    review_submit,
)


@pytest.fixture
def agency(db):
    demo_agencies_load()
    return Agency.objects.get(licence_number="POEA-901-LB-010125-R")


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def reviewer(number):
    return Reviewer.objects.create(contact_hash=contacts.contact_hash(f"+6391700000{number:02d}"), channel="sms",
                                   pseudonym=f"Reviewer {number}")


def submit(agency, number, **data):
    fields = {"rating": 4, "title": "A title", "text": "What happened.", "deployment_year": 2023, "destination": "HK",
              "sector": "domestic", "language": "en"}
    fields.update(data)
    return review_submit(reviewer=reviewer(number) if isinstance(number, int) else number, agency=agency, data=fields)[0]


def test_a_new_review_waits_and_publishing_it_recomputes_the_summary(agency, moderator):
    review = submit(agency, 1, rating=2, fees_rating=1, paid_fee=True, fee_amount=Decimal("45000"), fee_currency="PHP")
    assert review.status == Status.PENDING
    assert rating_summary(agency=agency) is None
    review_decide(review=review, moderator=moderator, publish=True)
    submit(agency, 2, rating=5, fees_rating=5, paid_fee=False, would_recommend=True)
    review_decide(review=Review.objects.get(reviewer__pseudonym="Reviewer 2"), moderator=moderator, publish=True)
    summary = rating_summary(agency=agency)
    assert summary.count == 2 and summary.average == Decimal("3.50")
    assert [(stars, count) for stars, count, _percent in summary.distribution] == [(5, 1), (4, 0), (3, 0), (2, 1), (1, 0)]
    assert summary.paid_fee_percent == 50 and summary.recommend_percent == 100
    assert [(fee.destination, fee.currency, fee.median, fee.count) for fee in summary.fees] == [("HK", "PHP", Decimal("45000.00"), 1)]
    assert {figure.question.field: figure.average for figure in summary.questions}["fees_rating"] == Decimal("3.00")


def test_the_median_fee_is_the_middle_of_an_odd_count_and_the_mean_of_the_two_middles_of_an_even_one(agency, moderator):
    for number, amount in enumerate(["10000", "30000", "20000"], start=1):
        review_decide(review=submit(agency, number, paid_fee=True, fee_amount=Decimal(amount), fee_currency="PHP"),
                      moderator=moderator, publish=True)
    assert rating_summary(agency=agency).fees[0].median == Decimal("20000.00")
    review_decide(review=submit(agency, 4, paid_fee=True, fee_amount=Decimal("50000"), fee_currency="PHP"),
                  moderator=moderator, publish=True)
    assert rating_summary(agency=agency).fees[0].median == Decimal("25000.00")


def test_a_rejected_review_needs_a_reason_from_the_list_and_is_not_counted(agency, moderator):
    review = submit(agency, 1)
    with pytest.raises(ReviewError):
        review_decide(review=review, moderator=moderator, publish=False, reason="because")
    review_decide(review=review, moderator=moderator, publish=False, reason=Reason.PERSONAL_DATA, note="a phone number")
    assert Review.objects.get().status == Status.REJECTED
    assert rating_summary(agency=agency) is None
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.REJECTED).get()
    assert (entry.actor, entry.item_kind, entry.item_id, entry.reason, entry.note) == (
        moderator, "review", review.pk, "personal_data", "a phone number")
    with pytest.raises(ReviewError):
        review_decide(review=review, moderator=moderator, publish=True)


def test_editing_a_published_review_takes_it_back_to_pending_and_out_of_the_summary(agency, moderator):
    review = review_decide(review=submit(agency, 1, rating=1), moderator=moderator, publish=True)
    assert rating_summary(agency=agency).count == 1
    edited = submit(agency, review.reviewer, rating=5, title="Changed my mind")
    assert edited.pk == review.pk and Review.objects.count() == 1
    assert edited.status == Status.PENDING and edited.published_at is None
    assert rating_summary(agency=agency) is None
    assert list(AuditEntry.objects.filter(item_id=review.pk).values_list("action", flat=True).order_by("pk")) == [
        "submitted", "published", "edited"]


def test_erasing_a_review_removes_it_its_reply_and_its_figures(agency, moderator):
    review = review_decide(review=submit(agency, 1), moderator=moderator, publish=True)
    representative = User.objects.create_user("rep")
    Representative.objects.create(user=representative, agency=agency, how_verified="test")
    reply_submit(user=representative, review=review, text="We disagree.")
    with pytest.raises(ReviewError):
        review_erase(reviewer=reviewer(2), review=review)
    pk = review.pk
    review_erase(reviewer=review.reviewer, review=review)
    assert not Review.objects.exists() and not Reply.objects.exists()
    assert RatingSummary.objects.get(agency=agency).count == 0
    assert AuditEntry.objects.filter(item_kind="review", item_id=pk, action="erased").exists()


def test_only_a_representative_replies_once_to_a_published_review_and_the_reply_is_moderated(agency, moderator):
    pending = submit(agency, 1)
    representative = User.objects.create_user("rep")
    with pytest.raises(ReviewError):
        reply_submit(user=representative, review=pending, text="Not ours.")
    Representative.objects.create(user=representative, agency=agency, how_verified="test")
    with pytest.raises(ReviewError):
        reply_submit(user=representative, review=pending, text="Too early.")
    review = review_decide(review=pending, moderator=moderator, publish=True)
    reply = reply_submit(user=representative, review=review, text="We refunded the fee.")
    assert reply.status == Status.PENDING
    with pytest.raises(ReviewError):
        reply_submit(user=representative, review=review, text="A second reply.")
    reply_decide(reply=reply, moderator=moderator, publish=False, reason=Reason.ABUSIVE)
    again = reply_submit(user=representative, review=review, text="Said more politely.")
    assert again.pk == reply.pk and again.status == Status.PENDING
    assert Review.objects.get().text == "What happened.", "a reply never changes the review"


def test_a_moderator_who_speaks_for_the_agency_cannot_decide_on_its_reviews(agency, moderator):
    Representative.objects.create(user=moderator, agency=agency, how_verified="test")
    review = submit(agency, 1)
    with pytest.raises(ReviewError):
        review_decide(review=review, moderator=moderator, publish=True)
    assert Review.objects.get().status == Status.PENDING


def test_the_audit_log_cannot_be_changed_or_deleted(agency, moderator):
    review_decide(review=submit(agency, 1), moderator=moderator, publish=True)
    entry = AuditEntry.objects.first()
    entry.note = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(note="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(note="rewritten").count() == 0


def test_a_kept_contact_is_erased_after_the_appeal_window_and_never_kept_past_90_days(agency, moderator):
    person = reviewer(1)
    person.contact_encrypted = contacts.contact_encrypt("+639170000001")
    person.contact_kept_until = timezone.now() + timedelta(days=90)
    person.save()
    review = submit(agency, person, notify=True)
    assert review.notify is True, "the reviewer can be told: their contact is kept"
    review_decide(review=review, moderator=moderator, publish=True)
    person.refresh_from_db()
    assert person.contact_kept_until <= timezone.now() + timedelta(days=30, minutes=1)
    assert contacts_erase_expired() == 0
    Reviewer.objects.filter(pk=person.pk).update(contact_kept_until=timezone.now() - timedelta(seconds=1))
    assert contacts_erase_expired() == 1
    person.refresh_from_db()
    assert person.contact_encrypted == "" and person.contact_kept_until is None
    assert Review.objects.get(pk=review.pk).notify is False, "once the contact is erased, nobody can be told"


def test_invalid_review_data_is_refused_and_nothing_is_stored(agency):
    from django.core.exceptions import ValidationError

    for bad in ({"rating": 6}, {"rating": 0}, {"deployment_year": 1800}, {"destination": "XX"}, {"fee_currency": "ABC"}):
        with pytest.raises(ValidationError):
            submit(agency, 1 + len(Reviewer.objects.all()), **bad)
    assert not Review.objects.exists() and not AuditEntry.objects.exists()


def test_the_most_specific_fee_cap_applies_and_the_summary_sets_the_median_against_it(agency, moderator):
    general = FeeCap.objects.create(agency_country="PH", kind=FeeCap.Kind.WAGES, description="One month's salary",
                                    source_title="POEA rules", source_url="https://dmw.gov.ph/")
    domestic = FeeCap.objects.create(agency_country="PH", sector="domestic", kind=FeeCap.Kind.ZERO,
                                     description="No fee", source_title="GB Res. 6", source_url="https://dmw.gov.ph/")
    qatar = FeeCap.objects.create(agency_country="PH", destination="QA", kind=FeeCap.Kind.ZERO, description="Nothing",
                                  source_title="POEA rules", source_url="https://dmw.gov.ph/")
    assert fee_cap_find(agency_country="PH", destination="HK", sector="domestic") == domestic
    assert fee_cap_find(agency_country="PH", destination="HK", sector="construction") == general
    assert fee_cap_find(agency_country="PH", destination="QA", sector="construction") == qatar
    assert fee_cap_find(agency_country="NP", destination="QA") is None
    review_decide(review=submit(agency, 1, destination="QA", paid_fee=True, fee_amount=Decimal(1000), fee_currency="PHP"),
                  moderator=moderator, publish=True)
    review_decide(review=submit(agency, 2, destination="HK", paid_fee=True, fee_amount=Decimal(1000), fee_currency="PHP"),
                  moderator=moderator, publish=True)
    fees = {fee.destination: fee for fee in rating_summary(agency=agency).fees}
    assert fees["QA"].cap == qatar and fees["QA"].above_cap is True
    assert fees["HK"].cap == general and fees["HK"].above_cap is None, "a cap in wages cannot be compared with an amount"


def test_the_contact_of_a_code_that_expired_unused_is_erased(agency, capsys):
    code_request(contact=contacts.contact_canonical("+639170000009"), notify=True, language="en")
    assert ContactChallenge.objects.get().contact_encrypted, "kept, encrypted, until the code is used"
    assert contacts_erase_expired() == 0
    ContactChallenge.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert contacts_erase_expired() == 1
    assert ContactChallenge.objects.get().contact_encrypted == "", "nobody proved it: nothing to tell anyone"


def test_the_daily_command_erases_contacts_whose_time_is_up(agency):
    person = reviewer(1)
    Reviewer.objects.filter(pk=person.pk).update(contact_encrypted=contacts.contact_encrypt("+639170000001"),
                                                 contact_kept_until=timezone.now() - timedelta(minutes=1))
    output = StringIO()
    call_command("erase_contacts", stdout=output)
    assert "1 kept contacts erased." in output.getvalue()
    assert Reviewer.objects.get(pk=person.pk).contact_encrypted == ""
