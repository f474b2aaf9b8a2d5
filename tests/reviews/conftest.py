"""Fixtures for the reviews pages: the licence check page with the demo registry, a moderator, a representative."""

import pytest
from django.contrib.auth.models import Group, User

from agencies.demo import demo_agencies_load
from agencies.models import Agency, AgencyIndexPage
from reviews.models import Representative
from tests.support import section_page

GATEWAY_TOKEN = "gateway-secret-token"


@pytest.fixture
def listed_agency(db):
    """A demo agency, with the agency pages on the site (so that its page shows its reviews)."""
    section_page(AgencyIndexPage(title="Check an agency", slug="check-an-agency"), translated_into="id")
    demo_agencies_load()
    return Agency.objects.get(licence_number="POEA-901-LB-010125-R")


@pytest.fixture
def other_agency(listed_agency):
    return Agency.objects.get(licence_number="KEP.901/DEMO/2025")


@pytest.fixture
def moderator_user(db):
    user = User.objects.create_user("moderator-one")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def representative(listed_agency, moderator_user):
    """A person moderators verified as speaking for the listed agency, in the representatives' group."""
    user = User.objects.create_user("agency-rep", password="a-long-test-password-42")
    user.groups.add(Group.objects.get(name="Agency representatives"))
    Representative.objects.create(user=user, agency=listed_agency, verified_by=moderator_user, how_verified="test")
    return user


@pytest.fixture
def gateway(server, settings):
    """Settings that send SMS through the loopback server, which answers like a gateway that took the message."""
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = f"{server.url}/v1/messages"
    settings.SMS_GATEWAY_TOKEN = GATEWAY_TOKEN
    settings.SMS_SENDER = "Lantern"
    server.add("/v1/messages", b'{"status": "queued"}', method="POST", status=202, content_type="application/json")
    return server
