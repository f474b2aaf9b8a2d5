"""Writes to Lantern's content that the editors' forms do not make: verification by the fact-check workflow, the
marks a translation carries, and the reminders that a page is due for another check."""

import logging

from babel.dates import format_date
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus

from config.locales import babel_locale

logger = logging.getLogger(__name__)

# Wagtail imports WAGTAIL_FINISH_WORKFLOW_ACTION while it defines its own models, before any app's models can be
# imported: this module reaches Lantern's models inside its functions only.


def _verifier_name(user):
    return (user.get_full_name() or user.get_username())[:150] if user else ""


@transaction.atomic
def fact_check_finish(workflow_state, user=None):
    """Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION: the last approval publishes the latest revision. For a fact-checked
    page, the approver and the day are written into that revision first, so that the published page and every later
    draft carry them. Publishing is the workflow's to do: editors and fact-checkers have no "publish" permission of
    their own, so no page goes live without a fact-check."""
    from content.models.checked import FactCheckedPage, review_due

    revision = workflow_state.content_object.get_latest_revision()
    page = revision.as_object()
    if isinstance(page, FactCheckedPage):
        today = timezone.localdate()
        revision.content.update({
            "last_verified_on": today.isoformat(),
            "last_verified_by": user.pk if user else None,
            "last_verified_by_name": _verifier_name(user),
            "review_due_on": review_due(today, page.review_interval_days).isoformat(),
            "reminded_on": None,
        })
        revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True)


def translation_mark(sender, source_obj, target_obj, **kwargs):
    """A receiver of Wagtail's copy_for_translation_done: the new translation records its source language and day,
    and starts unverified: it is fact-checked on its own before it goes live."""
    from content.models.checked import FactCheckedPage

    target = target_obj.specific if hasattr(target_obj, "specific") else target_obj
    if not isinstance(target, FactCheckedPage):
        return
    fields = {
        "translated_on": timezone.localdate(), "translated_from": source_obj.locale.language_code,
        "last_verified_on": None, "last_verified_by": None, "last_verified_by_name": "", "review_due_on": None,
        "reminded_on": None,
    }
    type(target).objects.filter(pk=target.pk).update(**fields)
    revision = target.get_latest_revision()
    if revision is not None:
        revision.content.update({key: value.isoformat() if hasattr(value, "isoformat") else value
                                 for key, value in fields.items()})
        revision.save(update_fields=["content"])


# --- Reminders that a page is due for another check ----------------------------------------------------------------
# A reminder is recorded (reminded_on) only once its e-mails went; one that failed is tried again at the next run
# (`manage.py stale_content --remind`, daily from cron). A page checked again has a new review date, and so is
# reminded again once that date has passed too.

SENT, FAILED, QUEUED, NOTHING = "sent", "failed", "queued", "nothing to do"  # what became of one reminder
REMINDER_GROUP = "Editors"
PROGRESS_EVERY = 100  # reminders


def stale_reminders_send(*, today, progress=None):
    """Enqueues through the task interface a reminder for each stale page (content.selectors.stale_pages) that has had
    none since it fell due; returns the count of each outcome: SENT, FAILED, NOTHING when the task ran in process,
    QUEUED when a worker will run it. `progress(count)` is called every PROGRESS_EVERY pages."""
    from content.selectors import stale_pages
    from content.tasks import stale_reminder_send

    counts = dict.fromkeys((SENT, FAILED, QUEUED, NOTHING), 0)
    due = [page for page in stale_pages(today=today) if not page.is_reminded()]
    for count, page in enumerate(due, start=1):
        result = stale_reminder_send.enqueue(page_id=page.pk, today=today.isoformat())
        if result.status == TaskResultStatus.SUCCESSFUL:
            counts[result.return_value] += 1
        else:
            counts[FAILED if result.status == TaskResultStatus.FAILED else QUEUED] += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    return counts


def _reminder_recipients(page):
    """The active members of Editors with an e-mail address, and the page's owner if they have one; each address once."""
    people = get_user_model().objects.filter(is_active=True).exclude(email="").filter(
        Q(groups__name=REMINDER_GROUP) | Q(pk=page.owner_id)).select_related("wagtail_userprofile").distinct()
    by_address = {}
    for person in people.order_by("pk"):
        by_address.setdefault(person.email.casefold(), person)
    return list(by_address.values())


def _admin_language(person):
    profile = getattr(person, "wagtail_userprofile", None)
    return (profile.preferred_language if profile else "") or settings.LANGUAGE_CODE


def _reminder_message(page, person, connection):
    """The reminder in plain text, in the language `person` chose for the admin."""
    language = _admin_language(person)
    with translation.override(language):
        locale = babel_locale(language)
        values = {
            "title": " ".join(page.title.split()),  # never a line break in a header
            "language": page.locale.get_display_name(),
            "due": format_date(page.review_due_on, format="long", locale=locale),
            "url": page.admin_edit_url(),
        }
        subject = _("Due for another fact-check: %(title)s") % values
        lines = [_("“%(title)s” (%(language)s) was due for another fact-check on %(due)s. Readers are now told that "
                   "some details may have changed.") % values]
        if page.last_verified_on and page.last_verified_by_name:
            lines.append(_("It was last verified on %(verified)s by %(name)s.") % {
                "verified": format_date(page.last_verified_on, format="long", locale=locale),
                "name": page.last_verified_by_name})
        lines.append(_("Check it against its sources, update it, and submit it for fact-checking:") + "\n" + values["url"])
    return EmailMessage(subject, "\n\n".join(lines) + "\n", to=[person.email], connection=connection)


@transaction.atomic
def stale_reminder_send_one(*, page_id, today):
    """E-mails the reminder that a live page is past its review date to the Editors and the page's owner, each in
    their admin language, and records the day (reminded_on). Holds the page's row, so that two workers never send it
    twice. Returns SENT, FAILED (nothing recorded: the next run tries again), or NOTHING when the page is no longer
    due (checked again, reminded already, taken down) or no one has an e-mail address."""
    from wagtail.models import Page

    from content.models.checked import FactCheckedPage

    model = getattr(Page.objects.filter(pk=page_id).first(), "specific_class", None)
    page = None
    if model is not None and issubclass(model, FactCheckedPage):
        page = model.objects.live().filter(pk=page_id, review_due_on__lt=today).select_for_update(
            skip_locked=True, of=("self",)).select_related("locale").first()
    recipients = _reminder_recipients(page) if page is not None and not page.is_reminded() else []
    if not recipients:
        return NOTHING
    connection = get_connection()
    try:
        connection.send_messages([_reminder_message(page, person, connection) for person in recipients])
    except OSError as error:  # smtplib's errors too; their text may quote an address, so only the kind is logged
        logger.warning("Reminder for page %s not sent (%s); it is tried again at the next run.", page_id,
                       type(error).__name__)
        return FAILED
    model.objects.filter(pk=page_id).update(reminded_on=today)
    return SENT
