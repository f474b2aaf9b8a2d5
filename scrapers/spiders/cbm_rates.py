"""Central Bank of Myanmar: the reference exchange rates of the kyat.

The forex site's API answers {"info", "description", "timestamp", "rates": {"USD": "2,100.0", ...}}:
kyat per unit of each currency, as text with thousands separators, at /api/latest or, for a past
day, /api/history/DD-MM-YYYY. The timestamp (Unix seconds) dates the rates, read in Myanmar's time.
CBM quotes a few currencies per 100 units, as its rate table says ("JPY 100"): `units` lists them,
and the feed carries the rate per 1 unit ("1,458.2" per 100 JPY gives 14.582).

`-a dates=2025-06-11,2025-06-12` reads those days from the history instead of the latest rates.
"""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from scrapers.money import NotANumber, decimal_text, parse_decimal
from scrapers.spiders.pricing import ReferenceRateSpider

MYANMAR_TIME = timezone(timedelta(hours=6, minutes=30))


class CbmRatesSpider(ReferenceRateSpider):
    name = "cbm_rates"
    default_base_url = "https://forex.cbm.gov.mm"
    latest_path = "/api/latest"
    history_path = "/api/history/{day:%d-%m-%Y}"
    quote_currency = "MMK"
    # Currencies CBM quotes per 100 units (its rate table writes "JPY 100"); the others are per 1.
    units = {"JPY": 100, "KRW": 100, "IDR": 100, "VND": 100, "KHR": 100, "LAK": 100}

    def __init__(self, *args, dates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dates = [date.fromisoformat(day.strip()) for day in (dates or "").split(",") if day.strip()]

    async def start(self):
        if not self.dates:
            yield self.request(self.url(self.latest_path), self.parse_rates)
        for day in self.dates:
            yield self.request(self.url(self.history_path.format(day=day)), self.parse_rates)

    def parse_rates(self, response):
        body = self.json(response, parse_float=Decimal)
        rates = body.get("rates") if isinstance(body, dict) else None
        if not isinstance(rates, dict) or "timestamp" not in body:
            found = sorted(body) if isinstance(body, dict) else ["(not a JSON object)"]
            self.layout_changed(response, f"expected keys rates and timestamp, found {', '.join(found)}")
            return
        try:
            day = datetime.fromtimestamp(int(str(body["timestamp"]).strip()), MYANMAR_TIME).date()
        except (ValueError, OverflowError, OSError):
            self.layout_changed(response, f"expected a Unix time in timestamp, found {str(body['timestamp'])[:40]!r}")
            return
        for currency, published in rates.items():
            yield self.rate(
                response, base=currency, quote=self.quote_currency, rate=self.per_unit(currency, published),
                date=day.isoformat(),
            )

    def per_unit(self, currency, published):
        """The published rate per 1 unit with its digits; the published text itself when it is no number
        (the chain then rejects it, and the rejects file shows it)."""
        try:
            rate = parse_decimal(published, grouping=True)
        except NotANumber:
            return published
        return decimal_text(rate / self.units.get(currency, 1))
