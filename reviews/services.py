"""Writes to reviews: proving a contact, submitting, editing and erasing a review, moderators' decisions, replies.

Every decision is written to the moderation app's audit log, and every change to what is published recomputes the
agency's rating summary, in the same transaction.
"""

import json
import secrets
import statistics
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.models import AuditEntry, Reason
from moderation.services import audit_record
from reviews import contacts
from reviews.models import ContactChallenge, RatingSummary, Reply, Representative, Review, Reviewer, Status
from reviews.questions import QUESTION_FIELDS
from reviews.tasks import message_send

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=10)
CODE_ATTEMPTS = 5
CODES_PER_CONTACT_PER_HOUR = 5
CONTACT_KEPT_AT_MOST = timedelta(days=90)
APPEAL_WINDOW = timedelta(days=30)
REVIEW_FIELDS = (
    "rating", *QUESTION_FIELDS, "paid_fee", "fee_amount", "fee_currency", "fee_for", "would_recommend", "title", "text",
    "deployment_year", "destination", "hide_destination", "sector", "language",
)
PSEUDONYM_WORDS = (
    ("Bright", "Calm", "Brave", "Gentle", "Steady", "Quiet", "Swift", "Kind", "Clear", "Warm", "Bold", "Patient"),
    ("Heron", "Lotus", "River", "Banyan", "Kite", "Monsoon", "Orchid", "Harbour", "Mango", "Sparrow", "Lantern", "Reef"),
)


class ReviewError(Exception):
    """Something a visitor did cannot be done; the message is for them, in their language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def code_request(*, contact, notify, language):
    """Sends a one-time code to the contact; returns the challenge's token, which the visitor's session keeps.

    `contact` is (channel, canonical contact) from contacts.contact_canonical.
    """
    channel, canonical = contact
    digest = contacts.contact_hash(canonical)
    now = timezone.now()
    recent = ContactChallenge.objects.filter(contact_hash=digest, created_at__gte=now - timedelta(hours=1)).count()
    if recent >= CODES_PER_CONTACT_PER_HOUR:
        raise ReviewError(_("Too many codes were sent to this contact. Wait an hour, then ask again."))
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    token = secrets.token_urlsafe(32)
    ContactChallenge.objects.create(
        token=token, contact_hash=digest, channel=channel, code_hash=contacts.code_hash(code, token),
        contact_encrypted=contacts.contact_encrypt(canonical) if notify else "", expires_at=now + CODE_LIFETIME,
    )
    # The task's arguments may wait in a broker: the contact and the code travel encrypted.
    message_send.enqueue(
        channel=channel, sealed=contacts.contact_encrypt(json.dumps({"to": canonical, "code": code})), language=language,
    )
    return token


def _pseudonym():
    adjective, noun = (secrets.choice(words) for words in PSEUDONYM_WORDS)
    return f"{adjective} {noun} {secrets.randbelow(90) + 10}"


def code_verify(*, token, code):
    """The reviewer the code proves (made on first proof); ReviewError when the code is wrong, used or expired."""
    reviewer, refusal = _code_check(token=token, code=code)
    if refusal:
        # Raised outside the transaction, so that the wrong attempt it counted is kept.
        raise ReviewError(refusal)
    return reviewer


@transaction.atomic
def _code_check(*, token, code):
    """(reviewer, None), or (None, why the code is refused)."""
    challenge = ContactChallenge.objects.select_for_update().filter(token=token or "").first()
    now = timezone.now()
    if challenge is None or challenge.used_at is not None or challenge.expires_at < now:
        return None, _("This code has expired or was already used. Ask for a new one.")
    if challenge.attempts >= CODE_ATTEMPTS:
        return None, _("Too many wrong codes. Ask for a new one.")
    code = contacts.ascii_digits("".join((code or "").split()))
    if not secrets.compare_digest(contacts.code_hash(code[:20], challenge.token), challenge.code_hash):
        challenge.attempts += 1
        challenge.save(update_fields=["attempts"])
        return None, _("This code is not right. Check the message and try again.")
    challenge.used_at, kept = now, challenge.contact_encrypted
    challenge.contact_encrypted = ""
    challenge.save(update_fields=["used_at", "contact_encrypted"])
    reviewer, _created = Reviewer.objects.get_or_create(
        contact_hash=challenge.contact_hash, defaults={"channel": challenge.channel, "pseudonym": _pseudonym()},
    )
    if kept:
        reviewer.contact_encrypted, reviewer.channel = kept, challenge.channel
        reviewer.contact_kept_until = now + CONTACT_KEPT_AT_MOST
        reviewer.save(update_fields=["contact_encrypted", "channel", "contact_kept_until"])
    return reviewer, None


@transaction.atomic
def review_submit(*, reviewer, agency, data):
    """Stores the reviewer's review of the agency, or edits their earlier one; either way it waits for a moderator."""
    review = Review.objects.select_for_update().filter(agency=agency, reviewer=reviewer).first()
    was_published = review is not None and review.status == Status.PUBLISHED
    created = review is None
    review = review or Review(agency=agency, reviewer=reviewer)
    for name in REVIEW_FIELDS:
        setattr(review, name, data.get(name, getattr(review, name)))
    review.status, review.submitted_at, review.published_at, review.decided_at, review.reason = (
        Status.PENDING, timezone.now(), None, None, "",
    )
    review.full_clean(exclude=["agency", "reviewer"])
    review.save()
    audit_record(item=review, agency_id=agency.pk,
                 action=AuditEntry.Action.SUBMITTED if created else AuditEntry.Action.EDITED)
    if was_published:
        summary_recompute(agency_id=agency.pk)
    return review, created


