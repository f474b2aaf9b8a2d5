"""Reviews of agencies by the workers they deployed, and what they rest on.

A reviewer has no account: they prove a phone number or e-mail address with a one-time code, and Lantern keeps
only a keyed hash of it (to match the same person again), plus, while they asked to be told about their review,
the contact encrypted. Reviews show a generated pseudonym, the year and (unless hidden) the destination.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from remittance.models import validate_country, validate_currency
from reviews.questions import QUESTION_FIELDS

FIRST_DEPLOYMENT_YEAR = 1970
REPRESENTATIVES_GROUP = "Agency representatives"  # the role (content migration 0003) a verified representative has


class Channel(models.TextChoices):
    SMS = "sms", _("Phone (SMS)")
    EMAIL = "email", _("E-mail")


class Sector(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic work")
    CARE = "care", _("Care work")
    CONSTRUCTION = "construction", _("Construction")
    MANUFACTURING = "manufacturing", _("Factories and manufacturing")
    AGRICULTURE = "agriculture", _("Farms and plantations")
    FISHING = "fishing", _("Fishing and seafaring")
    HOSPITALITY = "hospitality", _("Hotels, restaurants and cleaning")
    OTHER = "other", _("Other work")


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    EDIT_ASKED = "edit", _("Waiting for the reviewer's edit")


class Reviewer(models.Model):
    """Someone who proved a contact. Nothing here says who they are."""

    contact_hash = models.CharField(max_length=64, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    pseudonym = models.CharField(_("pseudonym"), max_length=60)
    contact_encrypted = models.TextField(blank=True, editable=False)
    contact_kept_until = models.DateTimeField(_("contact kept until"), null=True, blank=True)
    created_at = models.DateTimeField(_("first seen"), default=timezone.now)

    class Meta:
        verbose_name = _("reviewer")

    def __str__(self):
        return self.pseudonym

    def contact_kept(self, now=None):
        """Whether the reviewer can be told about their reviews: they asked, and the time to keep the contact is not
        up (the daily erase_contacts may not have erased it yet)."""
        return bool(self.contact_encrypted) and (
            self.contact_kept_until is None or self.contact_kept_until >= (now or timezone.now()))


class ContactChallenge(models.Model):
    """A one-time code sent to a contact; the code and the contact are kept only as keyed hashes."""

    token = models.CharField(max_length=43, unique=True)
    contact_hash = models.CharField(max_length=64, db_index=True)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    code_hash = models.CharField(max_length=64)
    contact_encrypted = models.TextField(blank=True, help_text="Only when the reviewer asked to be told about their review.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)


def _rating(verbose_name, *, required=False):
    return models.PositiveSmallIntegerField(
        verbose_name, null=not required, blank=not required, validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class Review(models.Model):
    """One reviewer's account of one agency; a second submission edits it."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(Reviewer, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rating = _rating(_("overall rating"), required=True)
    fees_rating = _rating(_("fees"))
    contract_rating = _rating(_("contract"))
    job_rating = _rating(_("job as promised"))
    documents_rating = _rating(_("documents"))
    freedom_rating = _rating(_("freedom"))
    respect_rating = _rating(_("respect and safety"))
    paid_fee = models.BooleanField(_("paid the agency"), null=True, blank=True)
    fee_amount = models.DecimalField(_("fee paid"), max_digits=14, decimal_places=2, null=True, blank=True)
    fee_currency = models.CharField(_("fee currency"), max_length=3, blank=True, validators=[validate_currency])
    fee_for = models.CharField(_("what the fee was for"), max_length=200, blank=True)
    would_recommend = models.BooleanField(_("would recommend"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=5000)
    deployment_year = models.PositiveSmallIntegerField(_("year of deployment"), validators=[MinValueValidator(FIRST_DEPLOYMENT_YEAR)])
    destination = models.CharField(_("destination country"), max_length=2, validators=[validate_country])
    hide_destination = models.BooleanField(_("destination hidden"), default=False)
    sector = models.CharField(_("sector"), max_length=15, choices=Sector.choices)
    language = models.CharField(_("language of the review"), max_length=12)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, blank=True)
    redacted = models.BooleanField(_("part hidden by a moderator"), default=False)
    network_hash = models.CharField(max_length=64, blank=True, editable=False,
                                    help_text="Keyed hash of the sender's network, to see bursts; never the address.")

    class Meta:
        verbose_name = _("review")
        ordering = ["-submitted_at"]
        permissions = [("moderate_review", _("Can publish or reject reviews and the agencies' replies"))]
        constraints = [
            models.UniqueConstraint(fields=["agency", "reviewer"], name="review_one_per_agency_and_reviewer"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "-published_at", "-id"], name="review_agency_newest"),
            models.Index(fields=["status", "submitted_at"]),
            # Everything the rating summary reads, so that recomputing it scans this index and not the reviews' texts:
            # the median fee per destination and currency in order, then the ratings and answers it averages and counts.
            models.Index(fields=["agency", "status", "destination", "fee_currency", "fee_amount", "rating", *QUESTION_FIELDS,
                                 "paid_fee", "would_recommend"], name="review_summary"),
        ]

    def __str__(self):
        return f"{self.title} ({self.agency.name})"

    @property
    def notify(self):
        """Whether the reviewer can be told about this review: they asked, and their contact is still kept."""
        return self.reviewer.contact_kept()


