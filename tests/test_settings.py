"""Settings come from the environment; a malformed value stops start-up with one line naming it."""

import pytest

from config.env import ConfigError, env_bool, env_database, env_int, env_list, env_secret_key, env_url

from tests.support import PRODUCTION_ENV, run_manage


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://root:hunter2secret@db/lantern"),
        ("DATABASE_URL", "not a url at all"),
        ("DATABASE_URL", "postgres://user:hunter2secret@db:notaport/lantern"),
        ("DATABASE_URL", "postgres://user:hunter2secret@/lantern"),
        ("DEBUG", "maybe"),
        ("REDIS_URL", "http://127.0.0.1:6379"),
        ("ELASTICSEARCH_URL", "elastic:hunter2secret"),
        ("SMS_BACKEND", "carrier-pigeon"),
        ("TASKS_BACKEND", "celery.NoSuchBackend"),
        ("CONTACT_ENCRYPTION_KEY", "not-a-fernet-key"),
        ("CONTACT_HASH_KEY", "short"),
        ("EMAIL_PORT", "twenty-five"),
    ],
)
def test_a_malformed_value_stops_start_up_with_one_line_naming_it(variable, value):
    env = {"DEBUG": "1", variable: value}
    if variable == "EMAIL_PORT":
        env["EMAIL_HOST"] = "smtp.example.org"
    result = run_manage("check", **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr
    assert "hunter2secret" not in result.stderr, "a password in a URL must never be echoed"


def test_production_needs_a_real_secret_key_and_hosts():
    missing_key = run_manage("check", DEBUG="0", ALLOWED_HOSTS="lantern.example.org")
    assert missing_key.returncode != 0 and "SECRET_KEY" in missing_key.stderr
    weak_key = run_manage("check", DEBUG="0", ALLOWED_HOSTS="lantern.example.org", SECRET_KEY="short")
    assert weak_key.returncode != 0 and "SECRET_KEY" in weak_key.stderr
    no_hosts = run_manage("check", DEBUG="0", SECRET_KEY=PRODUCTION_ENV["SECRET_KEY"])
    assert no_hosts.returncode != 0 and "ALLOWED_HOSTS" in no_hosts.stderr


@pytest.mark.parametrize("variable", ["CONTACT_HASH_KEY", "CONTACT_ENCRYPTION_KEY"])
def test_production_needs_its_own_keys_for_reviewers_contacts(variable):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != variable}
    result = run_manage("check", **env)
    assert result.returncode != 0 and variable in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_the_sms_gateway_backend_needs_the_gateway_url():
    result = run_manage("check", DEBUG="1", SMS_BACKEND="http")
    assert result.returncode != 0 and "SMS_GATEWAY_URL" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert run_manage("check", DEBUG="1", SMS_BACKEND="http", SMS_GATEWAY_URL="http://127.0.0.1:9/send").returncode == 0


def test_check_deploy_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_turns_on_secure_cookies_hsts_and_https():
    script = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)"
    )
    result = run_manage("shell", "--no-imports", "-c", script, **PRODUCTION_ENV)
    assert result.stdout.split() == ["True", "True", "True", "True", "False"], result.stderr


def test_nothing_set_but_debug_runs_on_sqlite_local_memory_cache_database_search_and_console_mail():
    script = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.SEARCH_ENGINE, s.EMAIL_BACKEND, s.SMS_BACKEND)"
    )
    result = run_manage("shell", "--no-imports", "-c", script, DEBUG="1")
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "database",
        "django.core.mail.backends.console.EmailBackend",
        "console",
    ], result.stderr


def test_services_are_chosen_by_their_urls():
    script = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.CACHES['default']['BACKEND'], s.SEARCH_ENGINE)"
    )
    result = run_manage(
        "shell", "--no-imports", "-c", script,
        DEBUG="1",
        DATABASE_URL="postgres://lantern@db.internal:5432/lantern",
        REDIS_URL="redis://cache.internal:6379/1",
        ELASTICSEARCH_URL="https://search.internal:9200",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql", "lantern", "django_redis.cache.RedisCache", "elasticsearch",
    ], result.stderr


class TestReaders:
    def test_booleans_are_strict(self, monkeypatch):
        for word, expected in [("1", True), ("yes", True), ("ON", True), ("0", False), ("false", False), ("off", False)]:
            monkeypatch.setenv("FLAG", word)
            assert env_bool("FLAG", default=None) is expected
        monkeypatch.setenv("FLAG", "enabled")
        with pytest.raises(ConfigError, match="FLAG"):
            env_bool("FLAG", default=False)

    def test_empty_means_unset(self, monkeypatch):
        monkeypatch.setenv("PORT", "  ")
        assert env_int("PORT", 25) == 25

    def test_numbers_below_the_minimum_are_refused(self, monkeypatch):
        monkeypatch.setenv("PORT", "-1")
        with pytest.raises(ConfigError, match="PORT must be at least 1"):
            env_int("PORT", 25, minimum=1)

    def test_lists_refuse_empty_items(self, monkeypatch):
        monkeypatch.setenv("HOSTS", "a.example.org, b.example.org")
        assert env_list("HOSTS", []) == ["a.example.org", "b.example.org"]
        monkeypatch.setenv("HOSTS", "a.example.org,,b")
        with pytest.raises(ConfigError, match="HOSTS"):
            env_list("HOSTS", [])

    def test_urls_need_a_known_scheme_and_a_host(self, monkeypatch):
        monkeypatch.setenv("SERVICE_URL", "https://")
        with pytest.raises(ConfigError, match="SERVICE_URL has no host"):
            env_url("SERVICE_URL", None, schemes=("https",))
        monkeypatch.setenv("SERVICE_URL", "https://search.internal:9200")
        assert env_url("SERVICE_URL", None, schemes=("https",)) == "https://search.internal:9200"

    def test_database_url_needs_a_database_name(self, monkeypatch):
        monkeypatch.setenv("DATABASE_URL", "postgres://user@db.internal:5432/")
        with pytest.raises(ConfigError, match="names no database"):
            env_database("DATABASE_URL", None)

    def test_secret_key_refuses_django_placeholder_and_short_keys(self, monkeypatch):
        monkeypatch.setenv("SECRET_KEY", "django-insecure-" + "x1y2z3" * 10)
        with pytest.raises(ConfigError, match="SECRET_KEY"):
            env_secret_key("SECRET_KEY", required=True)
        monkeypatch.delenv("SECRET_KEY")
        assert env_secret_key("SECRET_KEY", required=False) is None


def test_the_configured_cache_stores_and_returns_values():
    """On SQLite legs this is the local-memory cache; with REDIS_URL set it is a real Redis."""
    from django.core.cache import cache

    cache.set("lantern-test-key", {"agency": "Example"}, timeout=30)
    assert cache.get("lantern-test-key") == {"agency": "Example"}
    cache.delete("lantern-test-key")
    assert cache.get("lantern-test-key") is None
