"""Notifications to reviewers who asked to be told: through the moderators' decisions, a real loopback SMS gateway and
Django's test outbox; retries, giving up, and the contact kept out of errors, logs and task arguments."""

import json
import logging
import re
import socket
import socketserver
import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks.signals import task_enqueued

from agencies.models import Agency
from moderation.models import Reason
from reviews import contacts
from reviews.models import Notification, Reviewer
from reviews.notifications import BACKOFF, GIVEN_UP, MAX_ATTEMPTS, RETRY, SENT, notification_queue, notifications_send_due
from reviews.services import (
    ReviewError,
    appeal_by_reviewer,
    appeal_decide,
    code_request,
    code_verify,
    contacts_erase_expired,
    reply_decide,
    reply_submit,
    review_decide,
    review_edit_ask,
    review_erase,
    review_submit,
)
from reviews.tasks import notification_send
from tests.reviews.steps import EMAIL, PHONE, PHONE_SPELLINGS, code_from_mail

pytestmark = pytest.mark.django_db
NUMBER = "+639182345678"
ADDRESS = "Worker.Name@example.org"
REVIEW_TEXT = "The agency kept my passport for two years."
Event, State = Notification.Event, Notification.State


@pytest.fixture
def decisions(django_capture_on_commit_callbacks):
    """Runs what the decisions leave for after their commit (the sends), as a real commit would."""
    def committed():
        return django_capture_on_commit_callbacks(execute=True)
    return committed


def sms_texts(gateway):
    return [json.loads(request.body)["text"] for request in gateway.requests]


def notices(gateway):
    """The texts the gateway received other than one-time codes."""
    return [text for text in sms_texts(gateway) if "code is" not in text]


def opted_in(contact=PHONE, gateway=None):
    """A reviewer who proved the contact and asked to be told about their review."""
    token = code_request(contact=contacts.contact_canonical(contact), notify=True, language="en")
    code = code_from_mail() if "@" in contact else re.search(r"code is (\d{6})", sms_texts(gateway)[-1]).group(1)
    reviewer = code_verify(token=token, code=code)
    assert reviewer.contact_encrypted
    return reviewer


def not_opted_in(contact=PHONE, gateway=None):
    token = code_request(contact=contacts.contact_canonical(contact), notify=False, language="en")
    reviewer = code_verify(token=token, code=re.search(r"code is (\d{6})", sms_texts(gateway)[-1]).group(1))
    assert not reviewer.contact_encrypted
    return reviewer


def submitted(reviewer, agency, language="en"):
    fields = {"rating": 2, "title": "They kept my passport", "text": REVIEW_TEXT, "deployment_year": 2022,
              "destination": "SG", "sector": "care", "language": language}
    return review_submit(reviewer=reviewer, agency=agency, data=fields)[0]


def waiting_after_a_failed_send(gateway, listed_agency, moderator_user, decisions):
    """An opted-in reviewer's review is published while the gateway answers 500."""
    review = submitted(opted_in(gateway=gateway), listed_agency)
    gateway.fail("/v1/messages", 500, method="POST")
    with decisions():
        review_decide(review=review, moderator=moderator_user, publish=True)
    return Notification.objects.get()


def the_gateway_takes_messages_again(gateway):
    gateway.add("/v1/messages", b'{"status": "queued"}', method="POST", status=202, content_type="application/json")


# --- What the reviewer is told ------------------------------------------------------------------------------------

def test_a_rejection_is_told_by_sms_in_the_reviews_language_with_the_reason(gateway, listed_agency, moderator_user,
                                                                            decisions, settings):
    settings.BASE_URL = "https://lantern.example.org"
    review = submitted(opted_in(gateway=gateway), listed_agency, language="id")
    with decisions():
        review_decide(review=review, moderator=moderator_user, publish=False, reason=Reason.ABUSIVE)
    [text] = notices(gateway)
    assert listed_agency.name in text
    assert "Kasar atau penuh kebencian" in text, "the reason's label, in Indonesian"
    assert "https://lantern.example.org/id/reviews/mine/" in text
    assert REVIEW_TEXT not in text and "They kept my passport" not in text
    assert json.loads(gateway.requests[-1].body)["to"] == NUMBER
    notification = Notification.objects.get()
    assert (notification.event, notification.reason, notification.language, notification.state, notification.attempts) == (
        Event.REJECTED, Reason.ABUSIVE, "id", State.SENT, 1)
    assert notification.sent_at is not None


def test_a_publication_is_told_by_e_mail_in_english_when_the_review_is_in_another_language(listed_agency, moderator_user,
                                                                                         decisions):
    review = submitted(opted_in(EMAIL), listed_agency, language="und")
    with decisions():
        review_decide(review=review, moderator=moderator_user, publish=True)
    message = mail.outbox[-1]
    assert message.to == [ADDRESS]
    assert "is published" in message.body and "/en/reviews/mine/" in message.body and listed_agency.name in message.body
    assert REVIEW_TEXT not in message.body and "code" not in message.body
    assert Notification.objects.get().state == State.SENT


