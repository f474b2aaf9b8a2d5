from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from reviews.notifications import GIVEN_UP, RETRY, SENT
from reviews.tasks import notifications_retry


class Command(BaseCommand):
    help = ("Sends, through the task interface, the notifications to reviewers whose next try has come (those that "
            "failed before, or whose task was lost). Run it every few minutes from cron or Celery beat.")

    def handle(self, *args, **options):
        result = notifications_retry.enqueue()
        if result.status == TaskResultStatus.FAILED:
            raise CommandError("Sending the notifications failed: " + result.errors[-1].traceback.strip().splitlines()[-1])
        if result.status != TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Enqueued ({str(result.status.label).lower()}); a worker will send them.")
            return
        counts = result.return_value
        summary = (f"{counts[SENT]} notifications sent, {counts[RETRY]} failed and will be tried again, "
                   f"{counts[GIVEN_UP]} given up.")
        self.stdout.write(self.style.WARNING(summary) if counts[RETRY] or counts[GIVEN_UP] else self.style.SUCCESS(summary))
