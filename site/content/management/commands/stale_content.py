"""`manage.py stale_content`: the live rights guides and provider pages past their review date, for operators; with
--remind, the editors are e-mailed about those they have not been reminded of yet (daily from cron)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from content.selectors import stale_pages
from content.services import FAILED, NOTHING, QUEUED, SENT, stale_reminders_send


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = ("Lists the live rights guides and provider pages past their review date, the longest overdue first: due "
            "date, days overdue, language, title and address in the admin. With --remind, e-mails the editors (through "
            "the task interface) about each one they have not been reminded of since it fell due.")

    def add_arguments(self, parser):
        parser.add_argument("--remind", action="store_true",
                            help="E-mail the Editors and each page's owner about the pages not reminded of yet.")

    def handle(self, *args, remind, **options):
        today = timezone.localdate()
        pages = stale_pages(today=today)
        if not pages:
            self.stdout.write(self.style.SUCCESS(f"Nothing is due for review on {today}."))
            return
        self.stdout.write(f"Due for review on {today}, the longest overdue first:")
        for page in pages:
            overdue = _plural((today - page.review_due_on).days, "day")
            self.stdout.write(f"  due {page.review_due_on}  {overdue} overdue  {page.locale.language_code}  "
                              f"{' '.join(page.title.split())}  {page.admin_edit_url()}")  # one line each
        summary = f"{_plural(len(pages), 'page')} due for review"
        if not remind:
            self.stdout.write(f"{summary}; --remind e-mails the editors about them.")
            return
        counts = stale_reminders_send(today=today, progress=self.progress)
        reminded = len(pages) - sum(counts.values())
        summary += (f"; reminders: {counts[SENT]} sent, {counts[FAILED]} failed (tried again at the next run), "
                    f"{counts[QUEUED]} queued for a worker, {counts[NOTHING]} with no one to e-mail, "
                    f"{reminded} reminded already.")
        if counts[FAILED]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def progress(self, count):
        self.stdout.write(f"  {_plural(count, 'reminder')} enqueued ...")