def test_the_agencys_reply_is_told_once_it_is_published(gateway, listed_agency, moderator_user, representative, decisions):
    review = submitted(opted_in(gateway=gateway), listed_agency)
    with decisions():
        review = review_decide(review=review, moderator=moderator_user, publish=True)
        reply_decide(reply=reply_submit(user=representative, review=review, text="We are sorry."), moderator=moderator_user,
                     publish=False, reason=Reason.ABUSIVE)
    assert len(notices(gateway)) == 1, "a rejected reply is nothing to tell"
    with decisions():
        reply_decide(reply=reply_submit(user=representative, review=review, text="We returned it."),
                     moderator=moderator_user, publish=True)
    assert f"{listed_agency.name} replied to your review" in notices(gateway)[-1]
    assert "We returned it" not in notices(gateway)[-1]
    assert list(Notification.objects.order_by("pk").values_list("event", flat=True)) == [Event.PUBLISHED, Event.REPLIED]


def test_an_edit_asked_is_told_with_why(gateway, listed_agency, moderator_user, decisions):
    review = submitted(opted_in(gateway=gateway), listed_agency, language="fil")
    with decisions():
        review_edit_ask(review=review, moderator=moderator_user, reason=Reason.PERSONAL_DATA)
    [text] = notices(gateway)
    # In the reviewer's language (Filipino), with the reason and where to edit.
    assert "hinihiling ng moderator na baguhin" in text and "asks you to edit" not in text
    assert "Personal na impormasyon" in text and "/fil/reviews/mine/" in text


def test_no_edit_is_asked_of_a_reviewer_whose_contact_time_is_up_but_not_yet_erased(gateway, listed_agency,
                                                                                    moderator_user, decisions):
    """Before the daily erase_contacts runs, an expired contact still sits on the reviewer: the edit is refused (the
    moderator publishes, hides or rejects instead), not left waiting for a reviewer who is never told."""
    reviewer = opted_in(gateway=gateway)
    review = submitted(reviewer, listed_agency)
    Reviewer.objects.filter(pk=reviewer.pk).update(contact_kept_until=timezone.now() - timedelta(seconds=1))
    with decisions(), pytest.raises(ReviewError):
        review_edit_ask(review=review, moderator=moderator_user, reason=Reason.PERSONAL_DATA)
    review.refresh_from_db()
    assert review.status == "pending" and not Notification.objects.exists() and notices(gateway) == []


def test_the_decision_on_the_reviewers_appeal_is_told(gateway, listed_agency, moderator_user, decisions):
    reviewer = opted_in(gateway=gateway)
    with decisions():
        review = review_decide(review=submitted(reviewer, listed_agency), moderator=moderator_user, publish=False,
                               reason=Reason.FALSE)
        appeal_by_reviewer(reviewer=reviewer, review=review, text="It is all true; I have the receipts.")
        other = User.objects.create_user("moderator-two")
        other.groups.add(Group.objects.get(name="Moderators"))
        appeal_decide(item=review, moderator=other, overturn=True)
    rejected, appeal = notices(gateway)
    assert "Why: False or misleading." in rejected
    assert "your appeal about your review" in appeal and "the decision was changed" in appeal
    assert Notification.objects.order_by("pk").last().reason == "overturned"


@pytest.mark.parametrize(("event", "reason", "says"), [
    (Event.PUBLISHED, "", "is published"),
    (Event.REJECTED, Reason.PERSONAL_DATA, "was not published. Why: Personal data."),
    (Event.EDIT_ASKED, Reason.FALSE, "asks you to edit your review of A"),
    (Event.REPLIED, "", "replied to your review"),
    (Event.APPEAL_DECIDED, "upheld", "the decision stays"),
    (Event.APPEAL_DECIDED, "overturned", "the decision was changed"),
])
def test_each_event_has_a_short_text_naming_the_agency_why_and_where(gateway, listed_agency, decisions, event, reason,
                                                                    says, settings):
    settings.BASE_URL = "https://lantern.example.org/"
    Agency.objects.filter(pk=listed_agency.pk).update(name="A" * 300)
    review = submitted(opted_in(gateway=gateway), Agency.objects.get(pk=listed_agency.pk))
    with decisions(), transaction.atomic():
        notification_queue(review=review, event=event, reason=reason)
    [text] = notices(gateway)
    assert says in text and "A" * 57 + "..." in text and "A" * 58 not in text
    assert text.endswith("https://lantern.example.org/en/reviews/mine/")
    assert len(text) <= 2 * 153, "two SMS at most"


