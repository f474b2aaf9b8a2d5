"""The money spiders' chains, run item by item as Scrapy runs them; their separation from the licence
chain; the crawl report's unknown values; the spiders' names, real addresses and arguments."""

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from scrapers import problems, settings
from scrapers.extensions import CrawlReport
from scrapers.items import QUOTE_FIELDS, RATE_FIELDS, blank_quote, blank_rate
from scrapers.logformatter import row_label
from scrapers.problems import Rejected
from scrapers.spiders.cbm_rates import CbmRatesSpider
from scrapers.spiders.ecb_rates import EcbRatesSpider
from scrapers.spiders.nrb_rates import NrbRatesSpider
from scrapers.spiders.ph_dmw import PhDmwSpider
from scrapers.spiders.sbi_remit import SbiRemitSpider
from scrapers.spiders.wise_compare import WiseCompareSpider
from tests.scrapers.support import ROOT


class Chain:
    """The chain a spider's custom settings name, built with a crawler of that spider."""

    def __init__(self, spider, **arguments):
        self.crawler = get_crawler(spider)
        self.crawler.spider = spider.from_crawler(self.crawler, **arguments)
        chain = spider.custom_settings["ITEM_PIPELINES"]
        self.pipelines = [load_object(path).from_crawler(self.crawler) for path in sorted(chain, key=chain.get)]

    def __call__(self, item):
        for pipeline in self.pipelines:
            item = pipeline.process_item(item)
        return item

    def reason(self, item):
        with pytest.raises(Rejected) as rejected:
            self(item)
        return rejected.value.reason


def rate(**fields):
    return {**blank_rate(), "source": "ecb_rates", "base": "EUR", "quote": "USD", "rate": "1.0823", "date": "2025-06-12",
            "source_url": "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
            "fetched_at": "2025-06-12T15:00:00+00:00", **fields}


def quote(**fields):
    return {
        **blank_quote(), "source": "sbi_remit", "provider": "SBI Remit", "provider_type": "Funds transfer service provider",
        "sending_country": "JP", "sending_currency": "JPY", "receiving_country": "VN", "receiving_currency": "VND",
        "pay_in": "Bank transfer", "pay_out": "Cash pick-up", "speed": "Within minutes", "amount_sent": "29000",
        "fee": "460", "fee_currency": "JPY", "fee_mode": "on_top", "offered_rate": "176.9100",
        "source_url": "https://www.remit.co.jp/en/", "fetched_at": "2025-06-12T01:00:00+00:00", **fields,
    }


def test_a_good_rate_comes_out_in_the_contract_with_its_digits():
    item = Chain(EcbRatesSpider)(rate(rate=Decimal("143.20"), date=date(2025, 6, 12), extra="dropped"))
    assert list(item) == list(RATE_FIELDS)
    assert (item["rate"], item["date"]) == ("143.20", "2025-06-12")


@pytest.mark.parametrize(("fields", "reason"), [
    ({"base": ""}, "missing base"),
    ({"rate": None}, "missing rate"),
    ({"date": ""}, "missing date"),
    ({"quote": "X" * 41}, "quote longer than 40 characters"),
    ({"rate": "1" * 1_048_576}, "rate longer than 40 characters"),
    ({"quote": "usd"}, "quote is not an ISO 4217 currency code"),
    ({"quote": "XYZ"}, "quote is not an ISO 4217 currency code"),
    ({"base": "<b>EUR</b>"}, "base is not an ISO 4217 currency code"),
    ({"quote": "EUR"}, "base and quote are the same currency"),
    ({"rate": "0"}, "rate is zero"),
    ({"rate": "0.000"}, "rate is zero"),
    ({"rate": "-1.0823"}, "rate is negative"),
    ({"rate": "1,0823"}, "rate is not a decimal number"),
    ({"rate": "1.08 USD"}, "rate is not a decimal number"),
    ({"rate": "<b>1.0823</b>"}, "rate is not a decimal number"),
    ({"rate": "Infinity"}, "rate is not a decimal number"),
    ({"rate": Decimal("NaN")}, "rate is not a decimal number"),
    ({"rate": 1.0823}, "rate was read as a float: its published digits are lost"),
    ({"date": "12/06/2025"}, "date is not a date"),
    ({"date": "2025-02-30"}, "date is not a date"),
    ({"date": "1899-12-31"}, "date is not a plausible date"),
    ({"date": "2099-01-01"}, "date is in the future"),
])
def test_bad_rates_are_rejected_with_their_reason(fields, reason):
    assert Chain(EcbRatesSpider).reason(rate(**fields)) == reason


