from config.crawl import CrawlCommandMixin, add_crawl_arguments
from remittance.management.commands._importcommand import ImportCommand
from remittance.tasks import PRICE_SPIDERS


class Command(CrawlCommandMixin, ImportCommand):
    help = "Crawls providers' prices with a pricing spider (Scrapy, in its own process), then imports the feed."

    def add_arguments(self, parser):
        parser.add_argument("spider", help=f"The pricing spider: {', '.join(PRICE_SPIDERS)}. Its quotes are stored under its name.")
        add_crawl_arguments(parser)
        self.add_min_row_share_argument(parser)

    def handle(self, *args, spider, min_row_share, **options):
        share = self.min_row_share(min_row_share)
        spider = self.known_spider(spider, PRICE_SPIDERS)
        self.import_prices(self.crawl(spider, options).feed, spider, share)