@pytest.mark.parametrize(("event", "reason"), [("deleted", ""), (Event.REJECTED, ""), (Event.REJECTED, "rude"),
                                               (Event.APPEAL_DECIDED, ""), (Event.APPEAL_DECIDED, Reason.SPAM)])
def test_an_event_or_reason_that_has_no_text_is_refused_at_once(gateway, listed_agency, event, reason):
    review = submitted(opted_in(gateway=gateway), listed_agency)
    with pytest.raises(ValueError, match="No notification"):
        notification_queue(review=review, event=event, reason=reason)
    assert not Notification.objects.exists()


# --- Who is not told ----------------------------------------------------------------------------------------------

def test_a_reviewer_who_did_not_opt_in_is_told_nothing(gateway, listed_agency, moderator_user, decisions):
    review = submitted(not_opted_in(gateway=gateway), listed_agency)
    with decisions():
        review_decide(review=review, moderator=moderator_user, publish=False, reason=Reason.SPAM)
    assert notices(gateway) == [] and not Notification.objects.exists()


def test_a_reviewer_whose_contact_was_erased_is_told_nothing(gateway, listed_agency, moderator_user, decisions):
    reviewer = opted_in(gateway=gateway)
    review = submitted(reviewer, listed_agency)
    Reviewer.objects.filter(pk=reviewer.pk).update(contact_kept_until=timezone.now() - timedelta(seconds=1))
    with decisions():
        review_decide(review=review, moderator=moderator_user, publish=True)
    assert notices(gateway) == [] and not Notification.objects.exists(), "a contact past its time is not used"
    assert contacts_erase_expired() == 1
    with decisions():
        review_decide(review=submitted(Reviewer.objects.get(), listed_agency), moderator=moderator_user, publish=True)
    assert notices(gateway) == [] and not Notification.objects.exists()


def test_a_contact_erased_while_the_notification_waits_is_never_used(gateway, listed_agency, moderator_user, decisions):
    notification = waiting_after_a_failed_send(gateway, listed_agency, moderator_user, decisions)
    the_gateway_takes_messages_again(gateway)
    Reviewer.objects.update(contact_kept_until=timezone.now() - timedelta(seconds=1))
    contacts_erase_expired()
    assert notifications_send_due(now=notification.next_try_at) == {SENT: 0, RETRY: 0, GIVEN_UP: 1}
    notification.refresh_from_db()
    assert (notification.state, notification.last_error, notification.sent_at) == (State.FAILED, "contact erased", None)
    assert len(notices(gateway)) == 1, "only the failed first try reached the gateway"


def test_a_review_erased_while_the_notification_waits_is_not_told(gateway, listed_agency, moderator_user, decisions):
    notification = waiting_after_a_failed_send(gateway, listed_agency, moderator_user, decisions)
    the_gateway_takes_messages_again(gateway)
    review_erase(reviewer=Reviewer.objects.get(), review=notification.review)
    notifications_send_due(now=notification.next_try_at)
    notification.refresh_from_db()
    assert (notification.state, notification.last_error) == (State.FAILED, "review erased")
    assert len(notices(gateway)) == 1


# --- Failures and retries -----------------------------------------------------------------------------------------

def test_a_gateway_failure_leaves_it_waiting_and_a_later_run_sends_it(gateway, listed_agency, moderator_user, decisions,
                                                                      caplog, capsys):
    caplog.set_level(logging.DEBUG)
    before = timezone.now()
    notification = waiting_after_a_failed_send(gateway, listed_agency, moderator_user, decisions)
    assert (notification.state, notification.attempts, notification.last_error) == (
        State.WAITING, 1, "The SMS gateway answered 500")
    assert before + BACKOFF[0] <= notification.next_try_at <= timezone.now() + BACKOFF[0]
    the_gateway_takes_messages_again(gateway)
    notification_send.enqueue(notification_id=notification.pk)
    assert notifications_send_due(now=notification.next_try_at - timedelta(seconds=1)) == {SENT: 0, RETRY: 0, GIVEN_UP: 0}
    assert len(notices(gateway)) == 1, "not tried before its time"
    assert notifications_send_due(now=notification.next_try_at) == {SENT: 1, RETRY: 0, GIVEN_UP: 0}
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.SENT, 2)
    assert "is published" in notices(gateway)[-1]
    kept = [str(value) for value in Notification.objects.values().get().values()]
    printed = capsys.readouterr()
    for spelling in PHONE_SPELLINGS:
        assert spelling not in caplog.text + printed.out + printed.err and not any(spelling in value for value in kept)
    assert f"Notification {notification.pk} not sent" in caplog.text, "the failure is logged, without the number"