def test_a_rate_dated_today_somewhere_on_earth_is_not_in_the_future():
    tomorrow = (datetime.now(timezone.utc) + timedelta(hours=14)).date().isoformat()
    assert Chain(NrbRatesSpider)(rate(source="nrb_rates", base="USD", quote="NPR", date=tomorrow))["date"] == tomorrow


def test_the_second_rate_of_a_pair_and_day_is_rejected():
    chain = Chain(CbmRatesSpider)
    chain(rate(base="USD", quote="MMK", rate="2100.0"))
    assert chain.reason(rate(base="USD", quote="MMK", rate="2100")) == "duplicate base, quote and date"
    assert chain(rate(base="USD", quote="MMK", rate="2100.0", date="2025-06-11"))["date"] == "2025-06-11"


def test_a_spider_can_reject_a_row_it_read_with_its_reason():
    item = rate()
    item[problems.REJECT] = "buy is zero"
    assert Chain(NrbRatesSpider).reason(item) == "buy is zero"
    assert problems.REJECT not in item and list(item) == list(RATE_FIELDS)


def test_a_good_quote_comes_out_in_lanterns_words():
    item = Chain(SbiRemitSpider)(quote(amount_sent=Decimal("29000"), provider="  <b>SBI</b> Remit "))
    assert list(item) == list(QUOTE_FIELDS)
    assert {key: item[key] for key in ("provider", "provider_type", "pay_in", "pay_out", "speed", "amount_sent", "offered_rate")} == {
        "provider": "SBI Remit", "provider_type": "mto", "pay_in": "bank", "pay_out": "cash_pickup", "speed": "under_hour",
        "amount_sent": "29000", "offered_rate": "176.9100",
    }
    assert Chain(SbiRemitSpider)(quote(offered_rate=None))["offered_rate"] is None
    assert Chain(SbiRemitSpider)(quote(offered_rate=""))["offered_rate"] is None


@pytest.mark.parametrize(("fields", "reason"), [
    ({"provider": "<b></b>"}, "missing provider"),
    ({"fee": ""}, "missing fee"),
    ({"speed": ""}, "missing speed"),
    ({"provider": "P" * 201}, "provider longer than 200 characters"),
    ({"pay_out": "x" * 1_048_576}, "pay_out longer than 200 characters"),
    ({"provider": "SBI\x00 Remit"}, "provider has control characters"),
    ({"provider": "SBI \ufffd Remit"}, "provider has undecodable text"),
    ({"sending_country": "JPN"}, "sending_country is not an ISO 3166 country code"),
    ({"receiving_currency": "VNÐ"}, "receiving_currency is not an ISO 4217 currency code"),
    ({"fee_currency": "USD"}, "fee in USD, not the sending currency JPY"),
    ({"provider_type": "Post office"}, "unknown provider_type 'Post office'"),
    ({"pay_in": "Crypto"}, "unknown pay_in 'Crypto'"),
    ({"pay_out": "Locker pick-up"}, "unknown pay_out 'Locker pick-up'"),
    ({"speed": "Within 24 hours"}, "unknown speed 'Within 24 hours'"),
    ({"fee_mode": "included"}, "unknown fee_mode 'included'"),
    ({"amount_sent": "0"}, "amount_sent is zero"),
    ({"amount_sent": "-29000"}, "amount_sent is negative"),
    ({"amount_sent": "29,000"}, "amount_sent is not a decimal number"),
    ({"fee": "-1"}, "fee is negative"),
    ({"fee": "46O"}, "fee is not a decimal number"),
    ({"fee": "<b>460</b>"}, "fee is not a decimal number"),
    ({"offered_rate": "0"}, "offered_rate is zero"),
    ({"offered_rate": "-176.91"}, "offered_rate is negative"),
    ({"offered_rate": "n/a"}, "offered_rate is not a decimal number"),
])
def test_bad_quotes_are_rejected_with_their_reason(fields, reason):
    assert Chain(SbiRemitSpider).reason(quote(**fields)) == reason


