import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Creates an administrator account if there is none, and says how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        login_url = f"{settings.BASE_URL}/admin/"
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(
                f"Administrator account exists: log in at {login_url} as '{existing.get_username()}'. "
                f"Forgotten the password? python manage.py changepassword {existing.get_username()}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Created administrator '{username}'."))
        self.stdout.write(f"Log in at {login_url} as '{username}' with password: {password}")
        self.stdout.write("The password is shown only now; change it there under Account.")