@transaction.atomic
def review_erase(*, reviewer, review):
    """The reviewer erases their own review (and the agency's reply to it); nothing of its text is kept."""
    if review.reviewer_id != reviewer.pk:
        raise ReviewError(_("You can only erase your own review."))
    was_published = review.status == Status.PUBLISHED
    audit_record(item=review, agency_id=review.agency_id, action=AuditEntry.Action.ERASED)
    review.delete()
    if was_published:
        summary_recompute(agency_id=review.agency_id)


def _check_moderator(moderator, agency_id):
    if Representative.objects.filter(user=moderator, agency_id=agency_id).exists():
        raise ReviewError(_("You speak for this agency, so another moderator must decide."))


def _contact_done(reviewer, now):
    """After a final decision, the contact is kept only through the appeal window, and never past 90 days."""
    if reviewer.contact_encrypted and reviewer.contact_kept_until:
        reviewer.contact_kept_until = min(reviewer.contact_kept_until, now + APPEAL_WINDOW)
        reviewer.save(update_fields=["contact_kept_until"])


def _decide(item, *, moderator, publish, reason, note, agency_id):
    if item.status != Status.PENDING:
        raise ReviewError(_("This was already decided."))
    if not publish and reason not in Reason.values:
        raise ReviewError(_("Choose a reason from the list."))
    _check_moderator(moderator, agency_id)
    now = timezone.now()
    item.status = Status.PUBLISHED if publish else Status.REJECTED
    item.decided_at, item.reason = now, "" if publish else reason
    audit_record(item=item, agency_id=agency_id, actor=moderator, reason=item.reason, note=note,
                 action=AuditEntry.Action.PUBLISHED if publish else AuditEntry.Action.REJECTED)
    return now


@transaction.atomic
def review_decide(*, review, moderator, publish, reason="", note=""):
    """A moderator publishes or rejects a pending review; the agency's summary follows in the same transaction."""
    review = Review.objects.select_for_update().select_related("reviewer").get(pk=review.pk)
    now = _decide(review, moderator=moderator, publish=publish, reason=reason, note=note, agency_id=review.agency_id)
    review.published_at = now if publish else None
    review.save(update_fields=["status", "decided_at", "reason", "published_at"])
    if publish:
        summary_recompute(agency_id=review.agency_id)
    _contact_done(review.reviewer, now)
    return review


