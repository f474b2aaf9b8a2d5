"""Nepal Rastra Bank: the foreign exchange rates it fixes each day, against the Nepalese rupee.

The forex API (/api/forex/v1/rates?page=&per_page=&from=&to=) answers a date range in pages of days:
{"data": {"payload": [{"date", "published_on", "rates": [{"currency": {"iso3", "name", "unit"},
"buy", "sell"}, ...]}, ...]}, "pagination": {"page", "pages", "per_page", "total"}}. A rate is quoted
per `unit` of the foreign currency (1, or 10 and 100 for JPY, INR, KRW...). The feed carries the mid
rate per 1 unit: (buy + sell) / 2 / unit, in Decimal, so 160.00 and 160.15 per 100 INR give 1.60075.

`-a since=2025-06-08 -a until=2025-06-12` chooses the days (by default the last 7, in Nepal's time).
"""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, localcontext

from scrapers.money import NotANumber, decimal_text, parse_decimal, sign_problem
from scrapers.spiders.pricing import ReferenceRateSpider
from scrapers.tables import Columns, LayoutChanged, json_object_row

NEPAL_TIME = timezone(timedelta(hours=5, minutes=45))


def mid_rate(buy, sell, unit):
    """(the mid rate per 1 unit as a decimal string, None), or (None, the reason it cannot be computed)."""
    numbers = {}
    for name, raw in (("buy", buy), ("sell", sell)):
        try:
            numbers[name] = parse_decimal(raw)
        except NotANumber as problem:
            return None, f"{name} {problem}"
        problem = sign_problem(numbers[name])
        if problem:
            return None, f"{name} {problem}"
    try:
        units = parse_decimal(unit)
    except NotANumber:
        units = None
    if units is None or units <= 0 or units != units.to_integral_value():
        return None, "unit is not a positive whole number"
    with localcontext() as context:
        context.prec = 28
        return decimal_text((numbers["buy"] + numbers["sell"]) / 2 / units), None


class NrbRatesSpider(ReferenceRateSpider):
    name = "nrb_rates"
    default_base_url = "https://www.nrb.org.np"
    api_path = "/api/forex/v1/rates?page={page}&per_page={per_page}&from={start}&to={end}"
    quote_currency = "NPR"
    per_page = 100
    days = 7
    max_pages = 1000
    rate_columns = Columns(currency=("currency",), buy=("buy",), sell=("sell",), required=("currency", "buy", "sell"))
    currency_columns = Columns(iso3=("iso3",), unit=("unit",), required=("iso3", "unit"))

    def __init__(self, *args, since=None, until=None, per_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.until = date.fromisoformat(until) if until else datetime.now(NEPAL_TIME).date()
        self.since = date.fromisoformat(since) if since else self.until - timedelta(days=self.days - 1)
        if self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        self.per_page = int(per_page or self.per_page)
        self.pages = None
        self.total = None
        self.pages_read = 0
        self.days_read = 0

    async def start(self):
        yield self.page(1)

    def page(self, number):
        url = self.url(self.api_path.format(page=number, per_page=self.per_page, start=self.since, end=self.until))
        return self.request(url, self.parse_page, cb_kwargs={"page": number})

    def parse_page(self, response, page):
        body = self.json(response, parse_float=Decimal)
        data = body.get("data") if isinstance(body, dict) else None
        pagination = body.get("pagination") if isinstance(body, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("payload"), list) or not isinstance(pagination, dict):
            found = sorted(body) if isinstance(body, dict) else ["(not a JSON object)"]
            self.layout_changed(response, f"expected keys data.payload and pagination, found {', '.join(found)}")
            return
        if page == 1:
            try:
                self.pages, self.total = int(pagination["pages"] or 1), int(pagination.get("total") or 0)
            except (KeyError, TypeError, ValueError):
                self.layout_changed(response, f"expected the number of pages in pagination, found {sorted(pagination)}")
                return
            if self.pages > self.max_pages:
                self.error(f"the API reports {self.pages} pages at {response.url}, more than {self.max_pages}: not read")
                return
            for number in range(2, self.pages + 1):
                yield self.page(number)
        for day in data["payload"]:
            if not isinstance(day, dict) or "date" not in day or not isinstance(day.get("rates"), list):
                self.layout_changed(response, "expected days with a date and a list of rates")
                return
            for row in day["rates"]:
                try:
                    read = json_object_row(self.rate_columns, row)
                    currency = json_object_row(self.currency_columns, read["currency"])
                except LayoutChanged as problem:
                    self.layout_changed(response, problem)
                    return
                rate, reason = mid_rate(read["buy"], read["sell"], currency["unit"])
                yield self.rate(
                    response, base=currency["iso3"], quote=self.quote_currency, rate=rate or "", date=day["date"],
                    reject=reason,
                )
            self.days_read += 1
        self.pages_read += 1
        if self.pages_read == self.pages and self.total and self.days_read != self.total:
            self.error(f"read {self.days_read} days from {self.pages_read} pages, the API reports {self.total}")
