"""A rights guide's whole way in a real Chromium: an editor writes it in the Wagtail admin and submits it to the
fact-check; the author cannot approve it; a fact-checker sends it back with a comment, then approves it; readers see
who verified it and when; it is translated into Khmer, fact-checked again and read in Khmer; time passes and the stale
notice appears, and the editors' panel lists the guide. Then, without JavaScript, the support directory filters by
country and language."""

import datetime
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone, translation
from django.utils.translation import gettext
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait
from wagtail.models import Locale, Site

from content.demo import demo_content_load
from content.models import GuideIndexPage, GuidePage, SupportOrganisation, Topic
from content.models.taxonomy import language_name
from content.templatetags.site_tags import long_date
from tests.browser.steps import PASSWORD, as_new_visitor, follow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Rest days for domestic workers in Hong Kong"
SUMMARY = "You have a rest day every week. Your employer cannot make you work on it."
SUMMARY_CHECKED = "You have a rest day of at least 24 hours in every 7 days. Your employer cannot make you work on it."
BODY = "Your employer chooses the day, and must tell you before the month starts."
SOURCE = ("Employment Ordinance (Cap. 57), Part IV: rest days", "Department of Justice, Hong Kong",
          "https://www.elegislation.gov.hk/hk/cap57")
TOPICS = ["domestic-work", "hours-rest"]
COMMENT = "Source 1 says at least 24 hours in every 7 days: please say so in the summary."
STALE = "Last checked on %(date)s; some details may have changed."
TITLE_KM = "ថ្ងៃសម្រាកសម្រាប់អ្នកធ្វើការងារផ្ទះនៅហុងកុង"
SUMMARY_KM = ("អ្នកមានថ្ងៃសម្រាកយ៉ាងហោចណាស់ ២៤ ម៉ោង រៀងរាល់ ៧ ថ្ងៃម្តង។ "
              "និយោជករបស់អ្នកមិនអាចបង្ខំអ្នកឱ្យធ្វើការនៅថ្ងៃនោះបានទេ។")


@pytest.fixture
def site(live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # many sign-ins: keep them quick
    demo_content_load()
    return live_server.url


def person(username, first_name, last_name, *groups):
    user = User.objects.create_user(username, password=PASSWORD, first_name=first_name, last_name=last_name)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def in_language(language, message, /, **values):
    """A message as the pages in `language` show it (in English where it is not translated yet); a date among the
    values is written as that language writes it."""
    with translation.override(language):
        return gettext(message) % {name: long_date(value) if isinstance(value, datetime.date) else value
                                   for name, value in values.items()}


@contextmanager
def at_a_desk(driver):
    """Editors work on a computer: the admin at a desktop's width, the phone's size again afterwards."""
    phone = driver.get_window_size()
    driver.set_window_size(1280, 1000)
    try:
        yield
    finally:
        driver.set_window_size(phone["width"], phone["height"])


def wait_for(driver, selector, by=By.CSS_SELECTOR):
    """The element, once it can be clicked, scrolled to the middle of the window: the editor's footer stays at the
    bottom of the window, over whatever is there."""
    element = WebDriverWait(driver, 10).until(expected_conditions.element_to_be_clickable((by, selector)))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    return element


def admin_sign_in(driver, site, user):
    sign_in(driver, site, "/admin/login/", user, "form button[type='submit']")
    assert driver.current_url == f"{site}/admin/", driver.current_url


def open_editor(driver, site, page):
    driver.get(f"{site}/admin/pages/{page.pk}/edit/")
    wait_for(driver, "footer .w-dropdown__toggle")


def footer_actions(driver):
    """Opens the menu of the editor's footer (beside "Save draft") and returns it."""
    wait_for(driver, "footer .w-dropdown__toggle").click()
    return WebDriverWait(driver, 10).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "footer .w-dropdown__content")))


def footer_action(driver, selector):
    """Chooses an action in the footer's menu and waits for the next page."""
    footer_actions(driver)
    follow(driver, wait_for(driver, f"footer .w-dropdown__content {selector}"))


def replace_text(element, text):
    element.clear()
    element.send_keys(text)


def add_text_block(driver, text):
    """Inserts a "Text" block into the empty body and types a paragraph into its rich text editor."""
    wait_for(driver, "[data-contentpath='body'] button.c-sf-add-button").click()
    wait_for(driver, "//div[@role='option'][.//*[normalize-space()='Text']]", By.XPATH).click()
    editor = wait_for(driver, "[data-contentpath='body'] [contenteditable='true']")
    editor.click()
    editor.send_keys(text)