@transaction.atomic
def reply_submit(*, user, review, text):
    """A verified representative of the review's agency replies, once; a rejected reply may be written again."""
    if not Representative.objects.filter(user=user, agency_id=review.agency_id).exists():
        raise ReviewError(_("Only a verified representative of this agency can reply."))
    if review.status != Status.PUBLISHED:
        raise ReviewError(_("You can only reply to a published review."))
    reply = Reply.objects.select_for_update().filter(review=review).first()
    if reply is not None and reply.status != Status.REJECTED:
        raise ReviewError(_("This review already has a reply from the agency."))
    reply = reply or Reply(review=review, author=user)
    reply.author, reply.text, reply.status, reply.submitted_at = user, text, Status.PENDING, timezone.now()
    reply.decided_at, reply.reason = None, ""
    reply.full_clean(exclude=["review", "author"])
    reply.save()
    audit_record(item=reply, agency_id=review.agency_id, actor=user, action=AuditEntry.Action.SUBMITTED)
    return reply


@transaction.atomic
def reply_decide(*, reply, moderator, publish, reason="", note=""):
    reply = Reply.objects.select_for_update().select_related("review").get(pk=reply.pk)
    _decide(reply, moderator=moderator, publish=publish, reason=reason, note=note, agency_id=reply.review.agency_id)
    reply.save(update_fields=["status", "decided_at", "reason"])
    return reply


def _hundredths(value):
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _median(queryset, count):
    """The median of a queryset of ordered amounts, read with at most two rows."""
    middle = list(queryset[(count - 1) // 2: count // 2 + 1])
    return statistics.mean(middle) if middle else None


def summary_recompute(*, agency_id):
    """Recomputes the agency's rating summary from its published reviews (inside the caller's transaction)."""
    published = Review.objects.filter(agency_id=agency_id, status=Status.PUBLISHED)
    figures = published.aggregate(
        count=Count("id"), average=Avg("rating"), **{name: Avg(name) for name in QUESTION_FIELDS},
        fee_answers=Count("id", filter=Q(paid_fee__isnull=False)), paid_fee=Count("id", filter=Q(paid_fee=True)),
        recommend_answers=Count("id", filter=Q(would_recommend__isnull=False)),
        recommend=Count("id", filter=Q(would_recommend=True)),
        **{f"stars_{stars}": Count("id", filter=Q(rating=stars)) for stars in range(1, 6)},
    )
    paid = published.filter(paid_fee=True, fee_amount__isnull=False).exclude(fee_currency="")
    fees = []
    for group in paid.values("destination", "fee_currency").annotate(count=Count("id")).order_by("-count", "destination"):
        amounts = paid.filter(destination=group["destination"], fee_currency=group["fee_currency"])
        median = _median(amounts.order_by("fee_amount").values_list("fee_amount", flat=True), group["count"])
        fees.append({"destination": group["destination"], "currency": group["fee_currency"], "count": group["count"],
                     "median": _hundredths(median)})
    summary = {
        "count": figures["count"], "average": _hundredths(figures["average"]),
        "questions": {name: _hundredths(figures[name]) for name in QUESTION_FIELDS},
        "distribution": [figures[f"stars_{stars}"] for stars in range(1, 6)],
        "fee_answers": figures["fee_answers"], "paid_fee": figures["paid_fee"],
        "recommend_answers": figures["recommend_answers"], "recommend": figures["recommend"],
        "fees": fees, "updated_at": timezone.now(),
    }
    # One UPDATE (an INSERT the first time), not update_or_create's savepoint, SELECT and UPDATE: publishing is timed.
    if not RatingSummary.objects.filter(agency_id=agency_id).update(**summary):
        RatingSummary.objects.create(agency_id=agency_id, **summary)


def contacts_erase_expired():
    """Erases the kept contacts whose time is up, and those of codes that expired unused; returns how many.

    Run daily through the task interface.
    """
    now = timezone.now()
    unused = ContactChallenge.objects.filter(expires_at__lt=now).exclude(contact_encrypted="").update(contact_encrypted="")
    return unused + Reviewer.objects.filter(contact_kept_until__lt=now).exclude(contact_encrypted="").update(
        contact_encrypted="", contact_kept_until=None,
    )
