"""The rejects file and the crawl report, written for the importer and for the people who run it.

LANTERN_REJECTS_FILE: one JSON object per rejected row,
    {"reason": ..., "item": {...}, "source_url": ..., "fetched_at": ...}
LANTERN_REPORT_FILE: one JSON object for the whole crawl, written when the spider closes,
    {"spider", "started_at", "finished_at", "finish_reason", "complete", "items", "rejected",
     "reject_reasons", "unknown_statuses", "errors", "pages"}
    where a money spider (report_unknowns = "unknown_values") has "unknown_values" in place of
    "unknown_statuses": {field: [the source's words no mapping knows]}.
"""

import json
import logging
from pathlib import Path

from scrapy import signals

from scrapers import problems
from scrapers.text import utc_now

logger = logging.getLogger(__name__)

# A rejected value longer than this is shortened in the rejects file (its length is kept).
REJECTS_VALUE_LIMIT = 2000


def _shorten(value):
    if isinstance(value, str) and len(value) > REJECTS_VALUE_LIMIT:
        return f"{value[:REJECTS_VALUE_LIMIT]}… [{len(value)} characters in all]"
    return value


class Rejects:
    """Writes every dropped row with its reason, and counts the reasons in the crawler's stats."""

    def __init__(self, crawler):
        self.crawler = crawler
        path = crawler.settings.get("LANTERN_REJECTS_FILE")
        self.path = Path(path) if path else None
        self.file = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self):
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.file = self.path.open("w", encoding="utf-8")

    def item_dropped(self, item, response, exception):
        reason = getattr(exception, "reason", None) or str(exception) or type(exception).__name__
        stats = self.crawler.stats
        stats.inc_value(problems.REJECTED)
        stats.inc_value(problems.REJECTED_REASON + reason)
        row = dict(item)
        source_url = row.get("source_url") or getattr(response, "url", "") or ""
        if self.file:
            line = {
                "reason": reason,
                "item": {key: _shorten(value) for key, value in row.items()},
                "source_url": source_url,
                "fetched_at": row.get("fetched_at") or "",
            }
            self.file.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.file.flush()

    def spider_closed(self):
        if self.file:
            self.file.close()


class CrawlReport:
    """Says whether the crawl is complete: a failed page or a changed layout makes it incomplete."""

    def __init__(self, crawler):
        self.crawler = crawler
        path = crawler.settings.get("LANTERN_REPORT_FILE")
        self.path = Path(path) if path else None
        self.started_at = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self):
        self.started_at = utc_now()

    def spider_error(self, failure, response):
        url = getattr(response, "url", "") or getattr(getattr(response, "request", None), "url", "")
        problems.record_error(
            self.crawler, f"spider error at {url}: {type(failure.value).__name__}: {failure.value}"
        )

    def item_error(self, failure, response):
        url = getattr(response, "url", "")
        problems.record_error(
            self.crawler, f"pipeline error on a row from {url}: {type(failure.value).__name__}: {failure.value}"
        )

    def report(self, spider, reason):
        stats = self.crawler.stats
        errors = problems.errors(stats)
        return {
            "spider": spider.name,
            "started_at": self.started_at,
            "finished_at": utc_now(),
            "finish_reason": reason,
            "complete": reason == "finished" and not errors,
            "items": stats.get_value("item_scraped_count", 0),
            "rejected": stats.get_value(problems.REJECTED, 0),
            "reject_reasons": dict(sorted(problems.counts_under(stats, problems.REJECTED_REASON).items())),
            **self.unknowns(spider),
            "errors": errors,
            "pages": stats.get_value(problems.PAGES, 0),
        }

    def unknowns(self, spider):
        stats = self.crawler.stats
        if getattr(spider, "report_unknowns", "unknown_statuses") == "unknown_values":
            return {"unknown_values": problems.unknown_values(stats)}
        return {"unknown_statuses": sorted(problems.counts_under(stats, problems.UNKNOWN_STATUS))}

    def spider_closed(self, spider, reason):
        report = self.report(spider, reason)
        logger.info(
            "Crawl report: complete=%(complete)s items=%(items)s rejected=%(rejected)s errors=%(count)s",
            {**report, "count": len(report["errors"])},
        )
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
