"""Telling a reviewer who asked to be told what became of their review: queued with the decision, sent after it.

A moderation service queues a notification inside its own transaction; once that commits, the task interface sends it
(in process by default, by a worker at scale). The task's arguments hold only the notification's id: the contact stays
encrypted on the reviewer and is decrypted only to send. A send that fails is tried again later, less and less often
(`send_notifications`, from cron or a periodic task), until it goes or its tries run out; errors kept or logged never
hold the contact. A contact erased in the meantime is never used: the notification is given up.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from moderation.models import Reason
from reviews import contacts, messaging
from reviews.messaging import APPEAL_OVERTURNED, APPEAL_UPHELD, SmsError
from reviews.models import Notification
from reviews.tasks import notification_send  # its task imports this module only when it runs

logger = logging.getLogger(__name__)

# How long to wait after each failed try; after the last try the notification is given up.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12))
MAX_ATTEMPTS = len(BACKOFF) + 1
SENT, RETRY, GIVEN_UP = "sent", "retry", "given up"  # what one send step did
REASONS = {  # the reasons an event may carry (the others carry none): a moderation Reason code, or an appeal's outcome
    Notification.Event.REJECTED: Reason.values, Notification.Event.EDIT_ASKED: Reason.values,
    Notification.Event.APPEAL_DECIDED: (APPEAL_UPHELD, APPEAL_OVERTURNED),
}


def notification_queue(*, review, event, reason=""):
    """Queues a notification to the review's reviewer if they asked for one (their contact is kept); returns it or None.

    Call it inside the transaction of the decision: the notification is written with it, and sent once it commits.
    `reason` is the moderation Reason code for "rejected" and "edit_asked", APPEAL_UPHELD or APPEAL_OVERTURNED for
    "appeal", and empty otherwise.
    """
    reasons = REASONS.get(event)
    if event not in Notification.Event.values or reasons is not None and reason not in reasons:
        raise ValueError(f"No notification for the event {event!r} with the reason {reason!r}")
    reviewer = review.reviewer
    if not reviewer.contact_kept():
        return None
    languages = dict(settings.LANGUAGES)
    notification = Notification.objects.create(
        reviewer=reviewer, review=review, event=event, reason=reason if reasons else "",
        language=review.language if review.language in languages else settings.LANGUAGE_CODE,
    )
    # If the enqueue itself fails (a broker away), the notification waits for send_notifications.
    transaction.on_commit(lambda: notification_send.enqueue(notification_id=notification.pk), robust=True)
    return notification


def notifications_send_due(*, now=None):
    """Sends every waiting notification whose time has come; returns {"sent", "retry", "given up"} counts."""
    now = now or timezone.now()
    counts = {SENT: 0, RETRY: 0, GIVEN_UP: 0}
    due = Notification.objects.filter(state=Notification.State.WAITING, next_try_at__lte=now).order_by("next_try_at")
    for notification_id in due.values_list("pk", flat=True):
        outcome = notification_send_one(notification_id=notification_id, now=now)
        if outcome:
            counts[outcome] += 1
    return counts


def _failed(notification, now, error):
    notification.attempts += 1
    notification.last_error = error[:200]
    if notification.attempts >= MAX_ATTEMPTS:
        notification.state = Notification.State.FAILED
    else:
        notification.next_try_at = now + BACKOFF[notification.attempts - 1]
    notification.save(update_fields=["attempts", "last_error", "state", "next_try_at"])
    logger.warning("Notification %s not sent (try %s of %s): %s", notification.pk, notification.attempts, MAX_ATTEMPTS,
                   notification.last_error)
    return GIVEN_UP if notification.state == Notification.State.FAILED else RETRY


def _give_up(notification, error):
    notification.state, notification.last_error = Notification.State.FAILED, error
    notification.save(update_fields=["state", "last_error"])
    logger.info("Notification %s given up: %s", notification.pk, error)
    return GIVEN_UP


def _error_text(error):
    """Why a send failed, without the contact: an SMTP error's text may quote the address, so only its kind and code."""
    if isinstance(error, SmsError):
        return str(error)
    code = getattr(error, "smtp_code", None) or getattr(error, "errno", None)
    return f"E-mail not sent: {type(error).__name__}" + (f" {code}" if code else "")


@transaction.atomic
def notification_send_one(*, notification_id, now=None):
    """Sends one waiting, due notification, holding its row so that no other worker sends it too.

    Returns SENT, RETRY or GIVEN_UP, or None when there was nothing to do (sent already, not due yet, or another
    worker has it).
    """
    now = now or timezone.now()
    notification = (
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("reviewer", "review__agency")
        .filter(pk=notification_id, state=Notification.State.WAITING, next_try_at__lte=now)
        .first()
    )
    if notification is None:
        return None
    if not notification.reviewer.contact_kept(now):
        return _give_up(notification, "contact erased")
    if notification.review is None:
        return _give_up(notification, "review erased")
    to = contacts.contact_decrypt(notification.reviewer.contact_encrypted)
    if to is None:
        return _give_up(notification, "contact cannot be decrypted (was the key changed?)")
    subject, text = messaging.notification_text(
        event=notification.event, reason=notification.reason, agency_name=notification.review.agency.name,
        language=notification.language,
    )
    try:
        messaging.contact_send(channel=notification.reviewer.channel, to=to, subject=subject, text=text)
    except (SmsError, OSError) as error:
        return _failed(notification, now, _error_text(error))
    notification.state, notification.sent_at, notification.attempts = Notification.State.SENT, now, notification.attempts + 1
    notification.save(update_fields=["state", "sent_at", "attempts"])
    return SENT