def add_source(driver, title, publisher, url, accessed_on):
    wait_for(driver, "#id_sources-ADD").click()
    wait_for(driver, "#id_sources-0-title").send_keys(title)
    driver.find_element(By.ID, "id_sources-0-publisher").send_keys(publisher)
    driver.find_element(By.ID, "id_sources-0-url").send_keys(url)
    date = driver.find_element(By.ID, "id_sources-0-accessed_on")
    date.send_keys(accessed_on.isoformat())
    driver.find_element(By.ID, "id_sources-0-url").click()  # away from the date, so that its calendar closes


def fact_checker_decides(driver, site, checker, page, action, comment=""):
    """A fact-checker opens the page in the admin and approves it, or requests changes with a comment."""
    admin_sign_in(driver, site, checker)
    assert driver.find_elements(
        By.CSS_SELECTOR, f"[data-workflow-action-url^='/admin/pages/workflow/action/{page.pk}/{action}/']")
    open_editor(driver, site, page)
    if action == "approve":
        footer_action(driver, "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")
        return
    footer_actions(driver)
    wait_for(driver, f"footer .w-dropdown__content [data-workflow-action-name='{action}']").click()
    wait_for(driver, ".modal textarea[name='comment']").send_keys(comment)
    follow(driver, wait_for(driver, ".modal form button[type='submit']"))


def visitor_reads(driver, site, url, language):
    as_new_visitor(driver, site, language)
    driver.get(f"{site}{url}")
    return driver.find_element(By.TAG_NAME, "main").text


