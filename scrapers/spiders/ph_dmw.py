"""Philippines, Department of Migrant Workers (formerly POEA): licensed recruitment agencies.

The DMW web app fills its table from a paginated JSON endpoint (50 rows a page, Laravel-style:
{"current_page", "last_page", "per_page", "total", "data": [...]}); the same list is offered as a
CSV download. The spider reads the JSON page by page and checks the rows read against "total".
"""

from scrapers.spiders.base import RegistrySpider
from scrapers.tables import Columns, LayoutChanged


class PhDmwSpider(RegistrySpider):
    name = "ph_dmw"
    country = "PH"
    default_base_url = "https://dmw.gov.ph"
    api_path = "/api/licensed-agencies?page={page}"
    date_formats = ("%m/%d/%Y", "%Y-%m-%d")
    # JSON keys play the part of column headers.
    columns = Columns(
        name=("agency_name", "name", "agency"),
        licence_number=("license_no", "license_number", "licence_no"),
        status_raw=("status", "license_status"),
        valid_from=("validity_from", "valid_from", "issued_on"),
        valid_until=("validity_to", "valid_until", "validity_date", "expires_on"),
        address=("address", "office_address"),
        phone=("telephone", "telephone_no", "contact_no", "phone"),
        email=("email", "email_address"),
        website=("website",),
        required=("name", "licence_number", "status_raw", "address"),
    )
    envelope = ("data", "last_page", "total")
    max_pages = 1000  # about 80 today; a wild number is a broken response, not 50,000 agencies

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.last_page = None
        self.total = None
        self.pages_read = 0
        self.rows_read = 0

    async def start(self):
        yield self.page(1)

    def page(self, number):
        return self.request(self.url(self.api_path.format(page=number)), self.parse_page, cb_kwargs={"page": number})

    def parse_page(self, response, page):
        body = self.json(response)
        if not isinstance(body, dict) or any(key not in body for key in self.envelope):
            found = sorted(body) if isinstance(body, dict) else ["(not a JSON object)"]
            self.layout_changed(response, f"expected keys {', '.join(self.envelope)}, found {', '.join(found)}")
            return
        rows = body["data"]
        if not isinstance(rows, list):
            self.layout_changed(response, f"expected a list in data, found {type(rows).__name__}")
            return
        if page == 1:
            try:
                self.last_page, self.total = int(body["last_page"] or 1), int(body["total"] or 0)
            except (TypeError, ValueError):
                found = f"{body['last_page']!r}, {body['total']!r}"
                self.layout_changed(response, f"expected numbers in last_page and total, found {found}")
                return
            if self.last_page > self.max_pages:
                self.error(
                    f"the registry reports {self.last_page} pages at {response.url}, more than {self.max_pages}: not read"
                )
                return
            for number in range(2, self.last_page + 1):
                yield self.page(number)
        for row in rows:
            if not isinstance(row, dict):
                self.layout_changed(response, f"expected rows as JSON objects, found {type(row).__name__}")
                return
            try:
                positions = self.columns.locate(list(row))
            except LayoutChanged as problem:
                self.layout_changed(response, problem)
                return
            self.rows_read += 1
            yield self.item(response, **self.columns.read(positions, list(row.values())))
        self.pages_read += 1
        if self.pages_read == self.last_page and self.rows_read != self.total:
            self.error(f"read {self.rows_read} rows from {self.pages_read} pages, the registry reports {self.total}")
