"""Moderation's whole way in a real browser without JavaScript: a review with a phone number in it arrives, is
flagged for that at the top of the queue; a moderator hides the number and publishes; the reviewer, who asked to be
told, gets an SMS; the agency appeals the publication; another moderator upholds it; the transparency page counts
each step."""

import re

import pytest
from django.contrib.auth.models import Group, User
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from agencies.demo import demo_agencies_load
from agencies.models import Agency
from content.demo import demo_content_load
from moderation.models import Appeal, AuditEntry, QueueItem
from reviews.contacts import contact_masked
from reviews.models import Representative, Review, Status
from reviews.services import REDACTION_MARK
from tests.browser.steps import PASSWORD, act, as_new_visitor, choose, follow, in_the_queue, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AGENCY = "Bright Horizon Manpower Services (demo)"
CONTACT = "+639175550187"  # the reviewer's own number, which they prove
NUMBER_IN_TEXT = "0917 555 0142"  # a number the reviewer wrote into the review: the recruiter's
TITLE = "They kept my passport"
TEXT = f"The recruiter kept my passport for a year. If you want to complain, call him on {NUMBER_IN_TEXT}."


@pytest.fixture
def site(live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_content_load()
    demo_agencies_load()
    return live_server.url


def person(name, group):
    user = User.objects.create_user(name, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def figures(driver, site):
    """This month's figures on the transparency page: {(section, label): value}."""
    as_new_visitor(driver, site, "en")
    driver.get(f"{site}/en/moderation/transparency/")
    table = driver.find_element(By.CSS_SELECTOR, "main details[open] table")
    shown, section = {}, ""
    for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = row.find_elements(By.CSS_SELECTOR, "th, td")
        if len(cells) == 1:
            section = cells[0].text.strip()
        else:
            shown[section, cells[0].text.strip()] = cells[1].text.strip()
    return shown


def test_a_phone_number_is_hidden_the_review_published_appealed_and_upheld_and_counted(
        site, chromium_without_javascript, capsys):
    driver = chromium_without_javascript
    agency = Agency.objects.get(name=AGENCY)
    first, second = person("moderator-first", "Moderators"), person("moderator-second", "Moderators")
    representative = person("bright-horizon", "Agency representatives")
    Representative.objects.create(user=representative, agency=agency, verified_by=first, how_verified="test")

    # A worker proves their number (asking to be told) and writes a review with the recruiter's number in it.
    as_new_visitor(driver, site, "en")
    driver.get(f"{site}/en/reviews/write/{agency.pk}/")
    driver.find_element(By.ID, "id_contact").send_keys(CONTACT)
    driver.find_element(By.CSS_SELECTOR, "label[for='id_notify']").click()
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    code = re.findall(r"code is (\d{6})", capsys.readouterr().out)[-1]
    driver.find_element(By.ID, "id_code").send_keys(code)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    choose(driver, "rating", 1)
    driver.find_element(By.ID, "id_title").send_keys(TITLE)
    driver.find_element(By.ID, "id_text").send_keys(TEXT)
    Select(driver.find_element(By.ID, "id_deployment_year")).select_by_value("2024")
    Select(driver.find_element(By.ID, "id_destination")).select_by_value("HK")
    Select(driver.find_element(By.ID, "id_sector")).select_by_value("domestic")
    Select(driver.find_element(By.ID, "id_language")).select_by_value("en")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']"))
    # The form warns about the number; the worker sends it anyway.
    driver.find_element(By.CSS_SELECTOR, "label[for='id_personal_data_checked']").click()
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']"))
    assert driver.current_url == f"{site}/en/reviews/mine/"
    review = Review.objects.get(title=TITLE)
    queued = QueueItem.objects.get(item_kind="review", item_id=review.pk)

    # The first moderator finds it at the top of the queue, flagged for the phone number, which is marked.
    with in_the_queue(driver, site, first, review):
        driver.back()
        first_row = driver.find_element(By.CSS_SELECTOR, "table.listing tbody tr")
        assert f"/admin/moderation/queue/{queued.pk}/" in first_row.get_attribute("innerHTML")
        assert "phone number" in first_row.text
        assert driver.find_element(By.CSS_SELECTOR, "table.listing tbody tr mark").text == NUMBER_IN_TEXT
        follow(driver, first_row.find_element(By.CSS_SELECTOR, f"a[href='/admin/moderation/queue/{queued.pk}/']"))
        # ... ticks the number, chooses the reason, hides it, then publishes the rest.
        driver.find_element(By.CSS_SELECTOR, "input[name='parts']").click()
        Select(driver.find_element(By.ID, "act-reason")).select_by_value("personal_data")
        act(driver, "redact")
        assert "The parts were hidden." in driver.page_source
        act(driver, "publish")
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED and NUMBER_IN_TEXT not in review.text and REDACTION_MARK in review.text

    # The reviewer is told by SMS, to the number they proved (masked in the console), with no text of the review.
    sms = re.findall(r"SMS to (\S+): (.*)", capsys.readouterr().out)
    assert [to for to, _text in sms] == [contact_masked(CONTACT)], sms
    assert "published" in sms[0][1] and AGENCY.split(" (")[0] in sms[0][1] and TITLE not in sms[0][1]

    # Readers find the agency and see the review with the number hidden.
    as_new_visitor(driver, site, "en")
    driver.get(f"{site}/en/check-an-agency/")
    driver.find_element(By.ID, "id_q").send_keys(agency.licence_number)
    follow(driver, driver.find_element(By.CSS_SELECTOR, ".check-form button"))
    follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, AGENCY))
    agency_page = driver.current_url
    shown = driver.find_element(By.ID, f"review-{review.pk}").text
    assert REDACTION_MARK in shown and NUMBER_IN_TEXT not in shown and "A moderator hid part of this review" in shown

    # The agency's representative appeals the publication from the agency's page.
    sign_in(driver, site, "/en/reviews/account/login/", representative, "main form button")
    driver.get(agency_page)
    follow(driver, driver.find_element(By.ID, f"review-{review.pk}").find_element(By.LINK_TEXT, "Appeal its publication"))
    driver.find_element(By.ID, "id_text").send_keys("This person never worked through us.")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    assert "A different moderator will read it" in driver.page_source
    assert Appeal.objects.get().appealed_actor_id == first.pk

    # The moderator who published cannot decide the appeal; the second one upholds the publication.
    with in_the_queue(driver, site, first, review):
        assert "a different moderator must decide the appeal" in driver.page_source
        assert not driver.find_elements(By.CSS_SELECTOR, "button[name='action']")
    with in_the_queue(driver, site, second, review):
        act(driver, "uphold")
    assert Appeal.objects.get().state == Appeal.State.UPHELD
    assert Review.objects.get(pk=review.pk).status == Status.PUBLISHED
    assert AuditEntry.objects.filter(action=AuditEntry.Action.APPEAL_UPHELD, actor=second).exists()

    # The transparency page counts each step, and names nobody.
    shown = figures(driver, site)
    page = driver.page_source
    for name in ("moderator-first", "moderator-second", "bright-horizon", NUMBER_IN_TEXT, CONTACT, TITLE):
        assert name not in page
    reviews = {label: value for (section, label), value in shown.items() if section == "Reviews"}
    assert (reviews["Received"], reviews["Published"], reviews["Rejected"]) == ("1", "1", "0"), shown
    assert reviews["Parts hidden (in reviews and replies)"] == "1" and reviews["Median time to a decision"] != "no decision"
    assert (shown["Appeals", "Received"], shown["Appeals", "Decision kept"], shown["Appeals", "Decision changed"]) == (
        "1", "1", "0"), shown
