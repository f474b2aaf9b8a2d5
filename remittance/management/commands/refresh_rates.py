from config.crawl import CrawlCommandMixin, add_crawl_arguments
from remittance.management.commands._importcommand import ImportCommand
from remittance.tasks import RATE_SPIDERS


class Command(CrawlCommandMixin, ImportCommand):
    help = "Crawls a publisher of reference rates with its spider (Scrapy, in its own process), then imports the rates."

    def add_arguments(self, parser):
        parser.add_argument("spider", help=f"The rate spider: {', '.join(RATE_SPIDERS)}. Its rates are stored under "
                                           "its name without _rates (ecb_rates: ecb).")
        add_crawl_arguments(parser)

    def handle(self, *args, spider, **options):
        spider = self.known_spider(spider, RATE_SPIDERS)
        self.import_rates(self.crawl(spider, options).feed, spider.removesuffix("_rates"))
