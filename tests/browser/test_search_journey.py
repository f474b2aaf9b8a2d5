"""Search in a real Chromium without JavaScript, as a Nepali worker on a small phone: a misspelt agency name, the
name in Devanagari, a question narrowed by facet links and paged; and search answering with Elasticsearch stopped."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from agencies.demo import demo_agencies_load
from content.demo import demo_content_load
from tests.browser.steps import follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server):
    demo_content_load()
    demo_agencies_load()
    return live_server.url


def search_from_the_header(driver, words):
    box = driver.find_element(By.CSS_SELECTOR, ".site-search input[name='q']")
    box.clear()
    box.send_keys(words)
    page = driver.find_element(By.TAG_NAME, "html")
    box.send_keys(Keys.ENTER)  # the plain form is sent, as on any phone
    WebDriverWait(driver, 10).until(expected_conditions.staleness_of(page))


def hit_titles(driver):
    return [link.text for link in driver.find_elements(By.CSS_SELECTOR, ".search-hits li > a")]


def search_again(driver, words):
    box = driver.find_element(By.ID, "search-words")
    box.clear()
    box.send_keys(words)
    follow(driver, driver.find_element(By.CSS_SELECTOR, ".search-form button"))


def test_a_worker_finds_agencies_and_guides_without_javascript(site, chromium_without_javascript, settings):
    driver = chromium_without_javascript
    driver.get(f"{site}/ne/")
    search_from_the_header(driver, "Exmple Himl Overseas")  # two typos
    assert driver.current_url.startswith(f"{site}/ne/search/?q=")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ne"
    assert hit_titles(driver)[0] == "Example Himal Overseas (demo)"
    follow(driver, driver.find_element(By.LINK_TEXT, "Example Himal Overseas (demo)"))
    assert "/ne/check-an-agency/np/example-himal-overseas-demo-" in driver.current_url
    assert driver.find_element(By.TAG_NAME, "h1").text == "Example Himal Overseas (demo)"

    search_from_the_header(driver, "हिमाल ओभरसिज")  # the name in Devanagari
    assert hit_titles(driver)[0] == "Example Himal Overseas (demo)"

    search_again(driver, "9001/075/76")  # the licence number
    assert hit_titles(driver) == ["Example Himal Overseas (demo)"]

    driver.get(f"{site}/en/search/")
    search_again(driver, "fees")
    every_kind = [heading.text for heading in driver.find_elements(By.CSS_SELECTOR, ".search-group h2")]
    assert every_kind[0].startswith("Rights guides") and any(kind.startswith("Support organisations")
                                                               for kind in every_kind)
    driver.find_element(By.CSS_SELECTOR, ".search-facets summary").click()
    follow(driver, driver.find_element(By.CSS_SELECTOR, ".facet-links a[href*='country=NP']"))
    assert driver.find_element(By.CSS_SELECTOR, ".search-chosen .badge").text.startswith("Nepal")
    titles = hit_titles(driver)
    assert titles[0] == "Construction work in Qatar, from Nepal: fees (sample guide)"
    assert not any("Philippines" in title for title in titles), titles

    settings.SEARCH_ENGINE, settings.ELASTICSEARCH_URL = "elasticsearch", "http://127.0.0.1:9"  # nobody listens
    follow(driver, driver.find_element(By.CSS_SELECTOR, ".search-chosen .badge"))  # remove the country
    search_again(driver, "Brigt Horizon")
    assert hit_titles(driver)[0] == "Bright Horizon Manpower Services (demo)"
    assert "backup" in driver.find_element(By.CSS_SELECTOR, "main .notice").text


def test_the_search_box_suggests_agency_names_with_javascript(site, chromium):
    driver = chromium
    driver.get(f"{site}/en/")
    box = driver.find_element(By.CSS_SELECTOR, ".site-search input[name='q']")
    box.send_keys("brig")
    options = WebDriverWait(driver, 10).until(
        lambda browser: browser.find_elements(By.CSS_SELECTOR, "#site-search-names option"))
    assert [option.get_attribute("value") for option in options] == ["Bright Horizon Manpower Services (demo)"]
    assert box.get_attribute("list") == "site-search-names"
