"""The status maps: explicit, per source, never guessing."""

import pytest

from scrapers.items import STATUSES
from scrapers.spiders.hk_eaa import HkEaaSpider
from scrapers.spiders.id_p3mi import IdP3miSpider
from scrapers.spiders.np_dofe import NpDofeSpider
from scrapers.spiders.ph_dmw import PhDmwSpider
from scrapers.statuses import STATUS_MAPS, map_status
from scrapers.text import normalise_label

SPIDERS = (PhDmwSpider, IdP3miSpider, HkEaaSpider, NpDofeSpider)


def test_every_mapped_status_is_one_of_ours():
    for mapping in STATUS_MAPS.values():
        assert set(mapping.values()) <= set(STATUSES)


def test_no_two_strings_of_a_source_collide_after_normalisation():
    for mapping in STATUS_MAPS.values():
        labels = [normalise_label(raw) for raw in mapping]
        assert len(labels) == len(set(labels))


def test_every_spider_has_a_map_and_its_listed_status_is_in_it():
    for spider in SPIDERS:
        assert spider.name in STATUS_MAPS
        if spider.listed_status:
            assert map_status(spider.name, spider.listed_status) == "valid"


@pytest.mark.parametrize(("raw", "status"), [
    ("Valid", "valid"),
    ("Valid - With Pending Case", "valid"),
    ("Suspended - Lifted", "valid"),
    ("Suspended", "suspended"),
    ("Preventive Suspension", "suspended"),
    ("Delisted", "cancelled"),
    ("Cancelled", "cancelled"),
    ("Voluntary Surrender", "cancelled"),
    ("Expired", "expired"),
    ("Revoked", "revoked"),
    ("Forever Banned", "revoked"),
    ("  FOREVER   banned ", "revoked"),
    ("Valid-With Pending Case", "valid"),
    ("Suspended \u2013 Lifted", "valid"),
])
def test_the_philippine_strings(raw, status):
    assert map_status("ph_dmw", raw) == status


def test_the_philippine_map_names_every_known_string():
    assert len(STATUS_MAPS["ph_dmw"]) >= 18


@pytest.mark.parametrize(("source", "raw", "status"), [
    ("id_p3mi", "Skorsing", "suspended"),
    ("id_p3mi", "Penghentian Sementara", "suspended"),
    ("id_p3mi", "Pencabutan SIP3MI", "revoked"),
    ("id_p3mi", "pencabutan  sip3mi", "revoked"),
    ("id_p3mi", "Pengakhiran Sanksi", "valid"),
    ("hk_eaa", "Valid licence", "valid"),
    ("np_dofe", "Licensed", "valid"),
])
def test_the_other_sources(source, raw, status):
    assert map_status(source, raw) == status


@pytest.mark.parametrize(("source", "raw"), [
    ("ph_dmw", "Inactive"),
    ("ph_dmw", "Valid - Under Appeal"),
    ("ph_dmw", ""),
    ("hk_eaa", "Valid"),  # another source's string means nothing here
    ("id_p3mi", "Peringatan Tertulis"),
    ("no_such_source", "Valid"),
])
def test_an_unknown_string_is_never_guessed(source, raw):
    assert map_status(source, raw) is None
