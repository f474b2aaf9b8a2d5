"""The Scrapy project. It never imports Django: spiders yield items into feeds that the apps import."""

from scrapy.downloadermiddlewares import cookies
from tldextract import TLDExtract

# Scrapy's cookie middleware downloads the public suffix list the first time it sees a cookie
# (and logs an error where it cannot); the copy bundled with tldextract serves as well, offline.
cookies._split_domain = TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)
