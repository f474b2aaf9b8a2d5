"""Two small middlewares: when each response arrived, and how many registry pages were read."""

from scrapers import problems
from scrapers.text import utc_now

FETCHED_AT = "lantern_fetched_at"


class FetchedAtMiddleware:
    """Downloader middleware: stamps each response with the UTC time it was received."""

    def process_response(self, request, response):
        request.meta[FETCHED_AT] = utc_now()
        return response


class PageCounterMiddleware:
    """Spider middleware, after HttpErrorMiddleware: counts the responses that reach a callback."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_input(self, response):
        self.crawler.stats.inc_value(problems.PAGES)
