"""The moderators' queue in the admin: order by risk, filters, the flagged parts marked, and each action (publish,
reject, hide a part, ask for an edit, reject a burst) with its audit entry; who may act, and on what."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation.models import AuditEntry, QueueItem, Stage
from reviews.models import RatingSummary, Representative, Review, Status
from reviews.services import REDACTION_MARK
from tests.moderation.conftest import make_reviewer, moderator, submit

pytestmark = pytest.mark.django_db
PHONE = "0917 555 0142"
HOSTILE = "<script>alert('x')</script>"
INDEX = "/admin/moderation/queue/"


def item_url(review, action=""):
    queued = QueueItem.objects.get(item_kind="review", item_id=review.pk)
    return f"{INDEX}{queued.pk}/{action}"


def act(client, review, **data):
    return client.post(item_url(review, "act/"), data, follow=True)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_review_with_a_phone_number_is_flagged_with_that_reason_at_the_top(client, agency, moderator_one):
    clean = submit(agency, title="Fair agency", text="They explained the contract and charged nothing.", rating=4)
    flagged = submit(agency, text=f"The agency owner took my passport. Call him on {PHONE} to complain.")
    queued = QueueItem.objects.get(item_id=flagged.pk)
    assert queued.priority > QueueItem.objects.get(item_id=clean.pk).priority
    assert queued.flags.filter(check_code="personal_data").exists()
    client.force_login(moderator_one)
    listing = page(client, INDEX)
    assert listing.index(item_url(flagged)) < listing.index(item_url(clean))
    assert re.search(r"<mark title=\"[^\"]*phone[^\"]*\">\s*" + re.escape(PHONE), listing, re.IGNORECASE)
    only_personal = page(client, f"{INDEX}?check=personal_data")
    assert item_url(flagged) in only_personal and item_url(clean) not in only_personal


def test_filters_by_agency_language_age_and_a_bad_filter_keeps_the_others(client, agency, moderator_one):
    from agencies.models import Agency

    other = Agency.objects.exclude(pk=agency.pk).first()
    english = submit(agency, text="They charged me too much for the medical test.")
    thai = submit(other, text="บริษัทเก็บค่าหัวคิวแพงมาก ไม่คืนหนังสือเดินทาง", title="ค่าหัวคิวแพง", language="th")
    client.force_login(moderator_one)
    by_language = page(client, f"{INDEX}?language=th")
    assert item_url(thai) in by_language and item_url(english) not in by_language
    by_agency = page(client, f"{INDEX}?agency={agency.pk}&check=nonsense")
    assert item_url(english) in by_agency and item_url(thai) not in by_agency
    QueueItem.objects.filter(item_id=english.pk).update(arrived_at=english.submitted_at.replace(year=2020))
    old = page(client, f"{INDEX}?age=7")
    assert item_url(english) in old and item_url(thai) not in old
    for query in ("?agency=%3Cscript%3E", "?age=-1", "?p=99999", "?p=x", "?language=" + "x" * 5000, "?burst=" + "b" * 500):
        assert client.get(INDEX + query).status_code == 200


def test_a_moderator_hides_the_number_then_publishes(client, agency, moderator_one):
    review = submit(agency, text=f"They kept my passport. The manager said call {PHONE} if you want it back.")
    client.force_login(moderator_one)
    item = page(client, item_url(review))
    [part] = re.findall(r'name="parts" value="(\d+:\d+)"', item)
    assert "<strong>Personal data</strong>" in item  # the check's name, not its code
    response = act(client, review, action="redact", parts=part, reason="personal_data", note="a phone number")
    assert "The parts were hidden." in response.content.decode()
    review.refresh_from_db()
    assert PHONE not in review.text and REDACTION_MARK in review.text and review.redacted
    assert review.status == Status.PENDING  # still waiting: the moderator now publishes it
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REDACTED)
    assert PHONE in entry.before and PHONE not in entry.after and entry.actor == moderator_one
    act(client, review, action="publish")
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED
    assert not QueueItem.objects.get(item_id=review.pk).is_open
    assert AuditEntry.objects.get(action=AuditEntry.Action.PUBLISHED).waited is not None


def test_hiding_typed_words_finds_every_place_and_words_not_in_the_text_are_refused(client, agency, moderator_one):
    review = submit(agency, text="Mr Dela Cruz took my money. Ask Mr Dela Cruz why.")
    client.force_login(moderator_one)
    response = act(client, review, action="redact", passage="Ms Nobody", reason="personal_data")
    assert "The words to hide are not in the text." in response.content.decode()
    act(client, review, action="redact", passage="Dela Cruz", reason="personal_data")
    review.refresh_from_db()
    assert "Dela Cruz" not in review.text and review.text.count(REDACTION_MARK) == 2
    assert act(client, review, action="redact", reason="personal_data").status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REDACTED).count() == 1


def test_rejecting_needs_a_reason_and_the_note_is_cleaned(client, agency, moderator_one):
    review = submit(agency)
    client.force_login(moderator_one)
    assert "Choose the reason from the list." in act(client, review, action="reject").content.decode()
    act(client, review, action="reject", reason="invented")
    assert Review.objects.get().status == Status.PENDING
    act(client, review, action="reject", reason="abusive", note=HOSTILE + "n" * 100_000)
    review.refresh_from_db()
    assert (review.status, review.reason) == (Status.REJECTED, "abusive")
    note = AuditEntry.objects.get(action="rejected").note
    assert "<script>" not in note and len(note) <= 1000


def test_the_text_is_shown_escaped(client, agency, moderator_one):
    review = submit(agency, title=f"Title {HOSTILE}", text=f"They kept my passport. {HOSTILE}")
    client.force_login(moderator_one)
    for html in (page(client, INDEX), page(client, item_url(review))):
        assert HOSTILE not in html and "&lt;script&gt;" in html


def test_only_moderators_act_and_only_by_post_with_a_token(client, agency, moderator_one):
    from django.contrib.auth.models import Group, User

    review = submit(agency)
    editor = User.objects.create_user("editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(INDEX).status_code == 403
    assert client.post(item_url(review, "act/"), {"action": "publish"}).status_code == 403
    client.force_login(moderator_one)
    assert client.get(item_url(review, "act/")).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator_one)
    assert strict.post(item_url(review, "act/"), {"action": "publish"}).status_code == 403
    assert Review.objects.get().status == Status.PENDING
    assert client.get(f"{INDEX}999999/", follow=True).status_code == 404


def test_a_moderator_linked_to_the_agency_cannot_decide(client, agency, moderator_one):
    review = submit(agency)
    Representative.objects.create(user=moderator_one, agency=agency, how_verified="test")
    client.force_login(moderator_one)
    item = page(client, item_url(review))
    assert "another moderator must decide" in item and 'value="publish"' not in item
    assert "another moderator must decide" in act(client, review, action="publish").content.decode()
    assert Review.objects.get().status == Status.PENDING


def test_asking_for_an_edit_needs_a_reviewer_who_can_be_told_and_the_edit_comes_back(client, agency, moderator_one):
    silent = submit(agency, reviewer=make_reviewer())
    client.force_login(moderator_one)
    assert 'value="edit"' not in page(client, item_url(silent))
    assert "cannot be told" in act(client, silent, action="edit", reason="personal_data").content.decode()
    reviewer = make_reviewer(notify=True)
    review = submit(agency, reviewer=reviewer)
    act(client, review, action="edit", reason="off_topic", note="please say what the agency did")
    review.refresh_from_db()
    assert (review.status, review.reason) == (Status.EDIT_ASKED, "off_topic")
    assert not QueueItem.objects.get(item_id=review.pk).is_open
    submit(agency, reviewer=reviewer, text="The agency charged me 45,000 pesos for training that never happened.")
    queued = QueueItem.objects.get(item_id=review.pk)
    assert queued.is_open and queued.stage == Stage.NEW
    assert Review.objects.get(pk=review.pk).status == Status.PENDING


def test_a_burst_from_one_network_is_marked_and_rejected_at_once(client, agency, moderator_one):
    reviews = [submit(agency, text=f"Best agency ever, number {index}, everyone should apply", rating=5,
                      network="net-one") for index in range(6)]
    bursts = set(QueueItem.objects.filter(item_id__in=[review.pk for review in reviews]).values_list("burst", flat=True))
    assert len(bursts) == 1 and bursts != {""}
    [burst] = bursts
    unrelated = submit(agency, text="They charged me for the medical exam twice.")
    client.force_login(moderator_one)
    listing = page(client, f"{INDEX}?burst={burst}")
    assert "Reject every waiting review of this burst" in listing and item_url(unrelated) not in listing
    response = client.post(f"{INDEX}burst/", {"burst": burst, "reason": "spam", "note": "one network"}, follow=True)
    assert "6 reviews of the burst were rejected" in response.content.decode()
    assert set(Review.objects.filter(pk__in=[r.pk for r in reviews]).values_list("status", flat=True)) == {Status.REJECTED}
    assert Review.objects.get(pk=unrelated.pk).status == Status.PENDING
    assert client.post(f"{INDEX}burst/", {"burst": burst}, follow=True).status_code == 200  # no reason: refused


def test_the_queue_page_reads_the_same_number_of_queries_for_five_or_fifty_items(client, agency, moderator_one):
    client.force_login(moderator_one)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page(client, INDEX)
        return len(captured)

    for index in range(5):
        submit(agency, reviewer=make_reviewer(), text=f"Review number {index}: they kept my passport.")
    few = queries()
    for index in range(45):
        submit(agency, reviewer=make_reviewer(), text=f"Another review {index}: the salary was lower than promised.")
    assert queries() == few


def test_publishing_a_reported_review_dismisses_and_removing_it_upholds_the_reports(client, agency, moderator_one):
    from moderation.services import report_file
    from reviews.services import review_decide

    review = review_decide(review=submit(agency, rating=1), moderator=moderator("first"), publish=True)
    assert RatingSummary.objects.get(agency=agency).count == 1
    report_file(item=review, agency_id=agency.pk, reason="false", note="This never happened")
    queued = QueueItem.objects.get(item_id=review.pk)
    assert queued.is_open and queued.stage == Stage.REPORTED
    client.force_login(moderator_one)
    item = page(client, item_url(review))
    assert "This never happened" in item and "Keep it (dismiss the reports)" in item
    act(client, review, action="publish")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REPORT_DISMISSED).count() == 1
    report_file(item=review, agency_id=agency.pk, reason="personal_data")
    act(client, review, action="reject", reason="personal_data")
    review.refresh_from_db()
    assert review.status == Status.REJECTED
    assert RatingSummary.objects.get(agency=agency).count == 0
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REPORT_UPHELD).count() == 1


def test_the_review_pages_of_the_admin_link_to_the_queue(client, agency, moderator_one):
    review = submit(agency)
    client.force_login(moderator_one)
    inspect = page(client, f"/admin/reviews_review/inspect/{review.pk}/")
    assert item_url(review) in inspect
    assert reverse("moderation_queue:index") in page(client, "/admin/")


def test_an_author_who_erases_their_review_takes_its_text_out_of_the_audit_log_whose_entries_stay(agency, moderator_one):
    from reviews.services import item_redact, review_erase

    reviewer = make_reviewer()
    review = submit(agency, reviewer=reviewer, text=f"Call the recruiter on {PHONE}.")
    start = len(review.title) + 2 + review.text.index(PHONE)
    item_redact(item=review, moderator=moderator_one, spans=[(start, start + len(PHONE))], reason="personal_data")
    assert PHONE in AuditEntry.objects.get(action=AuditEntry.Action.REDACTED).before
    review_erase(reviewer=reviewer, review=Review.objects.get(pk=review.pk))
    redaction = AuditEntry.objects.get(action=AuditEntry.Action.REDACTED)
    assert (redaction.before, redaction.after) == ("", "") and redaction.actor == moderator_one
    assert AuditEntry.objects.filter(item_id=review.pk, action=AuditEntry.Action.ERASED).exists()
    assert not QueueItem.objects.filter(item_id=review.pk).exists()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=redaction.pk).update(note="changed")
    with pytest.raises(PermissionError):
        redaction.delete()


def test_an_edited_review_is_checked_again_and_loses_the_flags_of_its_first_text(agency):
    reviewer = make_reviewer()
    review = submit(agency, reviewer=reviewer, text=f"The manager took my passport. Call him on {PHONE}.")
    queued = QueueItem.objects.get(item_id=review.pk)
    assert list(queued.flags.values_list("check_code", flat=True)) == ["personal_data"]
    first_priority = queued.priority
    submit(agency, reviewer=reviewer, text="The manager took my passport and kept it for the whole contract.")
    queued.refresh_from_db()
    assert not queued.flags.exists() and queued.priority == queued.risk < first_priority
