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

from moderation.checks import Subject, bursts
from moderation.models import Appeal, AuditEntry, Reason
from moderation.selectors import appeal_waiting, last_decision, queue_burst_ids, reports_open
from moderation.services import (
    ModerationError, appeal_close, appeal_open, audit_forget_text, audit_record, queue_add, queue_close, queue_forget,
    reports_close,
)
from moderation.wordlists import abuse_terms_load
from reviews import contacts
from reviews.models import ContactChallenge, Notification, RatingSummary, Reply, Representative, Review, Reviewer, Status
from reviews.messaging import APPEAL_OVERTURNED, APPEAL_UPHELD
from reviews.notifications import notification_queue
from reviews.questions import QUESTION_FIELDS
from reviews.tasks import message_send
from search.services import index_refresh

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=10)
CODE_ATTEMPTS = 5
CODES_PER_CONTACT_PER_HOUR = 5
CONTACT_KEPT_AT_MOST = timedelta(days=90)
APPEAL_WINDOW = timedelta(days=30)
NEIGHBOURS = 200  # recent texts of the same agency, and recent texts of all, that the near-duplicate check compares
REDACTION_MARK = "[…]"
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


def _body(item):
    """The text the checks read and a redaction edits: a review's title and text, or a reply's text."""
    return f"{item.title}\n\n{item.text}" if isinstance(item, Review) else item.text


def _bodies(queryset):
    """The bodies of the items of a queryset, reading only their text."""
    if queryset.model is Review:
        return [f"{title}\n\n{text}" for title, text in queryset.values_list("title", "text")]
    return list(queryset.values_list("text", flat=True))


def _body_set(item, body):
    if isinstance(item, Review):
        item.title, _sep, item.text = body.partition("\n\n")
    else:
        item.text = body


def _agency_id(item):
    return item.agency_id if isinstance(item, Review) else item.review.agency_id


def _queue(item, *, agency, language, rating=None, network="", contact_hash=""):
    """Runs moderation's checks on an item that arrived, with what they need to know around it, and queues it."""
    since = timezone.now() - bursts.BURST_WINDOW
    model = type(item)
    recent = model.objects.filter(submitted_at__gte=since)
    of_agency = recent.filter(agency=agency) if model is Review else recent.filter(review__agency=agency)
    groups = {"agency": of_agency}
    if network:
        groups["network"] = recent.filter(network_hash=network)
    if contact_hash and model is Review:
        groups["contact"] = recent.filter(reviewer__contact_hash=contact_hash)
    counts = {name: group.count() for name, group in groups.items()}
    over = [name for name, count in counts.items() if count >= bursts.BURST_THRESHOLDS[name]]
    burst_key, burst_ids = "", ()
    if over:
        name = min(over, key=("network", "contact", "agency").index)
        burst_key = {"network": f"network:{network[:16]}", "contact": f"contact:{contact_hash[:16]}",
                     "agency": f"agency:{agency.pk}:{since:%Y%m%d%H}"}[name]
        burst_ids = list(groups[name].exclude(pk=item.pk).values_list("pk", flat=True)[:500])
    others = model.objects.exclude(pk=item.pk).order_by("-submitted_at")
    same_agency = others.filter(agency=agency) if model is Review else others.filter(review__agency=agency)
    neighbours = [*_bodies(same_agency[:NEIGHBOURS]), *_bodies(others.filter(submitted_at__gte=since)[:NEIGHBOURS])]
    subject = Subject(text=_body(item), language=language, kind=item._meta.model_name, rating=rating,
                      agency_name=agency.name, neighbours=tuple(dict.fromkeys(neighbours)), recent=counts,
                      abuse_terms=abuse_terms_load(), at=item.submitted_at)
    return queue_add(item=item, subject=subject, agency_id=agency.pk, burst_ids=burst_ids, burst_key=burst_key)


@transaction.atomic
def review_submit(*, reviewer, agency, data, network=""):
    """Stores the reviewer's review of the agency, or edits their earlier one; either way the checks read it and it
    waits in the moderators' queue. `network` is the keyed hash of the sender's network (contacts.network_hash)."""
    review = Review.objects.select_for_update().filter(agency=agency, reviewer=reviewer).first()
    was_published = review is not None and review.status == Status.PUBLISHED
    created = review is None
    review = review or Review(agency=agency, reviewer=reviewer)
    for name in REVIEW_FIELDS:
        setattr(review, name, data.get(name, getattr(review, name)))
    review.status, review.submitted_at, review.published_at, review.decided_at, review.reason = (
        Status.PENDING, timezone.now(), None, None, "",
    )
    review.redacted, review.network_hash = False, network
    review.full_clean(exclude=["agency", "reviewer"])
    review.save()
    audit_record(item=review, agency_id=agency.pk,
                 action=AuditEntry.Action.SUBMITTED if created else AuditEntry.Action.EDITED)
    _queue(review, agency=agency, language=review.language, rating=review.rating, network=network,
           contact_hash=reviewer.contact_hash)
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
    items = [review, *Reply.objects.filter(review=review)]
    for item in items:
        audit_forget_text(item=item)
        queue_forget(item=item)
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


