#!/usr/bin/env python
"""Lantern's command line. site/ is a source root, not a package (the standard library owns `site`), so it goes on sys.path."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from config.env import ConfigError
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as error:
        sys.exit(f"Configuration error: {error}")


if __name__ == "__main__":
    main()
