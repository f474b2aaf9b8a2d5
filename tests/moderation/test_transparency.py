"""The public transparency page: moderation figures per calendar month from the audit log (the page, JSON and CSV),
with months in the site's time zone, zeros for quiet months, the median wait, and never anything about a person."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from moderation.models import AuditEntry, Reason
from moderation.selectors import TRANSPARENCY_MONTHS, TRANSPARENCY_MONTHS_MAX
from moderation.services import report_file
from reviews.services import appeal_by_agency, appeal_decide, item_redact, review_decide, review_edit_ask
from tests.moderation.conftest import make_reviewer, submit
from tests.support import LANGUAGE_CODES

pytestmark = pytest.mark.django_db
PAGE = "/en/moderation/transparency/"
Action = AuditEntry.Action


def in_month(back, day=10, hour=12):
    """A moment `back` calendar months ago (0: this month) in the site's time zone."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - back
    return timezone.make_aware(datetime(index // 12, index % 12 + 1, day, hour))


def entry(at, kind, action, reason="", waited=None):
    """An audit entry made at a chosen time (the services always write "now")."""
    return AuditEntry.objects.create(at=at, item_kind=kind, item_id=1, action=action, reason=reason, waited=waited)


def months_json(client, query=""):
    response = client.get(f"{PAGE}?format=json{query}")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()["months"]


def redact(review, moderator, words):
    """Hides `words` of a review's text through the moderators' service."""
    start = len(review.title) + 2 + review.text.index(words)
    return item_redact(item=review, moderator=moderator, spans=[(start, start + len(words))], reason=Reason.PERSONAL_DATA)


def page_months(client, url=PAGE):
    """The page's months as {heading: {(group, figure): value}}, read from its tables."""
    response = client.get(url)
    assert response.status_code == 200
    months = {}
    for block in re.findall(r'<details class="month-figures".*?</details>', response.content.decode(), re.DOTALL):
        heading = re.sub(r"<[^>]+>", "", re.search(r"<h2>(.*?)</h2>", block, re.DOTALL).group(1)).strip()
        figures = {}
        for group in re.findall(r"<tbody>(.*?)</tbody>", block, re.DOTALL):
            name = re.search(r'<th scope="rowgroup"[^>]*>(.*?)</th>', group).group(1)
            for figure, value in re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', group):
                figures[(name, figure)] = value
        months[heading] = figures
    return months


def test_each_month_counts_what_moderators_did_in_it(client, agency, moderator_one):
    published = review_decide(review=submit(agency), moderator=moderator_one, publish=True)
    review_decide(review=submit(agency, title="Spam"), moderator=moderator_one, publish=False, reason=Reason.SPAM)
    review_decide(review=submit(agency, title="A name"), moderator=moderator_one, publish=False,
                  reason=Reason.PERSONAL_DATA)
    review_edit_ask(review=submit(agency, title="Too short", reviewer=make_reviewer(notify=True)), moderator=moderator_one,
                    reason=Reason.OTHER)
    redact(submit(agency, text="Call Mr Santos on 0917 555 0142."), moderator_one, "0917 555 0142")
    report_file(item=published, agency_id=agency.pk, reason=Reason.FALSE)
    two_months_ago = in_month(2)
    for kind, action, reason in [("review", Action.SUBMITTED, ""), ("review", Action.SUBMITTED, ""),
                                 ("review", Action.REJECTED, Reason.ABUSIVE), ("reply", Action.SUBMITTED, ""),
                                 ("reply", Action.REJECTED, Reason.ABUSIVE), ("reply", Action.REDACTED, ""),
                                 ("report", Action.REPORTED, Reason.SPAM), ("report", Action.REPORT_UPHELD, ""),
                                 ("report", Action.REPORT_DISMISSED, ""), ("appeal", Action.APPEALED, ""),
                                 ("appeal", Action.APPEALED, ""), ("appeal", Action.APPEAL_OVERTURNED, "")]:
        entry(two_months_ago, kind, action, reason)

    months = months_json(client)
    assert len(months) == TRANSPARENCY_MONTHS
    this, last, earlier = months[0], months[1], months[2]
    assert this["month"] == f"{timezone.localdate():%Y-%m}" and not this["complete"]
    assert earlier["month"] == f"{in_month(2):%Y-%m}" and earlier["complete"]
    assert (this["reviews_received"], this["reviews_published"], this["reviews_rejected"]) == (5, 1, 2)
    assert (this["reviews_rejected_spam"], this["reviews_rejected_personal_data"], this["parts_hidden"]) == (1, 1, 1)
    assert this["reviews_edit_asked"] == 1
    assert (this["reports_received"], this["replies_received"]) == (1, 0)
    assert (earlier["reviews_received"], earlier["reviews_rejected"], earlier["reviews_rejected_abusive"]) == (2, 1, 1)
    assert (earlier["replies_received"], earlier["replies_rejected"], earlier["parts_hidden"]) == (1, 1, 1)
    assert (earlier["reports_received"], earlier["reports_upheld"], earlier["reports_dismissed"]) == (1, 1, 1)
    assert (earlier["appeals_received"], earlier["appeals_decision_upheld"], earlier["appeals_decision_overturned"]) == (
        2, 0, 1)
    assert all(value in (0, None, True) for key, value in last.items() if key != "month")  # a quiet month: zeros

    shown = page_months(client)
    assert len(shown) == TRANSPARENCY_MONTHS
    now, quiet, before = (shown[heading] for heading in list(shown)[:3])
    assert list(shown)[0].endswith("(this month so far)")
    assert now[("Reviews", "Received")] == "5" and now[("Reviews", "Rejected")] == "2"
    assert now[("Reviews", "Sent back to the author for a change")] == "1"
    assert now[("Reviews", "Parts hidden (in reviews and replies)")] == "1"
    assert now[("Reviews", "of which: Spam or advertising")] == "1"
    assert now[("Reviews", "of which: Personal data")] == "1"
    assert ("Reviews", "of which: Abusive or hateful") not in now  # only the reasons used that month
    assert now[("Reports from visitors", "Received")] == "1"
    assert before[("Appeals", "Received")] == "2" and before[("Appeals", "Decision changed")] == "1"
    assert before[("Reviews", "of which: Abusive or hateful")] == "1"
    assert before[("Agencies' replies", "Rejected")] == "1"
    assert quiet[("Reviews", "Received")] == "0" and quiet[("Reviews", "Median time to a decision")] == "no decision"


def test_reports_and_appeals_decided_through_the_services_count_with_their_outcomes(
        client, agency, representative, moderator_one, moderator_two):
    kept = review_decide(review=submit(agency), moderator=moderator_one, publish=True)
    removed = review_decide(review=submit(agency, title="Not true"), moderator=moderator_one, publish=True)
    for item in (kept, kept, removed):
        report_file(item=item, agency_id=agency.pk, reason=Reason.FALSE)
    review_decide(review=kept, moderator=moderator_two, publish=True)  # the reports on it are dismissed
    review_decide(review=removed, moderator=moderator_two, publish=False, reason=Reason.FALSE)  # upheld
    appeal_by_agency(user=representative, item=kept, text="This worker was never ours.")
    appeal_decide(item=kept, moderator=moderator_two, overturn=True, reason=Reason.BY_AGENCY)
    this = months_json(client)[0]
    assert (this["reports_received"], this["reports_upheld"], this["reports_dismissed"]) == (3, 1, 2)
    assert (this["appeals_received"], this["appeals_decision_upheld"], this["appeals_decision_overturned"]) == (1, 0, 1)
    assert (this["reviews_published"], this["reviews_rejected"], this["reviews_rejected_false"]) == (2, 1, 1)
    shown = next(iter(page_months(client).values()))
    assert shown[("Reports from visitors", "Upheld")] == "1" and shown[("Reports from visitors", "Dismissed")] == "2"
    assert shown[("Appeals", "Decision changed")] == "1" and shown[("Appeals", "Decision kept")] == "0"


@pytest.mark.parametrize(("waits", "median_text", "median_hours"), [
    ([timedelta(hours=1), timedelta(hours=2), timedelta(hours=10)], "2 hours", 2.0),
    ([timedelta(hours=1), timedelta(hours=3)], "2 hours", 2.0),
    ([timedelta(minutes=25), timedelta(minutes=35)], "30 minutes", 0.5),
    ([timedelta(days=3, hours=1), timedelta(days=2, hours=23), timedelta(days=3)], "3 days", 72.0),
])
def test_the_median_time_to_a_decision_reads_as_people_say_it(client, waits, median_text, median_hours):
    for index, waited in enumerate(waits):
        entry(in_month(1), "review", Action.PUBLISHED if index % 2 else Action.REJECTED, Reason.SPAM, waited=waited)
    entry(in_month(1), "reply", Action.PUBLISHED, waited=timedelta(days=90))  # replies are not in the median
    entry(in_month(1), "review", Action.REDACTED, waited=timedelta(days=90))  # nor hidden parts
    entry(in_month(2), "review", Action.PUBLISHED, waited=timedelta(days=90))  # nor another month's decisions
    assert months_json(client)[1]["median_hours_to_decision"] == median_hours
    last_month = list(page_months(client).values())[1]
    assert last_month[("Reviews", "Median time to a decision")] == median_text


def test_a_decision_through_the_service_has_its_wait_in_the_median(client, agency, moderator_one):
    review_decide(review=submit(agency), moderator=moderator_one, publish=True)
    assert months_json(client)[0]["median_hours_to_decision"] is not None


def test_months_are_those_of_the_site_time_zone(client, settings):
    settings.TIME_ZONE = "Asia/Manila"  # eight hours ahead of UTC
    first_of_last_month = in_month(1, day=1, hour=3)  # still the month before in UTC
    assert first_of_last_month.astimezone(UTC).month != first_of_last_month.month
    entry(first_of_last_month, "review", Action.SUBMITTED)
    months = months_json(client)
    assert (months[1]["reviews_received"], months[2]["reviews_received"]) == (1, 0)
    assert client.get(f"{PAGE}?format=json").json()["time_zone"] == "Asia/Manila"
    assert "Asia/Manila" in client.get(PAGE).content.decode()


def test_csv_for_researchers_has_one_row_per_month_and_the_same_figures(client, agency, moderator_one):
    review_decide(review=submit(agency), moderator=moderator_one, publish=False, reason=Reason.BY_AGENCY)
    entry(in_month(3), "report", Action.REPORTED, Reason.FALSE)
    response = client.get(f"{PAGE}?format=csv&months=24")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 24 and rows[0]["month"] == f"{timezone.localdate():%Y-%m}"
    assert (rows[0]["reviews_rejected"], rows[0]["reviews_rejected_by_agency"], rows[3]["reports_received"]) == (
        "1", "1", "1")
    assert {f"reviews_rejected_{code}" for code in Reason.values} <= set(rows[0])
    assert rows == [{key: "" if value is None else str(value) for key, value in month.items()}
                    for month in months_json(client, "&months=24")]


def test_nothing_about_any_person_is_shown(client, agency, moderator_one):
    review = review_decide(review=submit(agency, title="Kept my passport", text="Call Maria on 0917 555 0142."),
                           moderator=moderator_one, publish=True, note="The moderator's private note")
    report_file(item=review, agency_id=agency.pk, reason=Reason.FALSE, note="The reporter's words")
    redact(review, moderator_one, "Maria on 0917 555 0142")
    assert AuditEntry.objects.filter(action=Action.REDACTED, before__contains="0917 555 0142").exists()
    secrets = [moderator_one.username, "private note", "0917 555 0142", "Maria",
               "The reporter&#x27;s words", "The reporter's words", "Kept my passport", agency.name,
               review.reviewer.pseudonym]
    for query in ("", "?format=json", "?format=csv"):
        shown = client.get(f"{PAGE}{query}").content.decode()
        assert "Reviews" in shown or "reviews_received" in shown
        assert not [secret for secret in secrets if secret in shown], query
    assert set(months_json(client)[0]) == {"month", "complete", "reviews_received", "reviews_published",
                                           "reviews_rejected", "reviews_edit_asked", "parts_hidden",
                                           "replies_received", "replies_published", "replies_rejected",
                                           "reports_received", "reports_upheld", "reports_dismissed",
                                           "appeals_received", "appeals_decision_upheld",
                                           "appeals_decision_overturned", "median_hours_to_decision",
                                           *(f"reviews_rejected_{code}" for code in Reason.values)}


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_the_page_answers_in_every_language_with_its_figures_and_a_footer_link(client, language):
    entry(timezone.now(), "review", Action.SUBMITTED)
    url = f"/{language}/moderation/transparency/"
    response = client.get(url)
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()
    assert f'href="{url}"' in response.content.decode()  # the footer's link, in the page's language
    months = page_months(client, url)
    assert len(months) == TRANSPARENCY_MONTHS
    this_month = next(iter(months.values()))
    assert "1" in this_month.values()
    first_group = next(iter(this_month))[0]
    assert (first_group == "Reviews") == (language == "en")  # in the page's language


@pytest.mark.parametrize("query", [
    "?format=<script>alert(1)</script>", "?format=", "?format=JSON&format=csv", "?months=99999999999999999999",
    "?months=" + "9" * 5000, "?months=-3", "?months=0", "?months=²", "?months=%D9%A3", "?months=12.5",
    "?months=%ff%fe", "?format=%00csv", "?months=%00", "?" + "x=1&" * 500,
])
def test_hostile_query_strings_get_an_answer_not_an_error(client, query):
    response = client.get(PAGE + query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    if response["Content-Type"].startswith("text/html"):
        assert 1 <= len(page_months(client, PAGE + query)) <= TRANSPARENCY_MONTHS_MAX


def test_the_page_only_answers_reads(client):
    assert client.post(PAGE, {"format": "csv"}).status_code == 405
    assert client.head(PAGE).status_code == 200


def test_months_asked_are_kept_within_bounds(client):
    assert len(months_json(client, "&months=3")) == 3
    assert len(months_json(client, "&months=0")) == 1
    assert len(months_json(client, "&months=999")) == TRANSPARENCY_MONTHS_MAX
    assert len(months_json(client, "&months=%D9%A3")) == 3  # Arabic-Indic three


def audit_queries(captured):
    return [query for query in captured.captured_queries if "moderation_auditentry" in query["sql"]]


def test_the_number_of_queries_does_not_grow_with_the_months_and_closed_months_are_cached(
        client, django_assert_max_num_queries):
    for back in range(TRANSPARENCY_MONTHS_MAX):
        entry(in_month(back, day=2), "review", Action.PUBLISHED, waited=timedelta(hours=back + 1))
    with CaptureQueriesContext(connection) as one_month:
        client.get(f"{PAGE}?months=1")
    assert len(audit_queries(one_month)) == 2
    cache.clear()
    with django_assert_max_num_queries(len(one_month)):
        assert client.get(f"{PAGE}?months={TRANSPARENCY_MONTHS_MAX}").status_code == 200
    entry(in_month(5), "review", Action.SUBMITTED)  # cannot happen (the log is written now), but shows the cache
    entry(in_month(0), "review", Action.SUBMITTED)
    with CaptureQueriesContext(connection) as again:
        months = months_json(client, f"&months={TRANSPARENCY_MONTHS_MAX}")
    assert not audit_queries(again)  # every month was cached, the current one for a few minutes
    assert months[5]["reviews_received"] == 0 and months[0]["reviews_received"] == 0
    assert months[7]["median_hours_to_decision"] == 8.0
