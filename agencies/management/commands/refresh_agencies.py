from agencies.management.commands._feedcommand import FeedCommand
from config.crawl import CrawlCommandMixin, add_crawl_arguments


class Command(CrawlCommandMixin, FeedCommand):
    help = "Crawls a registry with its spider (Scrapy, in its own process), then imports the feed."

    def add_arguments(self, parser):
        parser.add_argument("source", help="The registry source's key, which is also its spider's name, e.g. ph_dmw.")
        add_crawl_arguments(parser)

    def handle(self, *args, source, **options):
        source = self.source(source)
        crawl = self.crawl(source.key, options)
        self.import_feed(source, crawl.feed, crawl.report)