def _locked(item):
    """The item again, locked for the decision, with what deciding on it reads."""
    if isinstance(item, Review):
        return Review.objects.select_for_update().select_related("reviewer", "agency").get(pk=item.pk)
    return Reply.objects.select_for_update().select_related("review__reviewer", "review__agency").get(pk=item.pk)


def _review_of(item):
    return item if isinstance(item, Review) else item.review


def _state_set(item, status, *, reason=""):
    """Publishes or rejects an item; the agency's summary follows when a review's publication changes."""
    was_published, now = item.status == Status.PUBLISHED, timezone.now()
    item.status, item.decided_at, item.reason = status, now, reason if status != Status.PUBLISHED else ""
    fields = ["status", "decided_at", "reason"]
    if isinstance(item, Review):
        item.published_at = (item.published_at or now) if status == Status.PUBLISHED else None
        fields.append("published_at")
    item.save(update_fields=fields)
    if isinstance(item, Review) and was_published != (status == Status.PUBLISHED):
        summary_recompute(agency_id=item.agency_id)
    _contact_done(_review_of(item).reviewer, now)


def _notify(item, event, reason=""):
    """Tells the reviewer (who asked to be told) what happened to their review, or that the agency replied."""
    if isinstance(item, Review):
        notification_queue(review=item, event=event, reason=reason)
    elif event == Notification.Event.PUBLISHED:
        notification_queue(review=item.review, event=Notification.Event.REPLIED)


def _reason_check(reason):
    if reason not in Reason.values:
        raise ReviewError(_("Choose a reason from the list."))


@transaction.atomic
def item_decide(*, item, moderator, publish, reason="", note=""):
    """A moderator publishes or rejects a waiting review or reply, or decides on a published one that visitors
    reported: keeping it dismisses the reports, removing it upholds them. Everything is in the audit log."""
    item = _locked(item)
    agency_id = _agency_id(item)
    if not publish:
        _reason_check(reason)
    _check_moderator(moderator, agency_id)
    if item.status == Status.PENDING:
        waited = queue_close(item=item, moderator=moderator)
        _state_set(item, Status.PUBLISHED if publish else Status.REJECTED, reason=reason)
        audit_record(item=item, agency_id=agency_id, actor=moderator, reason=item.reason, note=note, waited=waited,
                     action=AuditEntry.Action.PUBLISHED if publish else AuditEntry.Action.REJECTED)
        _notify(item, Notification.Event.PUBLISHED if publish else Notification.Event.REJECTED, item.reason)
    elif item.status == Status.PUBLISHED and reports_open(item=item):
        waited = queue_close(item=item, moderator=moderator)
        reports_close(item=item, moderator=moderator, upheld=not publish, note=note)
        if not publish:
            _state_set(item, Status.REJECTED, reason=reason)
            audit_record(item=item, agency_id=agency_id, actor=moderator, reason=reason, note=note, waited=waited,
                         action=AuditEntry.Action.REJECTED)
            _notify(item, Notification.Event.REJECTED, reason)
    else:
        raise ReviewError(_("This was already decided."))
    return item


def review_decide(*, review, moderator, publish, reason="", note=""):
    return item_decide(item=review, moderator=moderator, publish=publish, reason=reason, note=note)


def reply_decide(*, reply, moderator, publish, reason="", note=""):
    return item_decide(item=reply, moderator=moderator, publish=publish, reason=reason, note=note)


