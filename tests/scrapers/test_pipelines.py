"""The validation chain, run item by item as Scrapy runs it, with the crawler's stats."""

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from scrapers import problems
from scrapers.items import FIELDS, blank_item
from scrapers.problems import Rejected
from scrapers.settings import ITEM_PIPELINES
from scrapers.spiders.hk_eaa import HkEaaSpider
from scrapers.spiders.id_p3mi import IdP3miSpider
from scrapers.spiders.np_dofe import NpDofeSpider
from scrapers.spiders.ph_dmw import PhDmwSpider

SPIDERS = {spider.country: spider for spider in (PhDmwSpider, IdP3miSpider, HkEaaSpider, NpDofeSpider)}
LICENCES = {"PH": "POEA-089-LB-112514-R", "ID": "KEP.118/PPTKLN/III/2024", "HK": "56123", "NP": "1234/074/75"}


class Chain:
    def __init__(self, country="PH"):
        spider = SPIDERS[country]
        self.crawler = get_crawler(spider)
        self.crawler.spider = spider.from_crawler(self.crawler)
        paths = sorted(ITEM_PIPELINES, key=ITEM_PIPELINES.get)
        self.pipelines = [load_object(path).from_crawler(self.crawler) for path in paths]

    def __call__(self, **fields):
        spider = self.crawler.spider
        item = {
            **blank_item(), "source": spider.name, "country": spider.country, "licence_number": LICENCES[spider.country],
            "name": "Abakada Manpower Inc.", "status_raw": spider.listed_status or "Valid",
            "source_url": "http://registry.example/list", "fetched_at": "2025-06-01T00:00:00+00:00", **fields,
        }
        for pipeline in self.pipelines:
            item = pipeline.process_item(item)
        return item

    def reason(self, **fields):
        with pytest.raises(Rejected) as rejected:
            self(**fields)
        return rejected.value.reason

    @property
    def stats(self):
        return self.crawler.stats


def test_a_good_row_comes_out_normalised_in_the_contract():
    item = Chain()(
        name="  <b>Abakada</b>  Manpower &amp; Co.\n", licence_number=" poea-089-lb-112514-r ", status_raw="Forever  Banned",
        valid_from="11/25/2022", valid_until="", address=None, phone=" (02) 8523-4410 ", extra_field="dropped",
    )
    assert list(item) == list(FIELDS)
    assert item["name"] == "Abakada Manpower & Co."
    assert item["licence_number"] == "POEA-089-LB-112514-R"
    assert (item["status"], item["status_raw"]) == ("revoked", "Forever Banned")
    assert (item["valid_from"], item["valid_until"], item["address"], item["phone"]) == ("2022-11-25", None, "", "(02) 8523-4410")


def test_a_rejection_is_a_drop_with_a_reason_not_an_error():
    chain = Chain()
    with pytest.raises(DropItem) as dropped:
        chain(name="")
    assert isinstance(dropped.value, Rejected) and str(dropped.value) == "missing name"


@pytest.mark.parametrize(("fields", "reason"), [
    ({"licence_number": " "}, "missing licence_number"),
    ({"name": "<b></b>"}, "missing name"),
    ({"country": ""}, "missing country"),
    ({"name": "N" * 301}, "name longer than 300 characters"),
    ({"address": "A" * 1001}, "address longer than 1000 characters"),
    ({"address": "A" * 1_048_576}, "address longer than 1000 characters"),
    ({"name": "Abakada\x00 Inc."}, "name has control characters"),
    ({"address": "Man\x85ila"}, "address has control characters"),
    ({"name": "Abakada \ufffd Inc."}, "name has undecodable text"),
    ({"valid_until": "2026-13-01"}, "valid_until is not a date"),
    ({"valid_from": "01/01/1492"}, "valid_from is not a plausible date"),
])
def test_bad_rows_are_rejected_with_their_reason(fields, reason):
    assert Chain().reason(**fields) == reason


def test_limits_are_inclusive():
    item = Chain()(name="N" * 300, address="A" * 1000)
    assert len(item["name"]) == 300


@pytest.mark.parametrize(("country", "good", "bad"), [
    ("PH", ["POEA-089-LB-112514-R", "DMW-045-LB-03232023-R", "POEA-212-SB-071209-MLC", "dmw-046-lb-03232023-r"],
     ["POEA-89-LB-112514-R", "DOLE-089-LB-112514-R", "POEA-089-XB-112514-R", "POEA-089-LB-11251-R",
      "POEA-089-LB-112514-ABCD", "POEA-089-LB-112514", "POEA 089 LB 112514 R"]),
    ("ID", ["KEP.118/PPTKLN/III/2024", "B-12/3", "2/KA/2019"], ["DALAM PROSES", "KEP/ABC", "12", "KEP_12/2024", "KEP 12/2024"]),
    ("HK", ["123", "56123", "12345678"], ["12", "123456789", "5612A", "56 123"]),
    ("NP", ["1234/074/75", "1/058/59", "12345/080/081"], ["1234-074-75", "123456/074/75", "1234/7/75", "1234/074"]),
])
def test_licence_numbers_follow_their_countrys_format(country, good, bad):
    chain = Chain(country)
    for licence in good:
        assert chain(licence_number=licence)["licence_number"] == licence.upper()
    for licence in bad:
        assert chain.reason(licence_number=licence) == f"licence_number does not match the {country} format"


def test_an_overlong_licence_number_is_rejected_before_its_format_is_read():
    assert Chain("ID").reason(licence_number="K" * 60 + "1") == "licence_number longer than 60 characters"


def test_the_second_row_with_a_licence_number_is_rejected():
    chain = Chain("HK")
    assert chain(licence_number="56123", name="First")["name"] == "First"
    assert chain.reason(licence_number=" 56123", name="Second") == "duplicate licence_number"
    # A rejected row does not claim its number.
    assert chain.reason(licence_number="56124", name="") == "missing name"
    assert chain(licence_number="56124", name="Third")["name"] == "Third"


def test_an_unknown_status_is_kept_raw_and_counted():
    chain = Chain()
    item = chain(status_raw="Valid - Under Appeal")
    assert (item["status"], item["status_raw"]) == (None, "Valid - Under Appeal")
    chain(status_raw="Valid - Under Appeal", licence_number="DMW-045-LB-03232023-R")
    assert problems.counts_under(chain.stats, problems.UNKNOWN_STATUS) == {"Valid - Under Appeal": 2}


def test_dates_follow_the_spiders_formats():
    assert Chain("ID")(valid_from="12 Maret 2024", status_date="03-02-2025")["valid_from"] == "2024-03-12"
    assert Chain("ID")(status_date="03-02-2025")["status_date"] == "2025-02-03"
    assert Chain("PH").reason(valid_from="12 Maret 2024") == "valid_from is not a date"
