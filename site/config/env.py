"""Typed readers for the environment.

Each reader takes the variable's name, returns a parsed value or the default, and raises
ConfigError with a one-line message that names the variable when the value is malformed.
Values that may hold secrets (URLs with passwords, keys) are never echoed in the message.
"""

import base64
import binascii
import hashlib
import importlib.util
import os
from urllib.parse import urlsplit

import dj_database_url


class ConfigError(Exception):
    """A setting read from the environment is missing or malformed."""


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def _raw(name):
    value = os.environ.get(name, "").strip()
    return value or None


def env_str(name, default=None):
    value = _raw(name)
    return default if value is None else value


def env_bool(name, default):
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise ConfigError(f"{name} must be one of 1/0, true/false, yes/no, on/off, not {value!r}")


def env_int(name, default, *, minimum=0):
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {number}")
    return number


def env_list(name, default):
    value = _raw(name)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise ConfigError(f"{name} must be a comma-separated list without empty items")
    return items


def env_choice(name, default, choices):
    value = env_str(name, default)
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_dotted_path(name, default):
    """A dotted path to a class (module.Class) whose module can be found, e.g. a backend."""
    value = env_str(name, default)
    module, _, attribute = value.rpartition(".")
    try:
        found = bool(module and attribute) and importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ConfigError(f"{name} must be the dotted path of a class in an installed module, not {value!r}")
    return value


def env_url(name, default, *, schemes):
    """A URL with one of `schemes` and a host; the value is not echoed (it may hold a password)."""
    value = env_str(name, default)
    if value is None:
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigError(f"{name} is not a valid URL") from None
    if parts.scheme not in schemes:
        raise ConfigError(f"{name} must start with {' or '.join(s + '://' for s in schemes)}")
    if not parts.hostname:
        raise ConfigError(f"{name} has no host name")
    return value


def env_database(name, default):
    """A Django DATABASES entry from a database URL (sqlite:///path or postgres://user@host:port/name)."""
    value = env_str(name, default)
    scheme = value.partition("://")[0]
    if scheme not in ("sqlite", "postgres", "postgresql", "pgsql"):
        raise ConfigError(f"{name} must start with sqlite:/// or postgres://, e.g. postgres://user@127.0.0.1:5432/lantern")
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except ValueError:
        raise ConfigError(f"{name} is not a valid database URL") from None
    if not config.get("NAME"):
        raise ConfigError(f"{name} names no database (add /name or a SQLite file path)")
    if scheme != "sqlite" and not config.get("HOST"):
        raise ConfigError(f"{name} has no host name")
    return config


def env_secret_key(name, *, required):
    """The secret key: required in production, at least 50 characters, not Django's insecure placeholder."""
    value = _raw(name)
    if value is None:
        if required:
            raise ConfigError(f"{name} is required when DEBUG is off (generate one: python -c \"import secrets; print(secrets.token_urlsafe(50))\")")
        return None
    if len(value) < 50 or len(set(value)) < 5 or value.startswith("django-insecure-"):
        raise ConfigError(f"{name} must be at least 50 random characters")
    return value


def env_fernet_key(name, *, required, development_seed):
    """An encryption key for cryptography's Fernet (32 bytes, url-safe base64); in development, derived from a seed."""
    value = _raw(name)
    if value is None:
        if required:
            raise ConfigError(f"{name} is required when DEBUG is off (generate one: python -c \"from cryptography.fernet "
                              "import Fernet; print(Fernet.generate_key().decode())\")")
        return base64.urlsafe_b64encode(hashlib.sha256(f"{name}:{development_seed}".encode()).digest()).decode()
    try:
        if len(base64.urlsafe_b64decode(value.encode())) == 32:
            return value
    except (binascii.Error, ValueError):
        pass
    raise ConfigError(f"{name} must be a Fernet key: 32 bytes in url-safe base64")
