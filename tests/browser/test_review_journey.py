"""A review's whole way in a real browser without JavaScript, in Nepali: a worker finds the agency, proves a phone
number typed in Devanagari digits and writes a review; a moderator publishes it; the agency's representative
replies; a moderator publishes the reply; a visitor reports it. Afterwards the phone number is nowhere in clear:
not in the database, not in what was printed, not in the logs."""

import json
import logging
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.template.defaultfilters import floatformat
from django.utils import translation
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from agencies.demo import demo_agencies_load
from agencies.models import Agency
from config.countries import country_name
from content.demo import demo_content_load
from moderation.models import Report
from reviews.contacts import ascii_digits, contact_masked
from reviews.demo import demo_reviews_load
from reviews.models import Reply, Representative, Review, Reviewer, Status
from tests.browser.steps import PASSWORD, as_new_visitor, choose, follow, moderator_publishes, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = "+9779851172638"  # a Nepali mobile number
PHONE_TYPED = "+९७७ ९८५ ११७ २६३८"  # as the worker types it, in Devanagari digits
# Its national number with any separators between the digits: "+9779851172638", "+977 985-1172638", "985 117 2638",
# "9851172638", and the same in Devanagari digits once the digits of every script are read as ASCII ones.
PHONE_ANYHOW = re.compile(r"[\s\-.()\u00a0\u202f]*".join("9851172638"))
HIMAL = "Example Himal Overseas (demo)"
TITLE = "सम्झौता राम्रो, तर शुल्क धेरै"
TEXT = "कम्पनीले सम्झौता नेपालीमा पढेर सुनायो र काम भनेजस्तै थियो।\n\nतर भिसा र टिकटको लागि धेरै पैसा तिरेँ।"
FEE_FOR = "भिसा र टिकट"
REPLY = "हामीले यो कुरा जाँच्दैछौं। कामदारहरूबाट अब भिसाको पैसा लिइँदैन।"
REPORT_NOTE = "यो जवाफ झूटो हो।"


def ne(text, plural=None, count=None, **values):
    """A message as the Nepali pages show it; one still in English would make this journey pass in English."""
    with translation.override("ne"):
        message = translation.ngettext(text, plural, count) if plural else translation.gettext(text)
    assert message not in (text, plural), f"{text!r} is not translated into Nepali"
    return message % values if values else message


def amount(value):
    """An amount as the agency page writes it."""
    with translation.override("ne"):
        return floatformat(Decimal(value), "0g")


@pytest.fixture
def site(live_server):
    demo_content_load()
    demo_agencies_load()
    demo_reviews_load()  # Himal has one published review: 2 of 5, from a worker who paid NPR 150,000 for Qatar
    return live_server.url


@pytest.fixture
def people(site, settings):
    """A moderator, and a representative of Himal whom moderators verified."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # five sign-ins: keep them quick
    agency = Agency.objects.get(name=HIMAL)
    moderator = User.objects.create_user("moderator-journey", password=PASSWORD)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    representative = User.objects.create_user("himal-representative", password=PASSWORD)
    representative.groups.add(Group.objects.get(name="Agency representatives"))
    Representative.objects.create(user=representative, agency=agency, verified_by=moderator, how_verified="test")
    return moderator, representative


def rating_average(driver):
    """(the average, the rest of the line) of the agency page's summary."""
    average, rest = driver.find_element(By.CSS_SELECTOR, ".rating-average").text.split(" ", 1)
    return Decimal(average), rest


def every_stored_text():
    """Every text, character and JSON column of every table, and the sessions decoded."""
    tables = set(connection.introspection.table_names())
    values = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or model._meta.db_table not in tables:
            continue
        names = [field.attname for field in model._meta.concrete_fields
                 if isinstance(field, (models.CharField, models.TextField, models.JSONField))]
        if names:
            for row in model._base_manager.values_list(*names):
                values += [value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
                           for value in row]
    values += [json.dumps(session.get_decoded(), default=str) for session in Session.objects.all()]
    return "\n".join(values)


