"""Scrapy settings for Lantern's spiders: polite, identified, and writing JSON-lines feeds."""

from scrapers.items import FIELDS

BOT_NAME = "lantern"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"

USER_AGENT = "LanternBot/0.1 (+registry monitor for migrant workers; contact via the Lantern site)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
RETRY_TIMES = 2
HTTPCACHE_ENABLED = False
TELNETCONSOLE_ENABLED = False

FEED_EXPORT_ENCODING = "utf-8"
# The feed contract (scrapers/items.py): every key, in this order, on every line.
FEED_EXPORT_FIELDS = list(FIELDS)

# Validation: each check rejects a bad row into LANTERN_REJECTS_FILE with its reason.
# The licence chain is the project's default; the money spiders' bases (scrapers.spiders.pricing)
# replace it with their own chain and feed fields (RATE_* and QUOTE_* below).
ITEM_PIPELINES = {
    "scrapers.pipelines.NormalisePipeline": 100,
    "scrapers.pipelines.RequiredPipeline": 200,
    "scrapers.pipelines.LengthPipeline": 300,
    "scrapers.pipelines.TextPipeline": 400,
    "scrapers.pipelines.LicenceFormatPipeline": 500,
    "scrapers.pipelines.DatesPipeline": 600,
    "scrapers.pipelines.DuplicatePipeline": 700,
    "scrapers.pipelines.StatusPipeline": 800,
}
# Reference rates (scrapers.items.RATE_FIELDS).
RATE_PIPELINES = {
    "scrapers.price_pipelines.RateNormalisePipeline": 100,
    "scrapers.price_pipelines.RateRequiredPipeline": 200,
    "scrapers.price_pipelines.RateLengthPipeline": 300,
    "scrapers.price_pipelines.RateCurrencyPipeline": 400,
    "scrapers.price_pipelines.RateValuePipeline": 500,
    "scrapers.price_pipelines.RateDatePipeline": 600,
    "scrapers.price_pipelines.RateDuplicatePipeline": 700,
}
# Provider prices (scrapers.items.QUOTE_FIELDS).
QUOTE_PIPELINES = {
    "scrapers.price_pipelines.QuoteNormalisePipeline": 100,
    "scrapers.price_pipelines.QuoteRequiredPipeline": 200,
    "scrapers.price_pipelines.QuoteLengthPipeline": 300,
    "scrapers.price_pipelines.QuoteTextPipeline": 400,
    "scrapers.price_pipelines.QuoteCodesPipeline": 500,
    "scrapers.price_pipelines.VocabularyPipeline": 600,
    "scrapers.price_pipelines.QuoteAmountsPipeline": 700,
    "scrapers.price_pipelines.QuoteDuplicatePipeline": 800,
}
DOWNLOADER_MIDDLEWARES = {"scrapers.middlewares.FetchedAtMiddleware": 950}
SPIDER_MIDDLEWARES = {"scrapers.middlewares.PageCounterMiddleware": 60}
EXTENSIONS = {
    "scrapers.extensions.Rejects": 500,
    "scrapers.extensions.CrawlReport": 510,
}
LOG_FORMATTER = "scrapers.logformatter.LanternLogFormatter"

# Paths, set per run: -s LANTERN_REJECTS_FILE=... -s LANTERN_REPORT_FILE=...
LANTERN_REJECTS_FILE = None
LANTERN_REPORT_FILE = None
LOG_LEVEL = "INFO"
