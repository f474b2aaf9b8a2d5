"""Background work of reviews, through the task interface: sending codes, erasing contacts whose time is up."""

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