def test_a_review_in_nepali_from_the_agency_page_to_a_report_of_the_agencys_reply(
        site, people, chromium_without_javascript, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    for client_side in ("selenium", "urllib3"):  # the test's own WebDriver client, which logs the keys it types
        caplog.set_level(logging.INFO, logger=client_side)
    moderator, representative = people
    driver = chromium_without_javascript
    printed, pages = [], []

    # A worker finds the agency with the licence check, in Nepali.
    as_new_visitor(driver, site)
    follow(driver, driver.find_element(By.CSS_SELECTOR, ".way-in:nth-child(1) a"))
    assert driver.current_url == f"{site}/ne/check-an-agency/"
    driver.find_element(By.ID, "id_q").send_keys("himal overseas")
    follow(driver, driver.find_element(By.CSS_SELECTOR, ".check-form button"))
    follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, HIMAL))
    agency_page = driver.current_url
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ne"
    assert rating_average(driver) == (2, ne("of 5, from %(reviews)s review", "of 5, from %(reviews)s reviews", 1,
                                            reviews=1))

    # ... asks for a code by SMS (and to be told when the review is published), reads it and types it in Devanagari.
    follow(driver, driver.find_element(By.LINK_TEXT, ne("Write a review")))
    driver.find_element(By.ID, "id_contact").send_keys(PHONE_TYPED)
    driver.find_element(By.CSS_SELECTOR, "label[for='id_notify']").click()
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    assert driver.current_url == f"{site}/ne/reviews/code/"
    pages.append(driver.page_source)
    printed.append(capsys.readouterr())
    sms = re.findall(r"SMS to (\S+): (.*)", printed[-1].out)
    assert len(sms) == 1 and sms[0][0] == contact_masked(PHONE) == "+97•••••••••38", printed[-1].out
    code = re.search(r"\d{6}", sms[0][1]).group()
    driver.find_element(By.ID, "id_code").send_keys("".join(chr(0x0966 + int(digit)) for digit in code))
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))

    # ... fills in the review: ratings by their labels, the fee in lakhs, Qatar, construction, Nepali.
    assert driver.current_url == f"{site}/ne/reviews/write/{Agency.objects.get(name=HIMAL).pk}/"
    pages.append(driver.page_source)
    reviewer = Reviewer.objects.get(channel="sms")
    assert reviewer.pseudonym in driver.find_element(By.TAG_NAME, "main").text
    for name, value in (("rating", 4), ("fees_rating", 2), ("contract_rating", 4), ("job_rating", 5),
                        ("documents_rating", 4), ("freedom_rating", 5), ("respect_rating", 4),
                        ("would_recommend", "yes"), ("paid_fee", "yes")):
        choose(driver, name, value)
    driver.find_element(By.ID, "id_fee_amount").send_keys("१,२०,०००")  # 120,000 written in lakhs
    Select(driver.find_element(By.ID, "id_fee_currency")).select_by_value("NPR")
    driver.find_element(By.ID, "id_fee_for").send_keys(FEE_FOR)
    driver.find_element(By.ID, "id_title").send_keys(TITLE)
    driver.find_element(By.ID, "id_text").send_keys(TEXT)
    Select(driver.find_element(By.ID, "id_deployment_year")).select_by_value("2023")
    Select(driver.find_element(By.ID, "id_destination")).select_by_value("QA")
    Select(driver.find_element(By.ID, "id_sector")).select_by_value("construction")
    Select(driver.find_element(By.ID, "id_language")).select_by_value("ne")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']"))
    if driver.find_elements(By.NAME, "personal_data_checked"):  # the warning about personal data, should it come
        driver.find_element(By.CSS_SELECTOR, "label[for='id_personal_data_checked']").click()
        follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']"))

    # ... sees it waiting for a moderator, and not yet on the agency's page.
    assert driver.current_url == f"{site}/ne/reviews/mine/"
    pages.append(driver.page_source)
    mine = driver.find_element(By.TAG_NAME, "main").text
    assert ne("Thank you. Your review waits for a moderator, who usually reads it within a few days.") in mine
    assert TITLE in mine and ne("Waiting for a moderator") in mine
    review = Review.objects.get(reviewer=reviewer)
    assert (review.status, review.rating, review.fees_rating, review.would_recommend, review.paid_fee) == (
        Status.PENDING, 4, 2, True, True)
    assert (review.fee_amount, review.fee_currency, review.fee_for) == (120000, "NPR", FEE_FOR)
    assert (review.title, review.text, review.deployment_year, review.destination, review.sector, review.language) == (
        TITLE, TEXT, 2023, "QA", "construction", "ne")
    follow(driver, driver.find_element(By.LINK_TEXT, HIMAL))
    assert driver.current_url == agency_page
    assert TITLE not in driver.page_source and rating_average(driver)[0] == 2

    # A moderator publishes it in the admin; the agency's page counts it in the summary and shows it.
    moderator_publishes(driver, site, moderator, review)
    as_new_visitor(driver, site)
    driver.get(agency_page)
    assert rating_average(driver) == (3, ne("of 5, from %(reviews)s review", "of 5, from %(reviews)s reviews", 2,
                                            reviews=2))
    summary = driver.find_element(By.CSS_SELECTOR, ".rating-summary").text
    assert ne("%(percent)s%% would recommend this agency.", percent=50) in summary
    fees = driver.find_element(By.CSS_SELECTOR, ".fees tbody tr").text
    assert country_name("QA", "ne") in fees and f"NPR {amount(135000)}" in fees, fees  # the median of the two
    assert ne("Above the legal cap") in fees
    shown = driver.find_element(By.ID, f"review-{review.pk}")
    assert shown.find_element(By.TAG_NAME, "h3").text == TITLE
    assert shown.find_element(By.CSS_SELECTOR, ".review-meta").text == ne(
        "%(name)s, deployed in %(year)s to %(destination)s",
        name=reviewer.pseudonym, year=2023, destination=country_name("QA", "ne"))
    assert f"{ne('Paid a fee to get the job')}: NPR {amount(120000)} ({FEE_FOR})" in shown.text
    assert ne("Reply for the agency") not in shown.text

    # The agency's representative signs in and replies; a moderator publishes the reply.
    sign_in(driver, site, "/ne/reviews/account/login/", representative, "main form button")
    assert driver.current_url == f"{site}/ne/"
    driver.get(agency_page)
    review_shown = driver.find_element(By.ID, f"review-{review.pk}")
    follow(driver, review_shown.find_element(By.LINK_TEXT, ne("Reply for the agency")))
    driver.find_element(By.ID, "id_text").send_keys(REPLY)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    assert driver.find_element(By.TAG_NAME, "h1").text == ne("Thank you")
    reply = Reply.objects.get(review=review)
    assert (reply.author, reply.status, reply.text) == (representative, Status.PENDING, REPLY)
    moderator_publishes(driver, site, moderator, reply)

    # A visitor reads the reply under the review and reports it.
    as_new_visitor(driver, site)
    driver.get(agency_page)
    answer = driver.find_element(By.ID, f"review-{review.pk}").find_element(By.CSS_SELECTOR, ".reply")
    assert REPLY in answer.text
    follow(driver, answer.find_element(By.LINK_TEXT, ne("Report this reply")))
    choose(driver, "reason", "false")
    driver.find_element(By.ID, "id_note").send_keys(REPORT_NOTE)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))
    assert driver.find_element(By.TAG_NAME, "h1").text == ne("Thank you")
    report = Report.objects.get(item_kind="reply")
    assert (report.item_id, report.agency_id, report.reason, report.note, report.state) == (
        reply.pk, review.agency_id, "false", REPORT_NOTE, Report.State.OPEN)

    # The number is kept only as a keyed hash, and encrypted since the worker asked to be told; in clear, nowhere.
    reviewer.refresh_from_db()
    assert reviewer.contact_hash and reviewer.contact_encrypted
    printed.append(capsys.readouterr())
    assert all(PHONE_ANYHOW.search(ascii_digits(spelling)) for spelling in (
        PHONE, PHONE_TYPED, "+977 985-1172638", "985 117 2638", "(985) 1172638", "९८५११७२६३८"))
    stored = every_stored_text()
    assert TEXT in stored and reviewer.contact_hash in stored and reviewer.contact_encrypted in stored
    for where, text in (
        ("the database", stored),
        ("what was printed", "\n".join(output.out + output.err for output in printed)),
        ("the logs", "\n".join(record.getMessage() for record in caplog.records)),
        ("the pages after the number was sent", "\n".join(pages)),
    ):
        text = ascii_digits(text)
        found = PHONE_ANYHOW.search(text)
        assert found is None, f"the phone number is in {where}: …{text[found.start() - 80:found.end() + 80]}…"
