"""European Central Bank: the euro foreign exchange reference rates, published each TARGET working day.

eurofxref-daily.xml is a gesmes:Envelope whose Cube holds one Cube per day (time="YYYY-MM-DD"), which
holds one Cube per currency (currency="USD" rate="1.0823": US dollars per 1 euro). The 90-day history
(eurofxref-hist-90d.xml) has the same shape with more days: `-a path=/stats/eurofxref/eurofxref-hist-90d.xml`.
The ECB publishes SGD, MYR, IDR, PHP, THB, HKD, INR, KRW, JPY, USD and others, but not NPR, AED,
QAR, SAR or MMK (nrb_rates and cbm_rates publish those against their own currencies).
"""

from parsel import Selector

from scrapers.spiders.pricing import ReferenceRateSpider

_CUBE = "*[local-name()='Cube']"


class EcbRatesSpider(ReferenceRateSpider):
    name = "ecb_rates"
    default_base_url = "https://www.ecb.europa.eu"
    path = "/stats/eurofxref/eurofxref-daily.xml"
    base_currency = "EUR"

    def __init__(self, *args, path=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.path = path or self.path

    async def start(self):
        yield self.request(self.url(self.path), self.parse_rates)

    def parse_rates(self, response):
        try:
            document = Selector(text=response.text, type="xml")
        except (AttributeError, ValueError):
            document = None
        envelope = document.xpath(f"/*[local-name()='Envelope']/{_CUBE}") if document is not None else []
        if not envelope:
            root = document.xpath("name(/*)").get() if document is not None else ""
            self.layout_changed(response, f"expected a gesmes:Envelope holding a Cube, found {root or 'no XML'}")
            return
        days = envelope[0].xpath(f"./{_CUBE}")
        if any("time" not in day.attrib for day in days):
            self.layout_changed(response, "expected a Cube with a time attribute for each day")
            return
        for day in days:
            cubes = day.xpath(f"./{_CUBE}")
            if any("currency" not in cube.attrib or "rate" not in cube.attrib for cube in cubes):
                self.layout_changed(response, f"expected Cubes with currency and rate attributes on {day.attrib['time']}")
                return
            for cube in cubes:
                yield self.rate(
                    response, base=self.base_currency, quote=cube.attrib["currency"], rate=cube.attrib["rate"],
                    date=day.attrib["time"],
                )
