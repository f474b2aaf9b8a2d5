"""Fixtures for moderation: an agency of the demo registry, reviewers, two moderators, and a review submitted
through the reviews service (so that the checks run and it enters the queue as it would from the site)."""

import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from agencies.demo import demo_agencies_load
from agencies.models import Agency
from reviews import contacts
from reviews.models import Representative, Reviewer
from reviews.services import CONTACT_KEPT_AT_MOST, review_submit

_numbers = itertools.count(1)


@pytest.fixture
def agency(db):
    demo_agencies_load()
    return Agency.objects.get(licence_number="POEA-901-LB-010125-R")


def make_reviewer(*, contact=None, notify=False):
    """A reviewer who proved `contact` (an invented phone number by default), keeping it when `notify`."""
    contact = contact or f"+63917555{next(_numbers):04d}"
    reviewer = Reviewer.objects.create(contact_hash=contacts.contact_hash(contact), channel="sms",
                                       pseudonym=f"Calm Heron {next(_numbers)}")
    if notify:
        reviewer.contact_encrypted = contacts.contact_encrypt(contact)
        reviewer.contact_kept_until = timezone.now() + CONTACT_KEPT_AT_MOST
        reviewer.save()
    return reviewer


def submit(agency, *, text="They kept my passport for two years and charged a training fee.", title="Kept my passport",
           rating=2, language="en", reviewer=None, network=""):
    """A review as the site stores it: through reviews.services.review_submit."""
    return review_submit(reviewer=reviewer or make_reviewer(), agency=agency, network=network, data={
        "rating": rating, "title": title, "text": text, "deployment_year": 2023, "destination": "HK",
        "sector": "domestic", "language": language})[0]


def moderator(name):
    user = User.objects.create_user(name, password="a-long-test-password-42")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_one(db):
    return moderator("moderator-one")


@pytest.fixture
def moderator_two(db):
    return moderator("moderator-two")


@pytest.fixture
def representative(agency, moderator_one):
    user = User.objects.create_user("agency-rep", password="a-long-test-password-42")
    user.groups.add(Group.objects.get(name="Agency representatives"))
    Representative.objects.create(user=user, agency=agency, verified_by=moderator_one, how_verified="test")
    return user
