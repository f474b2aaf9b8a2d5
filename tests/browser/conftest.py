"""A real Chromium (Debian's chromium and chromedriver) driving the live server, with and without JavaScript."""

import shutil
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def _start_chromium(*, javascript):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.fail("The browser tests need Chromium and its driver: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=390,844",  # a small phone
    ):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='lantern-chromium-')}")
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


@pytest.fixture(scope="session")
def chromium():
    driver = _start_chromium(javascript=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def chromium_without_javascript():
    driver = _start_chromium(javascript=False)
    yield driver
    driver.quit()
