"""The layout DESIGN.md draws, and the rules that keep its parts apart."""

import ast
import subprocess
import sys

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.support import ROOT


def test_the_apps_are_registered():
    for label in ("content", "agencies", "reviews", "remittance", "moderation", "search"):
        assert apps.is_installed(label)


def test_the_scrapers_never_import_django():
    sources = list((ROOT / "scrapers").rglob("*.py"))
    assert sources
    for source in sources:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] in {"django", "wagtail", "config"} for name in names), source


def test_scrapy_loads_the_project_settings(monkeypatch):
    from scrapy.utils.project import get_project_settings

    monkeypatch.chdir(ROOT)
    settings = get_project_settings()
    assert settings.get("BOT_NAME") == "lantern"
    assert settings.getbool("ROBOTSTXT_OBEY")


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_code_has_no_unused_imports_undefined_names_or_likely_bugs():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
