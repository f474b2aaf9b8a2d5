"""Scrapy settings for Lantern's spiders: polite, identified, and writing JSON-lines feeds."""

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

FEED_EXPORT_ENCODING = "utf-8"