def test_a_fee_of_zero_is_a_price():
    assert Chain(SbiRemitSpider)(quote(fee="0.00"))["fee"] == "0.00"


def test_unknown_words_are_counted_for_the_report():
    chain = Chain(SbiRemitSpider)
    chain.reason(quote(pay_out="Locker pick-up"))
    chain.reason(quote(pay_out="Locker pick-up", amount_sent="72000"))
    chain.reason(quote(speed="Within 24 hours"))
    assert problems.unknown_values(chain.crawler.stats) == {"pay_out": ["Locker pick-up"], "speed": ["Within 24 hours"]}
    assert problems.counts_under(chain.crawler.stats, problems.UNKNOWN_VALUE) == {
        "pay_out/Locker pick-up": 2, "speed/Within 24 hours": 1}


def test_the_second_price_of_a_product_and_amount_is_rejected():
    chain = Chain(SbiRemitSpider)
    chain(quote())
    assert chain.reason(quote(provider="sbi remit", amount_sent="29000.00", fee="500")) == (
        "duplicate provider, corridor, pay-in, pay-out and amount")
    assert chain(quote(amount_sent="72000"))["amount_sent"] == "72000"
    assert chain(quote(pay_out="Bank account deposit"))["pay_out"] == "bank"
    assert chain(quote(receiving_country="PH", receiving_currency="PHP"))["receiving_currency"] == "PHP"


def test_each_feed_has_its_own_chain_and_fields():
    project = get_project_settings()
    assert dict(project.getwithbase("ITEM_PIPELINES")) == settings.ITEM_PIPELINES  # the licence chain, unchanged
    licence_checks = set(settings.ITEM_PIPELINES)
    for spider, chain, fields in [
        (EcbRatesSpider, settings.RATE_PIPELINES, RATE_FIELDS), (NrbRatesSpider, settings.RATE_PIPELINES, RATE_FIELDS),
        (CbmRatesSpider, settings.RATE_PIPELINES, RATE_FIELDS), (WiseCompareSpider, settings.QUOTE_PIPELINES, QUOTE_FIELDS),
        (SbiRemitSpider, settings.QUOTE_PIPELINES, QUOTE_FIELDS),
    ]:
        crawler = Crawler(spider, project)  # the settings a crawl of the spider runs with
        assert dict(crawler.settings.getwithbase("ITEM_PIPELINES")) == chain, spider.name
        assert crawler.settings.getlist("FEED_EXPORT_FIELDS") == list(fields)
        assert not licence_checks & set(chain)
    crawler = Crawler(PhDmwSpider, project)
    assert dict(crawler.settings.getwithbase("ITEM_PIPELINES")) == settings.ITEM_PIPELINES
    assert not set(settings.RATE_PIPELINES) & set(settings.QUOTE_PIPELINES)


def test_a_money_spiders_report_lists_unknown_values_in_place_of_statuses(tmp_path):
    crawler = get_crawler(WiseCompareSpider, settings_dict={"LANTERN_REPORT_FILE": str(tmp_path / "report.json")})
    crawler.spider = WiseCompareSpider.from_crawler(crawler)
    report = CrawlReport.from_crawler(crawler)
    report.spider_opened()
    crawler.stats.set_value("item_scraped_count", 30)
    problems.record_unknown_value(crawler.stats, "speed", "from P2D")
    problems.record_unknown_value(crawler.stats, "provider_type", "travelMoney")
    problems.record_unknown_value(crawler.stats, "speed", "no estimate/soon")
    report.spider_closed(crawler.spider, "finished")
    written = json.loads((tmp_path / "report.json").read_text())
    assert list(written) == ["spider", "started_at", "finished_at", "finish_reason", "complete", "items", "rejected",
                             "reject_reasons", "unknown_values", "errors", "pages"]
    assert written["unknown_values"] == {"provider_type": ["travelMoney"], "speed": ["from P2D", "no estimate/soon"]}
    assert (written["complete"], written["items"]) == (True, 30)


def test_a_rejected_row_is_named_briefly_in_the_log():
    assert row_label({"licence_number": "POEA-089-LB-112514-R"}) == "POEA-089-LB-112514-R"
    assert row_label(rate(base="USD", quote="NPR")) == "USD/NPR 2025-06-12"
    assert row_label(quote(provider="P" * 1_048_576)) == "P" * 80
    assert row_label(quote()) == "SBI Remit 29000 JPY"


