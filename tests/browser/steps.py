"""Steps of the browser journeys: following links and forms as a person would, signing in, the moderation queue."""

from contextlib import contextmanager

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from moderation.models import QueueItem
from reviews.models import Status

PASSWORD = "a-long-test-password-42"


def follow(driver, element, *, pointer=False):
    """Clicks a link or a submit button and waits for the next page (a plain link, a plain form post)."""
    page = driver.find_element(By.TAG_NAME, "html")
    if pointer:  # a bare pointer action, without chromedriver's check of what the click would hit
        ActionChains(driver).move_to_element(element).click().perform()
    else:
        element.click()
    # While the page goes, chromedriver may say the old page's node "does not belong to the document": ask again.
    WebDriverWait(driver, 10, ignored_exceptions=[WebDriverException]).until(expected_conditions.staleness_of(page))


def choose(driver, name, value):
    """Taps the label of a radio button."""
    radio = driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
    driver.find_element(By.CSS_SELECTOR, f"label[for='{radio.get_attribute('id')}']").click()
    assert radio.is_selected(), name


def as_new_visitor(driver, site, language="ne"):
    driver.get(f"{site}/{language}/")
    driver.delete_all_cookies()


def sign_in(driver, site, login_path, user, button):
    """A new visitor signs in as `user` on a login page."""
    as_new_visitor(driver, site)
    driver.get(f"{site}{login_path}")
    driver.find_element(By.ID, "id_username").send_keys(user.username)
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    follow(driver, driver.find_element(By.CSS_SELECTOR, button))


@contextmanager
def in_the_queue(driver, site, moderator, item):
    """A moderator signs in to the admin and opens the item from the moderation queue (inside the block).

    Moderators work on a computer: at a phone's width without JavaScript, the admin's empty sidebar covers the links.
    """
    phone = driver.get_window_size()
    driver.set_window_size(1280, 900)
    try:
        sign_in(driver, site, "/admin/login/?next=/admin/moderation/queue/", moderator, "form button[type='submit']")
        assert driver.current_url == f"{site}/admin/moderation/queue/"
        queued = QueueItem.objects.get(item_kind=item._meta.model_name, item_id=item.pk)
        follow(driver, driver.find_element(By.CSS_SELECTOR, f"a[href='/admin/moderation/queue/{queued.pk}/']"))
        yield
    finally:
        driver.set_window_size(phone["width"], phone["height"])


def act(driver, action):
    """Presses an action's button on a queue item's page.

    The admin's content scrolls in a box of its own, where chromedriver's check of a click misplaces the button.
    """
    follow(driver, driver.find_element(By.CSS_SELECTOR, f"button[name='action'][value='{action}']"), pointer=True)


def moderator_publishes(driver, site, moderator, item):
    with in_the_queue(driver, site, moderator, item):
        act(driver, "publish")
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