def redaction_apply(body, spans):
    """The body with each (start, end) part replaced by REDACTION_MARK; overlapping parts are merged."""
    merged = []
    for start, end in sorted((max(0, start), min(len(body), end)) for start, end in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        body = body[:start] + REDACTION_MARK + body[end:]
    return body


@transaction.atomic
def item_redact(*, item, moderator, spans, reason, note=""):
    """A moderator hides parts of a review or reply (a phone number, say) and keeps the rest; the audit log keeps
    the text before and after. A waiting item stays in the queue to be published; a reported one is settled."""
    item = _locked(item)
    agency_id = _agency_id(item)
    _reason_check(reason)
    _check_moderator(moderator, agency_id)
    if item.status not in (Status.PENDING, Status.PUBLISHED):
        raise ReviewError(_("Only a waiting or published item can have parts hidden."))
    before = _body(item)
    after = redaction_apply(before, spans)
    if after == before:
        raise ReviewError(_("Choose the parts to hide."))
    _body_set(item, after)
    item.redacted = True
    item.save(update_fields=["title", "text", "redacted"] if isinstance(item, Review) else ["text", "redacted"])
    waited = None
    if item.status == Status.PUBLISHED:
        waited = queue_close(item=item, moderator=moderator)
        reports_close(item=item, moderator=moderator, upheld=True, note=note)
    audit_record(item=item, agency_id=agency_id, actor=moderator, action=AuditEntry.Action.REDACTED, reason=reason,
                 note=note, before=before, after=after, waited=waited)
    return item


@transaction.atomic
def review_edit_ask(*, review, moderator, reason, note=""):
    """A moderator asks the reviewer to edit a waiting review (and says why); it waits for them, not in the queue."""
    review = _locked(review)
    _reason_check(reason)
    _check_moderator(moderator, review.agency_id)
    if review.status != Status.PENDING:
        raise ReviewError(_("This was already decided."))
    if not review.notify:
        raise ReviewError(_("This reviewer cannot be told: they did not ask to be, or their contact was erased. "
                            "Publish, hide a part, or reject instead."))
    waited = queue_close(item=review, moderator=moderator)
    _state_set(review, Status.EDIT_ASKED, reason=reason)
    audit_record(item=review, agency_id=review.agency_id, actor=moderator, action=AuditEntry.Action.EDIT_ASKED,
                 reason=reason, note=note, waited=waited)
    _notify(review, Notification.Event.EDIT_ASKED, reason)
    return review


def burst_reject(*, burst, moderator, reason, note=""):
    """Rejects every waiting review of a burst, each in its own transaction; returns (rejected, left for others)."""
    _reason_check(reason)
    rejected = left = 0
    for review in Review.objects.filter(pk__in=queue_burst_ids(burst=burst, item_kind="review"), status=Status.PENDING):
        try:
            item_decide(item=review, moderator=moderator, publish=False, reason=reason, note=note)
        except ReviewError:
            left += 1
        else:
            rejected += 1
    return rejected, left


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
    reply.decided_at, reply.reason, reply.redacted = None, "", False
    reply.full_clean(exclude=["review", "author"])
    reply.save()
    audit_record(item=reply, agency_id=review.agency_id, actor=user, action=AuditEntry.Action.SUBMITTED)
    _queue(reply, agency=review.agency, language=review.language)
    return reply


# --- Appeals ---------------------------------------------------------------------------------------------------------

def appeal_by_reviewer(*, reviewer, review, text):
    """The reviewer, having proved their contact again, appeals the decision on their review, once."""
    if review.reviewer_id != reviewer.pk:
        raise ReviewError(_("You can only appeal decisions on your own review."))
    return _appeal(review, by=Appeal.By.REVIEWER, agency_id=review.agency_id, text=text, language=review.language)


def appeal_by_agency(*, user, item, text):
    """A verified representative appeals the decision on a review of their agency, or on the agency's reply, once."""
    review = _review_of(item)
    if not Representative.objects.filter(user=user, agency_id=review.agency_id).exists():
        raise ReviewError(_("Only a verified representative of this agency can appeal."))
    return _appeal(item, by=Appeal.By.AGENCY, agency_id=review.agency_id, text=text, language=review.language)


@transaction.atomic
def _appeal(item, *, by, agency_id, text, language):
    item = _locked(item)
    decision = last_decision(item=item)
    if decision is not None and timezone.now() - decision.at > APPEAL_WINDOW:
        raise ReviewError(_("Decisions can be appealed within 30 days. This one is older."))
    try:
        return appeal_open(item=item, by=by, agency_id=agency_id, text=text, language=language)
    except ModerationError as error:
        raise ReviewError(error.message) from None


@transaction.atomic
def appeal_decide(*, item, moderator, overturn, reason="", note=""):
    """A moderator other than the one who decided rules on the appeal of an item: upheld, the decision stands;
    overturned, it is undone (a rejected item is published, a published one rejected with `reason`, hidden parts
    come back)."""
    item = _locked(item)
    appeal = appeal_waiting(item=item)
    if appeal is None:
        raise ReviewError(_("There is no appeal waiting here."))
    agency_id = _agency_id(item)
    _check_moderator(moderator, agency_id)
    action = appeal.appealed_action
    if overturn and action == AuditEntry.Action.PUBLISHED:
        _reason_check(reason)
    try:
        appeal_close(appeal=appeal, moderator=moderator, overturned=overturn, note=note)
    except ModerationError as error:
        raise ReviewError(error.message) from None
    queue_close(item=item, moderator=moderator)
    if overturn:
        if action in (AuditEntry.Action.REJECTED, AuditEntry.Action.EDIT_ASKED):
            _state_set(item, Status.PUBLISHED)
        elif action == AuditEntry.Action.REDACTED:
            redaction = last_decision(item=item, actions=(AuditEntry.Action.REDACTED,))
            _body_set(item, redaction.before)
            item.redacted = False
            item.save()
        else:
            _state_set(item, Status.REJECTED, reason=reason)
    if isinstance(item, Review):
        _notify(item, Notification.Event.APPEAL_DECIDED, APPEAL_OVERTURNED if overturn else APPEAL_UPHELD)
    return appeal


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
    index_refresh(kind="agency", object_ids=[agency_id])  # search filters by the minimum rating


def contacts_erase_expired():
    """Erases the kept contacts whose time is up, and those of codes that expired unused; returns how many.

    Run daily through the task interface.
    """
    now = timezone.now()
    unused = ContactChallenge.objects.filter(expires_at__lt=now).exclude(contact_encrypted="").update(contact_encrypted="")
    return unused + Reviewer.objects.filter(contact_kept_until__lt=now).exclude(contact_encrypted="").update(
        contact_encrypted="", contact_kept_until=None,
    )
