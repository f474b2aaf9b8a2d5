"""Demo reviews: invented reviewers' reviews of the demo agencies in several languages and states, with replies,
reports and the legal fee caps of the field notes. Everything goes through the real services; loading twice changes
nothing."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from agencies.models import Agency
from moderation.models import Reason
from moderation.services import report_file
from reviews import contacts
from reviews.models import REPRESENTATIVES_GROUP, FeeCap, Representative, Review, Reviewer
from reviews.questions import QUESTION_FIELDS
from reviews.services import reply_decide, reply_submit, review_decide, review_submit

MODERATOR, REPRESENTATIVE = "demo-moderator", "demo-representative"

# (agency licence number, reviewer number, state, overall, question ratings, paid fee (amount, currency, for what)
#  or None, recommend, title, text, language, year, destination, sector)
REVIEWS = [
    ("POEA-901-LB-010125-R", 1, "published", 4, (4, 5, 4, 5, 4, 4), None, True, "Fair and clear (sample)",
     "Sample review. They explained the contract in Tagalog before I left, and I kept my passport.", "en", 2023, "HK",
     "domestic"),
    ("POEA-901-LB-010125-R", 2, "published", 2, (1, 3, 2, 4, 3, 3), ("45000", "PHP", "training and medical"), False,
     "Pinagbayad ako (halimbawa)", "Halimbawang review. Pinagbayad ako ng training at medical kahit bawal ito.", "fil",
     2022, "HK", "domestic"),
    ("POEA-901-LB-010125-R", 3, "published", 3, (2, 3, 3, 4, 3, 4), ("30000", "PHP", "placement fee"), True,
     "Okay but they charged (sample)", "Sample review. The job was as promised, but I paid a placement fee.", "en", 2024,
     "SG", "care"),
    ("POEA-901-LB-010125-R", 4, "pending", 1, (1, 1, 2, 1, 2, 1), ("80000", "PHP", "everything"), False,
     "Waiting for a moderator (sample)", "Sample review that a moderator has not decided yet.", "en", 2025, "SA",
     "domestic"),
    ("9001/075/76", 5, "published", 2, (1, 2, 2, 3, 2, 3), ("150000", "NPR", "visa and ticket"), False,
     "भिसा र टिकटको पैसा (नमूना)", "नमूना समीक्षा। निःशुल्क भिसा भनियो तर मैले भिसा र टिकटको पैसा तिरेँ।", "ne", 2023,
     "QA", "construction"),
    ("9001/075/76", 6, "rejected", 5, (5, 5, 5, 5, 5, 5), None, True, "Best agency!!! (sample)",
     "Sample review rejected as written by the agency.", "en", 2024, "QA", "construction"),
    ("KEP.901/DEMO/2025", 7, "published", 4, (5, 4, 4, 4, 4, 4), None, True, "Tidak bayar apa-apa (contoh)",
     "Contoh ulasan. Saya tidak membayar biaya penempatan dan paspor saya pegang sendiri.", "id", 2024, "MY",
     "agriculture"),
]
REPLY = ("POEA-901-LB-010125-R", 2, "Sample reply. We have refunded the training fee and changed our practice.")
REPORT = ("POEA-901-LB-010125-R", 3, Reason.FALSE, "Sample report: the fee was refunded.")

FEE_CAPS = [
    ("PH", "", "domestic", FeeCap.Kind.ZERO, None, "", "No placement fee for domestic workers",
     "POEA Governing Board Resolution No. 6 (2006)", "https://dmw.gov.ph/"),
    ("PH", "", "", FeeCap.Kind.WAGES, None, "", "At most one month's basic salary, after the contract is signed",
     "POEA rules; DOLE Department Order 34 (1996)", "https://dmw.gov.ph/"),
    ("PH", "QA", "", FeeCap.Kind.ZERO, None, "", "Nothing: Qatar forbids charging workers",
     "POEA rules 2002, Part VI Rule I Sec. 2(c)", "https://dmw.gov.ph/"),
    ("NP", "QA", "", FeeCap.Kind.AMOUNT, "10000", "NPR", "At most NPR 10,000 (free visa, free ticket)",
     "Government of Nepal decision of 6 July 2015; Foreign Employment Act 2007 s.24", "https://dofe.gov.np/"),
    ("ID", "", "agriculture", FeeCap.Kind.ZERO, None, "", "No placement cost for farm and plantation workers",
     "Law 18/2017 Art. 30; BP2MI Regulation 9/2020", "https://kp2mi.go.id/"),
    ("ID", "", "domestic", FeeCap.Kind.ZERO, None, "", "No placement cost for domestic workers",
     "Law 18/2017 Art. 30; BP2MI Regulation 9/2020", "https://kp2mi.go.id/"),
]


def _user(username, group):
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=group))
    return user


def _reviewer(number):
    digest = contacts.contact_hash(f"demo-reviewer-{number}@example.invalid")
    return Reviewer.objects.get_or_create(contact_hash=digest, defaults={"channel": "email", "pseudonym": f"Sample Reviewer {number}"})[0]


def _caps():
    created = 0
    for country, destination, sector, kind, amount, currency, description, source, url in FEE_CAPS:
        created += FeeCap.objects.get_or_create(
            agency_country=country, destination=destination, sector=sector,
            defaults={"kind": kind, "amount": amount and Decimal(amount), "currency": currency,
                      "description": description, "source_title": source, "source_url": url},
        )[1]
    return created


@transaction.atomic
def demo_reviews_load():
    """Loads the demo reviews (if their agencies are there and they are not yet loaded); returns how many were made."""
    agencies = {agency.licence_number: agency for agency in Agency.objects.filter(
        licence_number__in={row[0] for row in REVIEWS})}
    created = _caps()
    if len(agencies) < len({row[0] for row in REVIEWS}) or Review.objects.filter(
            reviewer__pseudonym__startswith="Sample Reviewer").exists():
        return created
    moderator = _user(MODERATOR, "Moderators")
    reviews = {}
    for (licence, number, state, rating, questions, fee, recommend, title, text, language, year, destination,
         sector) in REVIEWS:
        data = {"rating": rating, **dict(zip(QUESTION_FIELDS, questions, strict=True)), "paid_fee": fee is not None,
                "would_recommend": recommend, "title": title, "text": text, "language": language,
                "deployment_year": year, "destination": destination, "sector": sector}
        if fee:
            data.update(fee_amount=Decimal(fee[0]), fee_currency=fee[1], fee_for=fee[2])
        review, _created = review_submit(reviewer=_reviewer(number), agency=agencies[licence], data=data)
        if state != "pending":
            review = review_decide(review=review, moderator=moderator, publish=state == "published",
                          reason="" if state == "published" else Reason.BY_AGENCY)
        reviews[(licence, number)] = review
        created += 1
    representative = _user(REPRESENTATIVE, REPRESENTATIVES_GROUP)
    licence, number, text = REPLY
    Representative.objects.get_or_create(user=representative, agency=agencies[licence],
                                         defaults={"verified_by": moderator, "how_verified": "Sample: demo data"})
    reply = reply_submit(user=representative, review=reviews[(licence, number)], text=text)
    reply_decide(reply=reply, moderator=moderator, publish=True)
    licence, number, reason, note = REPORT
    report_file(item=reviews[(licence, number)], agency_id=agencies[licence].pk, reason=reason, note=note)
    return created
