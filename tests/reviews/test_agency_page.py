"""What visitors see of reviews on an agency's page and in the directory: the summary against the legal cap, the
published reviews with only a pseudonym, the year and the destination, replies once published, and the directory
sorted and filtered by rating."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from agencies.models import Agency

from reviews import contacts
from reviews.models import FeeCap, Reviewer
from reviews.services import reply_decide, reply_submit, review_decide, review_submit



def publish(agency, moderator, number, **data):
    reviewer = Reviewer.objects.create(contact_hash=contacts.contact_hash(f"+6391700001{number:02d}"), channel="sms",
                                       pseudonym=f"Quiet Kite {number}")
    fields = {"rating": 4, "title": f"Review number {number}", "text": "Line one.\nLine <two>.", "deployment_year": 2021,
              "destination": "HK", "sector": "domestic", "language": "en"}
    review = review_submit(reviewer=reviewer, agency=agency, data={**fields, **data})[0]
    return review_decide(review=review, moderator=moderator, publish=True)


@pytest.fixture
def page_url(listed_agency, client):
    url = f"/en/check-an-agency/ph/{listed_agency.slug}/"
    assert client.get(url).status_code == 200
    return url


def test_the_summary_shows_the_average_the_distribution_and_the_median_fee_against_the_legal_cap(
        client, page_url, listed_agency, moderator_user):
    FeeCap.objects.create(agency_country="PH", kind=FeeCap.Kind.ZERO, description="No placement fee may be charged",
                          source_title="GB Res. 6", source_url="https://dmw.gov.ph/")
    publish(listed_agency, moderator_user, 1, rating=5, paid_fee=False)
    publish(listed_agency, moderator_user, 2, rating=2, paid_fee=True, fee_amount=Decimal("45000"), fee_currency="PHP")
    html = client.get(page_url).content.decode()
    assert "<strong>3.5</strong> of 5, from 2 reviews" in html
    assert html.count('class="bar-fill" width="50"') == 2 and html.count('class="bar-fill" width="0"') == 3
    assert "50% of the 2 workers who answered paid" in html
    assert "PHP 45,000" in html and "No placement fee may be charged" in html and "Above the legal cap" in html


def test_a_review_shows_its_pseudonym_year_and_destination_escaped_and_nothing_about_its_author(
        client, page_url, listed_agency, moderator_user):
    shown = publish(listed_agency, moderator_user, 1)
    hidden = publish(listed_agency, moderator_user, 2, hide_destination=True, destination="SA")
    html = client.get(page_url).content.decode()
    assert "Quiet Kite 1, deployed in 2021 to Hong Kong" in html
    assert "Quiet Kite 2, deployed in 2021<" in html and "Saudi Arabia" not in html
    assert "Line one.<br>Line &lt;two&gt;." in html
    assert f"/en/reviews/report/review/{shown.pk}/" in html and f"/en/reviews/report/review/{hidden.pk}/" in html
    assert shown.reviewer.contact_hash not in html


def test_a_reply_appears_only_once_a_moderator_published_it(client, page_url, listed_agency, moderator_user,
                                                             representative):
    review = publish(listed_agency, moderator_user, 1)
    reply = reply_submit(user=representative, review=review, text="We refunded the fee.")
    assert "We refunded the fee." not in client.get(page_url).content.decode()
    reply_decide(reply=reply, moderator=moderator_user, publish=True)
    html = client.get(page_url).content.decode()
    assert "We refunded the fee." in html and f"/en/reviews/report/reply/{reply.pk}/" in html


def test_only_the_agencys_representative_sees_the_reply_link(client, page_url, listed_agency, moderator_user,
                                                             representative):
    review = publish(listed_agency, moderator_user, 1)
    assert f"/en/reviews/reply/{review.pk}/" not in client.get(page_url).content.decode()
    client.force_login(User.objects.create_user("someone-else"))
    assert f"/en/reviews/reply/{review.pk}/" not in client.get(page_url).content.decode()
    client.force_login(representative)
    assert f"/en/reviews/reply/{review.pk}/" in client.get(page_url).content.decode()
    reply = reply_submit(user=representative, review=review, text="We refunded the fee.")
    assert f"/en/reviews/reply/{review.pk}/" not in client.get(page_url).content.decode(), "one reply per review"
    reply_decide(reply=reply, moderator=moderator_user, publish=False, reason="abusive")
    assert f"/en/reviews/reply/{review.pk}/" in client.get(page_url).content.decode(), "a rejected reply may be redone"


def test_reviews_are_paginated_newest_first_and_a_page_out_of_range_is_the_last(
        client, page_url, listed_agency, moderator_user):
    for number in range(1, 23):
        publish(listed_agency, moderator_user, number)
    first = client.get(page_url).content.decode()
    assert "Review number 22" in first and "Review number 3<" in first and "Review number 2<" not in first
    assert "Page 1 of 2" in first
    last = client.get(page_url + "?page=99").content.decode()
    assert "Review number 1<" in last and "Review number 22" not in last
    assert client.get(page_url + "?page=abc").status_code == 200


def test_the_directory_sorts_by_rating_and_filters_by_a_minimum(client, listed_agency, moderator_user):
    golden = Agency.objects.get(licence_number="POEA-902-LB-020224-R")
    publish(listed_agency, moderator_user, 1, rating=3)
    publish(golden, moderator_user, 2, rating=5)
    by_rating = client.get("/en/check-an-agency/ph/?sort=rating").content.decode()
    assert by_rating.index("Golden Bridge") < by_rating.index("Bright Horizon") < by_rating.index("Island Star")
    assert "Rated 5.0 of 5 by 1 worker" in by_rating
    four_up = client.get("/en/check-an-agency/ph/?min_rating=4").content.decode()
    assert "Golden Bridge" in four_up and "Bright Horizon" not in four_up and "Island Star" not in four_up
    assert client.get("/en/check-an-agency/ph/?min_rating=9&sort=evil").status_code == 200
