"""Helpers shared by the tests."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Variables the settings module reads; a subprocess starts from none of them unless a test sets them.
SETTINGS_VARIABLES = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "BASE_URL", "DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL",
    "SMS_BACKEND", "SMS_GATEWAY_URL", "SMS_GATEWAY_TOKEN", "SMS_SENDER", "CONTACT_HASH_KEY", "CONTACT_ENCRYPTION_KEY",
    "TASKS_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL", "SECURE_SSL_REDIRECT", "TRUST_X_FORWARDED_PROTO", "LOG_LEVEL",
}
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3J9xq-PzV7t2Lw0sYc8HdRb5NfGm1Ae4Ui6Oo_-zXyWvTsRqPo",
    "ALLOWED_HOSTS": "lantern.example.org",
    "BASE_URL": "https://lantern.example.org",
    "CONTACT_HASH_KEY": "Qm9vG2-pL8xZr4Tn7Wc1YjEh6KaS3dUf0Bv5Ni9Mo_-qRsTuVw",
    "CONTACT_ENCRYPTION_KEY": "3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
}


def run_manage(*args, **env):
    """Runs manage.py in a fresh process with only the given settings variables set."""
    environment = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=environment, capture_output=True, text=True, timeout=120, cwd=ROOT,
    )


def section_page(page, *, translated_into):
    """Adds a section page under the site's home page and publishes it (with the home page) in another language."""
    from wagtail.models import Locale, Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    home.add_child(instance=page)
    locale = Locale.objects.get(language_code=translated_into)
    for original in (home, page):
        original.copy_for_translation(locale).save_revision().publish()
    return page
