"""Appeals: the reviewer (proving the same contact again) or the agency's representative appeals a decision once;
a different moderator decides; overturning undoes the decision. And reports: ten thousand of them raise an item in
the queue but never change it by themselves."""

import pytest
from django.test import Client

from moderation.models import Appeal, AuditEntry, QueueItem, Report, Stage
from moderation.services import REPORT_BOOST_MAX, report_file
from reviews.models import Review, Status
from reviews.services import ReviewError, appeal_by_agency, appeal_decide, item_redact, review_decide
from tests.moderation.conftest import make_reviewer, submit
from tests.reviews.steps import PHONE, prove, url

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert('x')</script>"


def test_the_agency_appeals_a_publication_once_and_another_moderator_upholds(
        client, agency, representative, moderator_one, moderator_two):
    review = review_decide(review=submit(agency), moderator=moderator_one, publish=True)
    client.force_login(representative)
    appeal_url = url("agency_appeal", "review", review.pk)
    assert client.get(appeal_url).status_code == 200
    refused = client.post(appeal_url, {"text": f"This worker was never ours. {HOSTILE}"}).content.decode()
    assert "Please remove the HTML tags" in refused and HOSTILE not in refused and not Appeal.objects.exists()
    response = client.post(appeal_url, {"text": "This worker was never ours."})
    assert "A different moderator will read it" in response.content.decode()
    appeal = Appeal.objects.get()
    assert (appeal.by, appeal.appealed_action, appeal.appealed_actor_id) == ("agency", "published", moderator_one.pk)
    queued = QueueItem.objects.get(item_id=review.pk)
    assert queued.is_open and queued.stage == Stage.APPEAL
    again = client.post(appeal_url, {"text": "Once more"})
    assert again.status_code == 409 and "only once" in again.content.decode()
    assert Appeal.objects.count() == 1
    with pytest.raises(ReviewError, match="different moderator"):
        appeal_decide(item=review, moderator=moderator_one, overturn=False)
    appeal_decide(item=review, moderator=moderator_two, overturn=False, note="the reviewer's account is credible")
    assert Appeal.objects.get().state == Appeal.State.UPHELD
    assert Review.objects.get(pk=review.pk).status == Status.PUBLISHED
    assert AuditEntry.objects.filter(action=AuditEntry.Action.APPEAL_UPHELD, actor=moderator_two).exists()
    assert not QueueItem.objects.get(item_id=review.pk).is_open


def test_someone_who_does_not_speak_for_the_agency_cannot_appeal(client, agency, moderator_one):
    from django.contrib.auth.models import User

    review = review_decide(review=submit(agency), moderator=moderator_one, publish=True)
    client.force_login(User.objects.create_user("stranger"))
    assert client.post(url("agency_appeal", "review", review.pk), {"text": "Remove it"}).status_code == 403
    assert Client().get(url("agency_appeal", "review", review.pk)).status_code == 302  # to the sign-in page
    assert client.get(url("agency_appeal", "nonsense", review.pk)).status_code == 404
    assert not Appeal.objects.exists()


def test_overturning_a_publication_needs_a_reason_and_removes_the_review(agency, representative, moderator_one,
                                                                       moderator_two):
    review = review_decide(review=submit(agency), moderator=moderator_one, publish=True)
    appeal_by_agency(user=representative, item=review, text="Written by a competitor")
    with pytest.raises(ReviewError, match="reason"):
        appeal_decide(item=review, moderator=moderator_two, overturn=True)
    appeal_decide(item=review, moderator=moderator_two, overturn=True, reason="by_agency")
    review.refresh_from_db()
    assert (review.status, review.reason) == (Status.REJECTED, "by_agency")