def test_a_guide_is_checked_by_a_second_person_translated_into_khmer_and_goes_stale(site, chromium, monkeypatch):
    driver = chromium
    today = timezone.localdate()
    editor = person("sophea", "Sophea", "Chan", "Editors", "Fact-checkers")  # may check others' guides, not their own
    checker = person("dara", "Dara", "Sok", "Fact-checkers")
    home = Site.objects.get(is_default_site=True).root_page
    index = GuideIndexPage.objects.child_of(home).get(slug="know-your-rights")
    khmer = Locale.objects.get(language_code="km")

    with at_a_desk(driver):
        # The editor writes the guide under "Know your rights" and submits it to the fact-check.
        admin_sign_in(driver, site, editor)
        driver.get(f"{site}/admin/pages/{index.pk}/")
        follow(driver, wait_for(driver, f"a[href='/admin/pages/{index.pk}/add_subpage/']"))
        wait_for(driver, "#id_title").send_keys(TITLE)
        driver.find_element(By.ID, "id_summary").send_keys(SUMMARY)
        Select(driver.find_element(By.ID, "id_origin_country")).select_by_value("PH")
        Select(driver.find_element(By.ID, "id_destination_country")).select_by_value("HK")
        for topic in Topic.objects.filter(slug__in=TOPICS):
            wait_for(driver, f"input[name='topics'][value='{topic.pk}']").click()
        add_text_block(driver, BODY)
        add_source(driver, *SOURCE, today - datetime.timedelta(days=3))
        footer_action(driver, "button[name='action-submit']")
        guide = GuidePage.objects.get(title=TITLE)
        assert not guide.live and guide.current_workflow_state.requested_by == editor
        assert list(guide.sources.values_list("title", "publisher", "url")) == [SOURCE]
        assert sorted(guide.topics.values_list("slug", flat=True)) == sorted(TOPICS)

        # Its author, though a fact-checker, is offered no way to approve it or send it back: not in the editor...
        open_editor(driver, site, guide)
        footer_actions(driver)
        assert not driver.find_elements(By.CSS_SELECTOR, "[data-workflow-action-name]")
        # ... nor on the dashboard.
        driver.get(f"{site}/admin/")
        assert not driver.find_elements(By.CSS_SELECTOR, "[data-workflow-action-url]")

        # Readers cannot see it yet.
        assert TITLE not in visitor_reads(driver, site, guide.url, "en")

        # The fact-checker sends it back with a comment.
        fact_checker_decides(driver, site, checker, guide, "reject", COMMENT)
        guide.refresh_from_db()
        assert guide.current_workflow_state.status == "needs_changes" and not guide.live

        # The editor reads the comment, corrects the summary and submits it again.
        admin_sign_in(driver, site, editor)
        open_editor(driver, site, guide)
        wait_for(driver, "button[data-side-panel-toggle='status']").click()
        wait_for(driver, "[data-a11y-dialog-show='workflow-status-dialog']").click()
        dialog = WebDriverWait(driver, 10).until(
            expected_conditions.visibility_of_element_located((By.ID, "workflow-status-dialog")))
        assert COMMENT in dialog.text and "Dara Sok" in dialog.text
        driver.find_element(By.CSS_SELECTOR, "#workflow-status-dialog [data-action='w-dialog#hide']").click()
        replace_text(wait_for(driver, "#id_summary"), SUMMARY_CHECKED)
        footer_action(driver, "button[name='action-submit']")

        # The fact-checker approves it, which publishes it.
        fact_checker_decides(driver, site, checker, guide, "approve")
        guide.refresh_from_db()
        assert guide.live and guide.summary == SUMMARY_CHECKED
        assert (guide.last_verified_on, guide.last_verified_by) == (today, checker)

    # Readers see who verified it, and when.
    shown = visitor_reads(driver, site, guide.url, "en")
    assert TITLE in shown and SUMMARY_CHECKED in shown and BODY in shown and SOURCE[0] in shown
    assert in_language("en", "Last verified on %(date)s by %(name)s", date=today, name="Dara Sok") in shown

    with at_a_desk(driver):
        # The editor translates it into Khmer, writes the Khmer title and summary, and submits the translation.
        admin_sign_in(driver, site, editor)
        open_editor(driver, site, guide)
        wait_for(driver, "#w-slim-header-buttons .w-dropdown__toggle").click()  # the page's actions
        follow(driver, wait_for(driver, f"#w-slim-header-buttons a[href='/admin/translation/submit/page/{guide.pk}/']"))
        driver.find_element(By.CSS_SELECTOR, f"input[name='locales'][value='{khmer.pk}']").click()
        follow(driver, driver.find_element(By.CSS_SELECTOR, "form input[type='submit']"))
        guide_km = GuidePage.objects.get(translation_key=guide.translation_key, locale=khmer)
        assert driver.current_url == f"{site}/admin/pages/{guide_km.pk}/edit/"
        replace_text(wait_for(driver, "#id_title"), TITLE_KM)
        replace_text(driver.find_element(By.ID, "id_summary"), SUMMARY_KM)
        footer_action(driver, "button[name='action-submit']")
        guide_km.refresh_from_db()
        assert not guide_km.live and guide_km.current_workflow_state.requested_by == editor

    # Until the translation is checked, Khmer readers get the English guide, with a notice in Khmer.
    shown = visitor_reads(driver, site, f"/km/{index.get_translation(khmer).slug}/{guide.slug}/", "km")
    assert TITLE in shown and TITLE_KM not in shown
    assert in_language("km", "This guide is not yet in your language; here it is in English.") in shown

    with at_a_desk(driver):
        fact_checker_decides(driver, site, checker, guide_km, "approve")
    guide_km.refresh_from_db()
    assert guide_km.live and (guide_km.last_verified_on, guide_km.last_verified_by) == (today, checker)

    # Khmer readers read it in Khmer, told it was translated and when.
    shown = visitor_reads(driver, site, guide_km.url, "km")
    assert driver.current_url.startswith(f"{site}/km/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "km"
    assert TITLE_KM in shown and SUMMARY_KM in shown and TITLE not in shown and "Dara Sok" in shown
    with translation.override("km"):
        english = language_name("en")
    assert in_language("km", "Translated from %(language)s on %(date)s", language=english, date=today) in shown

    # Time passes beyond the review interval: readers are told the guide may be out of date...
    later = datetime.timedelta(days=guide.review_interval_days + 1)
    now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: now() + later)
    shown = visitor_reads(driver, site, guide.url, "en")
    assert in_language("en", STALE, date=today) in shown and TITLE in shown
    assert in_language("km", STALE, date=today) in visitor_reads(driver, site, guide_km.url, "km")

    # ... and the editors' panel in the admin lists it.
    with at_a_desk(driver):
        admin_sign_in(driver, site, editor)
        panel = driver.find_element(By.ID, "stale-content-section")
        assert "Pages due for review" in panel.text and TITLE in panel.text and TITLE_KM in panel.text
        assert panel.find_elements(By.CSS_SELECTOR, f"a[href='/admin/pages/{guide.pk}/edit/']")


def test_the_directory_filters_by_country_and_language_without_javascript(site, chromium_without_javascript):
    driver = chromium_without_javascript
    as_new_visitor(driver, site, "en")
    driver.get(f"{site}/en/")
    follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Get help"))
    assert driver.current_url == f"{site}/en/get-help/"
    every = {organisation.name for organisation in SupportOrganisation.objects.all()}

    def shown():
        return {name.text for name in driver.find_elements(By.CSS_SELECTOR, "main .org-card h3")}

    def serving(country, language=None):
        return {organisation.name for organisation in SupportOrganisation.objects.all()
                if country in organisation.countries and (language is None or language in organisation.languages)}

    assert shown() == every
    Select(driver.find_element(By.ID, "id_country")).select_by_value("TH")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']"))
    assert "country=TH" in driver.current_url
    in_thailand = serving("TH")
    assert shown() == in_thailand and 1 < len(in_thailand) < len(every)

    Select(driver.find_element(By.ID, "id_language")).select_by_value("km")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']"))
    in_khmer = serving("TH", "km")
    assert shown() == in_khmer and 0 < len(in_khmer) < len(in_thailand)
    assert Select(driver.find_element(By.ID, "id_country")).first_selected_option.get_attribute("value") == "TH"
