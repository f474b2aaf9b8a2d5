"""WSGI entry point. Serve from the checkout: gunicorn --pythonpath site config.wsgi"""

import os
import sys

from django.core.wsgi import get_wsgi_application

from config.env import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

try:
    application = get_wsgi_application()
except ConfigError as error:
    sys.exit(f"Configuration error: {error}")