def test_the_reviewer_proves_their_contact_again_and_appeals_a_rejection_which_is_overturned(
        client, capsys, agency, moderator_one, moderator_two):
    from reviews import contacts

    reviewer = make_reviewer(contact=contacts.contact_canonical(PHONE)[1])
    review = review_decide(review=submit(agency, reviewer=reviewer), moderator=moderator_one, publish=False,
                           reason="false")
    appeal_url = url("appeal", review.pk)
    page = prove(client, capsys, appeal_url).content.decode()
    assert "Appeal a decision" in page
    mine = client.get(url("mine")).content.decode()
    assert appeal_url in mine
    refused = client.post(appeal_url, {"text": HOSTILE})
    assert refused.status_code == 200 and "Please remove the HTML tags" in refused.content.decode()
    assert client.post(appeal_url, {"text": "x" * 2001}).status_code == 200
    assert not Appeal.objects.exists()
    response = client.post(appeal_url, {"text": "Everything I wrote happened; I have the receipts."}, follow=True)
    assert "Your appeal was sent." in response.content.decode()
    assert Appeal.objects.get().by == Appeal.By.REVIEWER
    assert client.get(url("appeal", submit(agency).pk)).status_code == 404  # not their review
    appeal_decide(item=review, moderator=moderator_two, overturn=True)
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED and review.published_at is not None
    assert Appeal.objects.get().state == Appeal.State.OVERTURNED


def test_a_reviewer_appeals_a_redaction_and_it_is_undone(client, capsys, agency, moderator_one, moderator_two):
    from reviews import contacts
    from reviews.services import appeal_by_reviewer

    reviewer = make_reviewer(contact=contacts.contact_canonical(PHONE)[1])
    review = review_decide(review=submit(agency, reviewer=reviewer, text="The manager Mr Santos took our passports."),
                           moderator=moderator_one, publish=True)
    start = len(review.title) + 2 + review.text.index("Mr Santos")
    item_redact(item=review, moderator=moderator_one, spans=[(start, start + 9)], reason="personal_data")
    appeal_by_reviewer(reviewer=reviewer, review=Review.objects.get(pk=review.pk), text="He is a public figure")
    appeal_decide(item=review, moderator=moderator_two, overturn=True)
    review.refresh_from_db()
    assert "Mr Santos" in review.text and not review.redacted


def test_ten_thousand_reports_raise_an_item_but_do_not_change_it(agency, moderator_one):
    review = review_decide(review=submit(agency), moderator=moderator_one, publish=True)
    for _index in range(200):
        report_file(item=review, agency_id=agency.pk, reason="false")
    Report.objects.bulk_create(Report(item_kind="review", item_id=review.pk, agency_id=agency.pk, reason="false")
                               for _index in range(9_800))
    report_file(item=review, agency_id=agency.pk, reason="false")
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED
    queued = QueueItem.objects.get(item_id=review.pk)
    assert queued.stage == Stage.REPORTED and queued.priority <= queued.risk + REPORT_BOOST_MAX
    fresh = submit(agency, text="Nothing special happened, the agency was fine.")
    assert queued.priority > QueueItem.objects.get(item_id=fresh.pk).priority


def test_a_report_whose_note_is_spam_does_not_raise_the_item(agency, moderator_one):
    review = review_decide(review=submit(agency), moderator=moderator_one, publish=True)
    report_file(item=review, agency_id=agency.pk, reason="spam",
                note="Visit https://bit.ly/cheap-visa and wa.me/639175550142 for cheap visas, call 0917 555 0142")
    queued = QueueItem.objects.get(item_id=review.pk)
    assert queued.reports == 0 and Report.objects.get().risk >= 0.5


def test_a_decision_made_on_an_appeal_is_final_for_the_other_side_too(agency, representative, moderator_one,
                                                                      moderator_two):
    from reviews.services import appeal_by_reviewer

    reviewer = make_reviewer()
    review = review_decide(review=submit(agency, reviewer=reviewer), moderator=moderator_one, publish=False,
                           reason="false")
    appeal_by_reviewer(reviewer=reviewer, review=review, text="It all happened.")
    appeal_decide(item=review, moderator=moderator_two, overturn=True)
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED
    with pytest.raises(ReviewError, match="already made on an appeal"):
        appeal_by_agency(user=representative, item=review, text="Appealing the rejection that was undone")
    assert Appeal.objects.count() == 1 and not QueueItem.objects.get(item_id=review.pk).is_open