def test_it_is_tried_less_and_less_often_then_given_up(gateway, listed_agency, moderator_user, decisions):
    notification = waiting_after_a_failed_send(gateway, listed_agency, moderator_user, decisions)
    waits = []
    for _try in range(MAX_ATTEMPTS - 2):
        last_try = notification.next_try_at
        assert notifications_send_due(now=last_try) == {SENT: 0, RETRY: 1, GIVEN_UP: 0}
        notification.refresh_from_db()
        waits.append(notification.next_try_at - last_try)
    assert waits == list(BACKOFF[1:])
    assert notifications_send_due(now=notification.next_try_at) == {SENT: 0, RETRY: 0, GIVEN_UP: 1}
    notification.refresh_from_db()
    assert (notification.state, notification.attempts, notification.sent_at) == (State.FAILED, MAX_ATTEMPTS, None)
    the_gateway_takes_messages_again(gateway)
    notifications_send_due(now=timezone.now() + timedelta(days=365))
    notification_send.enqueue(notification_id=notification.pk)
    assert len(notices(gateway)) == MAX_ATTEMPTS, "nothing more after giving up"


class RefusingSmtp(socketserver.StreamRequestHandler):
    """A mail server on loopback that refuses every recipient, quoting the address as real servers do."""

    def handle(self):
        self.wfile.write(b"220 localhost\r\n")
        for line in self.rfile:
            command = line.decode("ascii", "replace").strip()
            if command.upper().startswith("RCPT"):
                self.wfile.write(f"550 5.1.1 {command.partition(':')[2]}: Recipient address rejected\r\n".encode())
            elif command.upper().startswith("QUIT"):
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


@pytest.fixture
def refusing_smtp():
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), RefusingSmtp) as smtp:
        smtp.daemon_threads = True
        threading.Thread(target=smtp.serve_forever, daemon=True).start()
        yield smtp.server_address[1]
        smtp.shutdown()


@pytest.fixture
def no_smtp():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return unused.getsockname()[1]


@pytest.mark.parametrize(("mail_server", "error"), [
    ("refusing_smtp", "E-mail not sent: SMTPRecipientsRefused"), ("no_smtp", "E-mail not sent: ConnectionRefusedError")])
def test_an_e_mail_that_cannot_be_sent_waits_without_the_address_in_its_error(listed_agency, moderator_user, decisions,
                                                                              settings, caplog, request, mail_server,
                                                                              error):
    caplog.set_level(logging.DEBUG)
    review = submitted(opted_in(EMAIL), listed_agency)
    settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT = (
        "django.core.mail.backends.smtp.EmailBackend", "127.0.0.1", request.getfixturevalue(mail_server))
    with decisions():
        review_decide(review=review, moderator=moderator_user, publish=True)
    notification = Notification.objects.get()
    assert (notification.state, notification.attempts) == (State.WAITING, 1)
    assert notification.last_error.startswith(error)
    assert "worker.name" not in caplog.text.lower() and "worker.name" not in notification.last_error.lower()


def test_a_notification_is_never_sent_twice(gateway, listed_agency, moderator_user, decisions):
    review = submitted(opted_in(gateway=gateway), listed_agency)
    with decisions():
        review_decide(review=review, moderator=moderator_user, publish=True)
    notification = Notification.objects.get()
    assert notification.state == State.SENT
    notification_send.enqueue(notification_id=notification.pk)
    assert notifications_send_due(now=timezone.now() + timedelta(days=365)) == {SENT: 0, RETRY: 0, GIVEN_UP: 0}
    assert len(notices(gateway)) == 1


def test_the_task_carries_only_the_notifications_id(gateway, listed_agency, moderator_user, decisions):
    enqueued = []

    def record(sender, task_result, **kwargs):
        enqueued.append((task_result.task.name, tuple(task_result.args), task_result.kwargs))

    review = submitted(opted_in(gateway=gateway), listed_agency)
    task_enqueued.connect(record)
    try:
        with decisions():
            review_decide(review=review, moderator=moderator_user, publish=True)
    finally:
        task_enqueued.disconnect(record)
    assert enqueued == [("notification_send", (), {"notification_id": Notification.objects.get().pk})]


def test_the_command_sends_what_is_due_and_says_what_it_did(gateway, listed_agency, moderator_user, decisions):
    notification = waiting_after_a_failed_send(gateway, listed_agency, moderator_user, decisions)
    Notification.objects.update(next_try_at=timezone.now())
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert "0 notifications sent, 1 failed and will be tried again, 0 given up." in out.getvalue()
    the_gateway_takes_messages_again(gateway)
    Notification.objects.update(next_try_at=timezone.now())
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert "1 notifications sent, 0 failed and will be tried again, 0 given up." in out.getvalue()
    notification.refresh_from_db()
    assert notification.state == State.SENT