def test_each_money_spider_names_its_real_source_and_takes_base_url():
    expected = {
        EcbRatesSpider: ("ecb_rates", "https://www.ecb.europa.eu", "/stats/eurofxref/eurofxref-daily.xml"),
        NrbRatesSpider: ("nrb_rates", "https://www.nrb.org.np", "/api/forex/v1/rates?page={page}&per_page={per_page}&from={start}&to={end}"),
        CbmRatesSpider: ("cbm_rates", "https://forex.cbm.gov.mm", "/api/latest"),
        WiseCompareSpider: ("wise_compare", "https://api.wise.com", "/v4/comparisons"),
        SbiRemitSpider: ("sbi_remit", "https://www.remit.co.jp", "/en/kaigaisoukin/exchangeratecommission/commission/"),
    }
    paths = {EcbRatesSpider: "path", NrbRatesSpider: "api_path", CbmRatesSpider: "latest_path",
             WiseCompareSpider: "api_path", SbiRemitSpider: "fees_path"}
    for spider, (name, url, path) in expected.items():
        assert (spider.name, spider.default_base_url, getattr(spider, paths[spider])) == (name, url, path)
        assert spider().base_url == url
        assert spider(base_url="http://127.0.0.1:8123/").url("/x") == "http://127.0.0.1:8123/x"


def test_the_quote_spiders_take_corridors_and_amounts():
    wise = WiseCompareSpider()
    assert [str(corridor) for corridor in wise.corridors] == [
        "SG:SGD-PH:PHP", "HK:HKD-PH:PHP", "MY:MYR-ID:IDR", "QA:QAR-NP:NPR", "AE:AED-NP:NPR", "TH:THB-MM:MMK",
        "KR:KRW-KH:KHR", "JP:JPY-VN:VND"]
    assert [wise.amounts_for(corridor) for corridor in wise.corridors[:2]] == [("260", "650"), ("1560", "3900")]
    chosen = WiseCompareSpider(corridors="TH:THB-KH:USD", amounts="200,500")
    assert [str(c) for c in chosen.corridors] == ["TH:THB-KH:USD"] and chosen.amounts_for(chosen.corridors[0]) == ("200", "500")
    assert [str(c) for c in SbiRemitSpider().corridors] == ["JP:JPY-VN:VND", "JP:JPY-PH:PHP", "JP:JPY-NP:NPR", "JP:JPY-ID:IDR"]
    with pytest.raises(ValueError):
        WiseCompareSpider(corridors="SGD-PHX")


def test_a_corridor_without_rpw_amounts_is_an_error_once():
    crawler = get_crawler(WiseCompareSpider)
    spider = crawler.spider = WiseCompareSpider.from_crawler(crawler, corridors="BDT-NPR,BDT-INR")
    assert [spider.amounts_for(corridor) for corridor in spider.corridors] == [(), ()]
    assert problems.errors(crawler.stats) == ["no RPW amounts for BDT: give them with -a amounts=..."]


def test_the_rate_spiders_take_their_days():
    nrb = NrbRatesSpider(since="2025-06-08", until="2025-06-12", per_page="2")
    assert nrb.page(3).url == "https://www.nrb.org.np/api/forex/v1/rates?page=3&per_page=2&from=2025-06-08&to=2025-06-12"
    assert (NrbRatesSpider(until="2025-06-12").since, NrbRatesSpider().per_page) == (date(2025, 6, 6), 100)
    with pytest.raises(ValueError):
        NrbRatesSpider(since="2025-06-12", until="2025-06-08")
    assert CbmRatesSpider(dates="2025-06-11, 2025-06-12").dates == [date(2025, 6, 11), date(2025, 6, 12)]
    assert EcbRatesSpider(path="/stats/eurofxref/eurofxref-hist-90d.xml").path == "/stats/eurofxref/eurofxref-hist-90d.xml"


def test_no_absolute_path_of_this_machine_is_written_in_the_new_files():
    for folder in ("scrapers", "tests/scrapers"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".json", ".html", ".xml", ".md"):
                assert str(ROOT) not in path.read_text(encoding="utf-8", errors="replace"), path