class Representative(models.Model):
    """A person moderators verified as speaking for an agency: they may reply to its reviews, nothing more."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
                             related_name="represents")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="representatives")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    verified_on = models.DateField(_("verified on"), default=timezone.localdate)
    how_verified = models.CharField(_("how it was verified"), max_length=300)

    class Meta:
        verbose_name = _("agency representative")
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="representative_unique")]

    def __str__(self):
        return f"{self.user} → {self.agency.name}"


class Reply(models.Model):
    """The agency's one reply to a review, moderated like a review."""

    review = models.OneToOneField(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="reply")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(_("text"), max_length=3000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, blank=True)
    redacted = models.BooleanField(_("part hidden by a moderator"), default=False)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{_('Reply to')} {self.review.title}"


class RatingSummary(models.Model):
    """An agency's ratings from its published reviews: derived data, recomputed whenever one is published or removed."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, primary_key=True, related_name="rating_summary")
    count = models.PositiveIntegerField(default=0)
    average = models.DecimalField(max_digits=3, decimal_places=2, null=True)
    questions = models.JSONField(default=dict)  # question field -> average (a string) or None
    distribution = models.JSONField(default=list)  # reviews giving 1, 2, 3, 4 and 5 stars overall
    fee_answers = models.PositiveIntegerField(default=0)
    paid_fee = models.PositiveIntegerField(default=0)
    recommend_answers = models.PositiveIntegerField(default=0)
    recommend = models.PositiveIntegerField(default=0)
    fees = models.JSONField(default=list)  # [{destination, currency, median, count}], largest groups first
    updated_at = models.DateTimeField(default=timezone.now)


class FeeCap(models.Model):
    """The most a worker may lawfully be charged, as an editor read it in the law, with its source."""

    class Kind(models.TextChoices):
        ZERO = "zero", _("Nothing may be charged")
        AMOUNT = "amount", _("A fixed amount")
        WAGES = "wages", _("A share of wages (described)")

    agency_country = models.CharField(_("where the agency is"), max_length=2, validators=[validate_country])
    destination = models.CharField(_("destination"), max_length=2, blank=True, validators=[validate_country],
                                   help_text=_("Empty: every destination."))
    sector = models.CharField(_("sector"), max_length=15, choices=Sector.choices, blank=True,
                              help_text=_("Empty: every sector."))
    kind = models.CharField(_("kind of cap"), max_length=6, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency])
    description = models.CharField(_("the cap in words"), max_length=200,
                                   help_text=_("As a worker would say it, e.g. “at most one month's basic salary”."))
    source_title = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source URL"), max_length=500)
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("legal fee cap")
        ordering = ["agency_country", "destination", "sector"]
        constraints = [
            models.UniqueConstraint(fields=["agency_country", "destination", "sector"], name="feecap_unique"),
            models.CheckConstraint(
                condition=~models.Q(kind="amount") | models.Q(amount__gte=0, amount__isnull=False) & ~models.Q(currency=""),
                name="feecap_amount_has_amount_and_currency",
            ),
        ]

    def __str__(self):
        return self.description


class Notification(models.Model):
    """A message owed to a reviewer who asked to be told about their review: sent through the task interface and
    retried until it goes or its tries run out. It holds no contact: that stays encrypted on the reviewer."""

    class Event(models.TextChoices):
        PUBLISHED = "published", _("Review published")
        REJECTED = "rejected", _("Review rejected")
        EDIT_ASKED = "edit_asked", _("Edit asked")
        REPLIED = "replied", _("The agency replied")
        APPEAL_DECIDED = "appeal", _("Appeal decided")

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Gave up")

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="notifications")
    review = models.ForeignKey(Review, null=True, on_delete=models.SET_NULL, related_name="+")
    event = models.CharField(_("event"), max_length=12, choices=Event.choices)
    reason = models.CharField(_("reason"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=12)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.WAITING)
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    next_try_at = models.DateTimeField(_("next try"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        indexes = [models.Index(fields=["state", "next_try_at"])]

    def __str__(self):
        return f"{self.get_event_display()} ({self.get_state_display()})"
