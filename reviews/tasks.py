"""Background work of reviews, through the task interface: sending codes and notifications, erasing contacts whose
time is up."""

import json

from django_tasks import task

from reviews import contacts, messaging


@task()
def message_send(*, channel, sealed, language):
    """Sends a one-time code; `sealed` is the encrypted {"to", "code"}, so the broker never holds them in clear."""
    payload = json.loads(contacts.contact_decrypt(sealed))
    messaging.code_send(channel=channel, to=payload["to"], code=payload["code"], language=language)


@task()
def contacts_erase():
    from reviews.services import contacts_erase_expired

    return contacts_erase_expired()


@task()
def notification_send(*, notification_id):
    """Sends one notification; only its id travels, the contact stays encrypted on the reviewer."""
    from reviews.notifications import notification_send_one

    return notification_send_one(notification_id=notification_id)


@task()
def notifications_retry():
    """Sends the notifications whose next try has come; run every few minutes (send_notifications, or Celery beat)."""
    from reviews.notifications import notifications_send_due

    return notifications_send_due()
