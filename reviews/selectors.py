"""Reads of reviews for pages and other apps: an agency's summary and published reviews, a reviewer's own reviews."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import DecimalField, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from config.generations import generation, generation_bump
from reviews.models import FeeCap, RatingSummary, Reply, Representative, Review, Reviewer, Status
from reviews.questions import QUESTIONS

FEE_CAPS = "fee-caps"
CAPS_SECONDS = 3600


@dataclass(frozen=True)
class FeeFigure:
    destination: str
    currency: str
    median: Decimal
    count: int
    cap: FeeCap | None

    @property
    def above_cap(self):
        """True when the median is above the cap (any fee is, where nothing may be charged); None if not comparable."""
        if self.cap is None:
            return None
        if self.cap.kind == FeeCap.Kind.ZERO:
            return self.median > 0
        if self.cap.kind == FeeCap.Kind.AMOUNT and self.cap.currency == self.currency:
            return self.median > self.cap.amount
        return None


@dataclass(frozen=True)
class QuestionFigure:
    question: object
    average: Decimal | None


@dataclass(frozen=True)
class Summary:
    count: int
    average: Decimal | None
    questions: list
    distribution: list  # (stars, reviews, percent of all) from 5 stars down
    paid_fee_percent: int | None
    fee_answers: int
    recommend_percent: int | None
    fees: list


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


def _most_specific_cap(caps, *, destination, sector=""):
    """Of the caps for one agency country, the one that applies: for the destination before any destination, then
    for the sector before any sector; None when none applies."""
    applying = [cap for cap in caps if cap.destination in (destination, "") and cap.sector in (sector, "")]
    return min(applying, key=lambda cap: (cap.destination == "", cap.sector == ""), default=None)


def fee_cap_find(*, agency_country, destination, sector=""):
    """The cap that applies: the most specific of (destination, sector), (destination), (any destination)."""
    caps = FeeCap.objects.filter(agency_country=agency_country, destination__in=(destination, ""), sector__in=(sector, ""))
    return _most_specific_cap(caps, destination=destination, sector=sector)


def fee_caps_changed(**kwargs):
    """A signal receiver: an editor saved or deleted a fee cap."""
    generation_bump(FEE_CAPS)


def _general_caps(country):
    """The caps for agencies in `country` that hold for every sector (cached; they change when an editor edits one)."""
    return cache.get_or_set(f"reviews:caps:{generation(FEE_CAPS)}:{country}",
                            lambda: list(FeeCap.objects.filter(agency_country=country, sector="")), CAPS_SECONDS)


def rating_summary(*, agency):
    """The agency's summary for its page, with each median fee set against its legal cap; None before any review."""
    if type(agency).rating_summary.is_cached(agency):  # read with select_related("rating_summary"): no query
        stored = getattr(agency, "rating_summary", None)
    else:
        stored = RatingSummary.objects.filter(agency=agency).first()
    if stored is None or stored.count == 0:
        return None
    caps = _general_caps(agency.country) if stored.fees else []
    return Summary(
        count=stored.count, average=stored.average,
        questions=[QuestionFigure(question, stored.questions.get(question.field) and Decimal(stored.questions[question.field]))
                   for question in QUESTIONS],
        distribution=[(stars, stored.distribution[stars - 1], _percent(stored.distribution[stars - 1], stored.count))
                      for stars in range(5, 0, -1)],
        paid_fee_percent=_percent(stored.paid_fee, stored.fee_answers), fee_answers=stored.fee_answers,
        recommend_percent=_percent(stored.recommend, stored.recommend_answers),
        fees=[FeeFigure(fee["destination"], fee["currency"], Decimal(fee["median"]), fee["count"],
                      _most_specific_cap(caps, destination=fee["destination"]))
              for fee in stored.fees],
    )


def agency_reviews(*, agency):
    """The agency's published reviews, newest first, each with its reviewer and the agency's reply (if any)."""
    return (Review.objects.filter(agency=agency, status=Status.PUBLISHED)
            .select_related("reviewer", "reply").order_by("-published_at", "-pk"))


def reviewer_by_id(*, pk):
    return Reviewer.objects.filter(pk=pk).first()


def reviewer_reviews(*, reviewer):
    return Review.objects.filter(reviewer=reviewer).select_related("agency").order_by("-submitted_at")


def review_of(*, reviewer, agency):
    return Review.objects.filter(reviewer=reviewer, agency=agency).first()


def published_review(*, pk):
    return Review.objects.filter(pk=pk, status=Status.PUBLISHED).select_related("agency").first()


def published_reply(*, pk):
    """A published reply to a published review, with its review's agency; None otherwise."""
    return (Reply.objects.filter(pk=pk, status=Status.PUBLISHED, review__status=Status.PUBLISHED)
            .select_related("review__agency").first())


def appealable_item(*, kind, pk):
    """A review (not erased) or an agency's reply, with its review and agency, for an appeal; None otherwise."""
    if kind == "review":
        return Review.objects.filter(pk=pk).select_related("agency").first()
    if kind == "reply":
        return Reply.objects.filter(pk=pk).select_related("review__agency").first()
    return None


def reply_standing(*, review):
    """The agency's reply to the review that still stands (pending or published), or None."""
    return Reply.objects.filter(review=review).exclude(status=Status.REJECTED).first()


def represented_agency_ids(*, user):
    """The agencies this person was verified to speak for."""
    if not user.is_authenticated:
        return set()
    return set(Representative.objects.filter(user=user).values_list("agency_id", flat=True))


def rating_annotate(queryset):
    """Agencies annotated with `rating` (the average, 0 before any review) and `review_count`, for the directory."""
    summary = RatingSummary.objects.filter(agency=OuterRef("pk"))
    return queryset.annotate(
        rating=Coalesce(Subquery(summary.values("average")), Value(Decimal(0)),
                        output_field=DecimalField(max_digits=3, decimal_places=2)),
        review_count=Coalesce(Subquery(summary.values("count")), Value(0), output_field=IntegerField()),
    )


def moderated_items(*, keys):
    """Reviews and replies for the moderators' queue, by (kind, id): {(kind, id): item}, in two queries."""
    ids = {"review": [], "reply": []}
    for kind, pk in keys:
        if kind in ids:
            ids[kind].append(pk)
    found = {("review", review.pk): review for review in
             Review.objects.filter(pk__in=ids["review"]).select_related("agency", "reviewer")}
    found.update({("reply", reply.pk): reply for reply in
                  Reply.objects.filter(pk__in=ids["reply"]).select_related("review__agency", "review__reviewer")})
    return found


def moderated_item(*, kind, pk):
    return moderated_items(keys=[(kind, pk)]).get((kind, pk))
