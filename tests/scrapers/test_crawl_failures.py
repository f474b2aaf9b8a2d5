"""Failures that are no registry's layout: they make the crawl incomplete, whatever the spider."""

import json
from datetime import datetime

from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from scrapers import problems
from scrapers.extensions import CrawlReport
from scrapers.spiders.ph_dmw import PhDmwSpider
from tests.http_server import LoopbackServer
from tests.scrapers.support import crawl, recorded_text, serve_recording

API = "/api/licensed-agencies"


def test_an_unreachable_registry_is_an_incomplete_crawl(tmp_path):
    with LoopbackServer() as stopped:
        url = stopped.url  # a port nothing listens on once the server stops
    result = crawl("ph_dmw", url, tmp_path)
    assert result.returncode == 0
    assert result.report["complete"] is False
    [error] = result.report["errors"]
    assert error.startswith(f"download failed at {url}{API}?page=1: ")
    assert "Connection" in error
    assert result.items == [] and result.report["pages"] == 0


def test_a_robots_txt_that_forbids_the_list_is_an_incomplete_crawl(server, tmp_path):
    serve_recording(server, "hk_eaa")
    server.add("/robots.txt", "User-agent: *\nDisallow: /en/\n", content_type="text/plain")
    result = crawl("hk_eaa", server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"request to {server.url}/en/disclaimer-search.html not made: Forbidden by robots.txt"
    ]


def test_a_wild_page_count_is_not_followed(server, tmp_path):
    body = json.loads(recorded_text("ph_dmw", "page-1.json"))
    body["last_page"] = 10**9
    server.add(API, json.dumps(body), query={"page": "1"}, content_type="application/json")
    result = crawl("ph_dmw", server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"the registry reports 1000000000 pages at {server.url}{API}?page=1, more than 1000: not read",
    ]
    assert [r.params for r in server.requests if r.path == API] == [{"page": "1"}]


def report_for(spider_class, **settings):
    crawler = get_crawler(spider_class, settings_dict=settings)
    crawler.spider = spider_class.from_crawler(crawler)
    return crawler, CrawlReport.from_crawler(crawler)


def test_the_report_has_exactly_its_keys_and_counts_from_the_stats(tmp_path):
    crawler, report = report_for(PhDmwSpider, LANTERN_REPORT_FILE=str(tmp_path / "report.json"))
    report.spider_opened()
    crawler.stats.set_value("item_scraped_count", 5)
    crawler.stats.inc_value(problems.REJECTED, 2)
    crawler.stats.inc_value(problems.REJECTED_REASON + "duplicate licence_number", 2)
    crawler.stats.inc_value(problems.UNKNOWN_STATUS + "Inactive")
    crawler.stats.inc_value(problems.PAGES, 3)
    report.spider_closed(crawler.spider, "finished")
    written = json.loads((tmp_path / "report.json").read_text())
    assert list(written) == ["spider", "started_at", "finished_at", "finish_reason", "complete", "items", "rejected",
                             "reject_reasons", "unknown_statuses", "errors", "pages"]
    assert {key: written[key] for key in list(written)[3:]} == {
        "finish_reason": "finished", "complete": True, "items": 5, "rejected": 2,
        "reject_reasons": {"duplicate licence_number": 2}, "unknown_statuses": ["Inactive"], "errors": [], "pages": 3,
    }
    assert datetime.fromisoformat(written["started_at"]) <= datetime.fromisoformat(written["finished_at"])


def test_a_spider_exception_or_an_interrupted_crawl_is_incomplete():
    crawler, report = report_for(PhDmwSpider)
    report.spider_opened()
    try:
        raise KeyError("agency_name")
    except KeyError:
        failure = Failure()
    report.spider_error(failure, HtmlResponse("http://registry.example/list?page=2", body=b""))
    assert report.report(crawler.spider, "finished")["errors"] == [
        "spider error at http://registry.example/list?page=2: KeyError: 'agency_name'"
    ]
    assert report.report(crawler.spider, "finished")["complete"] is False
    crawler, report = report_for(PhDmwSpider)
    assert report.report(crawler.spider, "shutdown")["complete"] is False
