from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from reviews.tasks import contacts_erase


class Command(BaseCommand):
    help = ("Erases the kept contacts of reviewers whose time is up (30 days after the decision, never past 90 days) "
            "and those of codes that expired unused, through the task interface. Run it daily from cron or Celery beat.")

    def handle(self, *args, **options):
        result = contacts_erase.enqueue()
        if result.status == TaskResultStatus.FAILED:
            raise CommandError("Erasing the contacts failed: " + result.errors[-1].traceback.strip().splitlines()[-1])
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.stdout.write(self.style.SUCCESS(f"{result.return_value} kept contacts erased."))
        else:
            self.stdout.write(f"Enqueued ({str(result.status.label).lower()}); a worker will erase them.")
