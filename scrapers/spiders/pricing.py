"""The bases of the money spiders: reference rates and provider prices, each with its own feed and chain.

ReferenceRateSpider  rates of a currency pair on a day (scrapers.items.RATE_FIELDS), RATE_PIPELINES
QuoteSpider          a provider's price in a corridor for an amount (QUOTE_FIELDS), QUOTE_PIPELINES

Both replace the project's licence chain and feed fields with their own (custom_settings), and
report the words they could not map under "unknown_values".
"""

from scrapers import problems, settings
from scrapers.corridors import RPW_AMOUNTS, parse_amounts, parse_corridors
from scrapers.items import QUOTE_FIELDS, RATE_FIELDS, blank_quote, blank_rate
from scrapers.spiders.base import LanternSpider


class MoneySpider(LanternSpider):
    report_unknowns = "unknown_values"

    @staticmethod
    def rejected(item, reason):
        """The item, marked to be rejected with this reason by the first check of the chain."""
        item[problems.REJECT] = reason
        return item


class ReferenceRateSpider(MoneySpider):
    """A publisher of reference rates: `rate` units of `quote` per 1 `base`, on `date`."""

    custom_settings = {"ITEM_PIPELINES": settings.RATE_PIPELINES, "FEED_EXPORT_FIELDS": list(RATE_FIELDS)}

    def rate(self, response, *, base, quote, rate, date, reject=None):
        item = blank_rate()
        item.update(
            source=self.name, base=base, quote=quote, rate=rate, date=date,
            source_url=response.url, fetched_at=self.fetched_at(response),
        )
        return self.rejected(item, reject) if reject else item


class QuoteSpider(MoneySpider):
    """A provider's (or a comparison's) prices, for each corridor and amount of the crawl.

    default_corridors  "SGD-PHP" or "TH:THB-KH:USD" specs; `-a corridors=SGD-PHP,HKD-PHP` replaces them
    amounts            RPW_AMOUNTS of each corridor's sending currency, or `-a amounts=200,500` for all
    """

    custom_settings = {"ITEM_PIPELINES": settings.QUOTE_PIPELINES, "FEED_EXPORT_FIELDS": list(QUOTE_FIELDS)}
    default_corridors = ()

    def __init__(self, *args, corridors=None, amounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.corridors = parse_corridors(corridors or self.default_corridors)
        self.amounts = parse_amounts(amounts) if amounts else None

    def amounts_for(self, corridor):
        """The amounts to price in a corridor; none (and an error) when its sending currency has no RPW amounts."""
        if self.amounts:
            return self.amounts
        amounts = RPW_AMOUNTS.get(corridor.sending_currency)
        if amounts is None:
            message = f"no RPW amounts for {corridor.sending_currency}: give them with -a amounts=..."
            if message not in problems.errors(self.crawler.stats):
                self.error(message)
            return ()
        return amounts

    def quote(self, response, corridor, *, reject=None, **fields):
        item = blank_quote()
        item.update(source=self.name, source_url=response.url, fetched_at=self.fetched_at(response), **corridor.fields())
        item.update((key, value) for key, value in fields.items() if key in QUOTE_FIELDS)
        return self.rejected(item, reject) if reject else item
