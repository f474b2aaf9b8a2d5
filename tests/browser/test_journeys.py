"""First journeys through the site in a real browser, as a worker on a small phone would take them."""

import gzip
import json
import urllib.request
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from content.demo import demo_content_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server):
    demo_content_load()
    return live_server.url


def menu_labels(driver):
    return [link.text for link in driver.find_elements(By.CSS_SELECTOR, ".main-menu a")]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_switch_from_english_to_indonesian_with_the_switcher(request, site, javascript):
    driver = request.getfixturevalue("chromium" if javascript else "chromium_without_javascript")
    driver.get(f"{site}/en/")
    assert menu_labels(driver) == ["Check an agency", "Compare money transfers", "Know your rights", "Get help"]

    driver.find_element(By.CSS_SELECTOR, ".language-switcher summary").click()
    indonesian = driver.find_element(By.LINK_TEXT, "Bahasa Indonesia")
    assert indonesian.is_displayed()
    indonesian.click()

    WebDriverWait(driver, 10).until(expected_conditions.url_to_be(f"{site}/id/"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"
    assert menu_labels(driver) == ["Periksa agen", "Bandingkan kirim uang", "Ketahui hak Anda", "Cari bantuan"]
    assert driver.find_element(By.CSS_SELECTOR, ".main-menu").get_attribute("aria-label") == "Menu utama"


def test_every_page_type_works_without_javascript(site, chromium_without_javascript):
    driver = chromium_without_javascript
    driver.get(f"{site}/km/")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Lantern"
    ways = driver.find_elements(By.CSS_SELECTOR, ".way-in a")
    assert len(ways) == 4 and all(way.is_displayed() for way in ways)

    ways[2].click()  # Know your rights: a standard page
    WebDriverWait(driver, 10).until(expected_conditions.url_to_be(f"{site}/km/know-your-rights/"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "ស្គាល់សិទ្ធិរបស់អ្នក"

    driver.get(f"{site}/km/no-such-page/")
    assert driver.find_element(By.TAG_NAME, "h1").text == "យើងរកមិនឃើញទំព័រនោះទេ"
    driver.find_element(By.CSS_SELECTOR, "main a.button").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_to_be(f"{site}/km/"))


def test_the_first_tab_reaches_a_visible_skip_link(site, chromium):
    driver = chromium
    driver.get(f"{site}/en/")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    assert focused.text == "Skip to main content"
    assert focused.location["y"] >= 0 and focused.is_displayed()
    assert "solid" in focused.value_of_css_property("outline-style")


def network_responses(driver):
    """URL and bytes on the wire of every response since the last call, from Chromium's performance log."""
    urls, sizes = {}, {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.responseReceived":
            urls[message["params"]["requestId"]] = message["params"]["response"]["url"]
        elif message["method"] == "Network.loadingFinished":
            sizes[message["params"]["requestId"]] = message["params"]["encodedDataLength"]
    return {urls[request_id]: size for request_id, size in sizes.items() if request_id in urls}


def test_the_home_page_is_light_and_loads_only_from_its_own_host(site, chromium):
    chromium.execute_cdp_cmd("Network.enable", {})
    chromium.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})  # a first visit
    chromium.get_log("performance")  # drop what earlier tests left
    chromium.get(f"{site}/en/")
    responses = network_responses(chromium)
    assert f"{site}/en/" in responses and any(url.endswith(".css") for url in responses)
    assert {urlsplit(url).netloc for url in responses} == {urlsplit(site).netloc}

    transferred = sum(responses.values())
    compressed = sum(len(gzip.compress(urllib.request.urlopen(url).read(), 6)) for url in responses)
    print(f"home page: {len(responses)} responses, {transferred} bytes transferred, {compressed} bytes gzip-compressed")
    assert transferred <= 30 * 1024
    assert compressed <= 14 * 1024


def test_check_an_agency_by_a_misspelt_name_and_read_its_licence_history(site, chromium_without_javascript):
    from agencies.demo import demo_agencies_load

    demo_agencies_load()
    driver = chromium_without_javascript
    driver.get(f"{site}/en/")
    driver.find_element(By.LINK_TEXT, "Check an agency").click()
    box = driver.find_element(By.ID, "id_q")
    box.send_keys("brigt horizn manpower")
    box.submit()

    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".check-result")))
    assert "Did you mean one of these?" in driver.page_source
    driver.find_element(By.PARTIAL_LINK_TEXT, "Bright Horizon Manpower Services").click()

    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "history-heading")))
    assert driver.find_element(By.CSS_SELECTOR, ".licence-card .licence-status").text == "Licensed until 12 March 2027"
    history = [item.text for item in driver.find_elements(By.CSS_SELECTOR, ".history li")]
    assert history == [
        "20 November 2026: status changed from “Suspended” to “Valid”",
        "1 October 2025: first listed, status “Suspended”",
    ]


def test_compare_sending_500_sgd_to_the_philippines_in_filipino(site, chromium_without_javascript):
    from remittance.demo import demo_transfers_load
    from selenium.webdriver.support.ui import Select

    demo_transfers_load()
    driver = chromium_without_javascript
    driver.get(f"{site}/fil/")
    driver.find_element(By.CSS_SELECTOR, ".way-in:nth-child(2) a").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_to_be(f"{site}/fil/compare-money-transfers/"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fil"

    Select(driver.find_element(By.ID, "id_corridor")).select_by_value("sg-ph")
    driver.find_element(By.ID, "id_amount").send_keys("500")
    driver.find_element(By.CSS_SELECTOR, ".compare-form button").click()
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".compare-table")))
    providers = [link.text for link in driver.find_elements(By.CSS_SELECTOR, ".compare-table tbody th a")]
    assert providers[0] == "Invented Wallet Remit (demo)" and len(providers) == 4

    Select(driver.find_element(By.ID, "id_pay_out")).select_by_value("cash_pickup")
    driver.find_element(By.CSS_SELECTOR, ".compare-form button").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("pay_out=cash_pickup"))
    providers = [link.text for link in driver.find_elements(By.CSS_SELECTOR, ".compare-table tbody th a")]
    assert providers == ["Sample Money Express (demo)"]

    driver.find_element(By.CSS_SELECTOR, ".comparison a[href*='/corridor/sg-ph/']").click()
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "svg.cost-chart")))
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.cost-chart circle")) == 24
