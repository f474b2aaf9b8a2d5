"""Background work of Lantern's content, through the task interface (in process by default, a worker at scale)."""

import datetime

from django_tasks import task


@task()
def stale_reminder_send(*, page_id, today):
    """E-mails the editors that a page is past its review date (content.services.stale_reminder_send_one); `today`
    is an ISO date, the day the reminder is for."""
    from content.services import stale_reminder_send_one  # the services enqueue this task

    return stale_reminder_send_one(page_id=page_id, today=datetime.date.fromisoformat(today))
