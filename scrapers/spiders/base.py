"""What every spider shares, so that each spider is a short declaration of its source.

LanternSpider    base_url argument, requests that report their failures, errors, JSON bodies.
RegistrySpider   a licensing registry: items of the licence feed (scrapers.items.FIELDS).
HtmlTableSpider  a paginated HTML table read by its header texts.
PdfTableSpider   an HTML page that links to PDF lists, each a table read by its header texts.

The reference-rate and provider-price spiders have their own bases in scrapers.spiders.pricing.
"""

import json
import re

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from scrapers import problems
from scrapers.items import FIELDS, blank_item
from scrapers.middlewares import FETCHED_AT
from scrapers.tables import LayoutChanged, html_tables, pdf_tables
from scrapers.text import clean_text, utc_now


class LanternSpider(scrapy.Spider):
    """A spider for one public source.

    default_base_url   the source's real address; `-a base_url=...` points the spider elsewhere
    report_unknowns    the crawl report's key for values the spider read but could not map
    """

    default_base_url = ""
    report_unknowns = "unknown_statuses"

    def __init__(self, *args, base_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_url = (base_url or self.default_base_url).rstrip("/")

    def url(self, path):
        return self.base_url + path

    def request(self, url, callback, **kwargs):
        """A request whose failure (after retries) is recorded as a crawl error."""
        kwargs.setdefault("errback", self.page_failed)
        return scrapy.Request(url, callback=callback, **kwargs)

    def submit(self, response, form, callback, formdata=None, button=None):
        """Submits an HTML form as a browser would: its fields' current values, `formdata` over
        them, and the clicked `button`'s name and value (Scrapy's FormRequest.from_response is
        deprecated, and the library it points to is not a dependency)."""
        fields = []
        for field in form.xpath(".//input[@name] | .//select[@name] | .//textarea[@name]"):
            if "disabled" in field.attrib:
                continue
            name, tag = field.attrib["name"], field.root.tag.lower()
            kind = (field.attrib.get("type") or "text").lower()
            if tag == "input":
                if kind in {"submit", "image", "button", "reset", "file"}:
                    continue
                if kind in {"checkbox", "radio"} and "checked" not in field.attrib:
                    continue
                value = field.attrib.get("value", "on" if kind in {"checkbox", "radio"} else "")
            elif tag == "select":
                options = field.xpath(".//option[@selected]") or field.xpath(".//option")[:1]
                if not options:
                    continue
                value = options[0].attrib.get("value", options[0].xpath("normalize-space()").get())
            else:
                value = field.xpath("string()").get()
            fields.append((name, value))
        overrides = dict(formdata or {})
        fields = [(name, overrides.pop(name, value)) for name, value in fields] + list(overrides.items())
        if button is not None and "name" in button.attrib:
            fields.append((button.attrib["name"], button.attrib.get("value", "")))
        return scrapy.FormRequest(
            response.urljoin(form.attrib.get("action") or response.url),
            method=(form.attrib.get("method") or "GET").upper(),
            formdata=fields, callback=callback, errback=self.page_failed,
        )

    def page_failed(self, failure):
        if failure.check(HttpError):
            response = failure.value.response
            self.error(f"HTTP {response.status} at {response.url}")
        elif failure.check(IgnoreRequest):
            self.error(f"request to {failure.request.url} not made: {failure.value}")
        else:
            url = getattr(failure, "request", None) and failure.request.url
            self.error(f"download failed at {url}: {type(failure.value).__name__}: {failure.value}")

    def error(self, message):
        """Something that makes this crawl incomplete."""
        problems.record_error(self.crawler, message)

    def layout_changed(self, response, problem):
        """Records that a page no longer looks the way this spider expects."""
        if isinstance(problem, LayoutChanged):
            problem = str(problem)
        self.error(f"layout changed at {response.url}: {problem}")

    @staticmethod
    def fetched_at(response):
        return response.meta.get(FETCHED_AT) or utc_now()

    @staticmethod
    def json(response, **options):
        """A JSON body decoded with the declared encoding (a BOM wins); None when it is not JSON.
        `parse_float=decimal.Decimal` keeps a number's published digits."""
        try:
            return json.loads(response.text.lstrip("\ufeff"), **options)
        except (AttributeError, ValueError):
            return None

    def first_table(self, response, columns, selector=None):
        """The rows ({field: cell}) of the first HTML table with these columns (in `selector`, by default the
        whole page); None, recorded as a changed layout, when no table has them."""
        seen = []
        for headers, rows in html_tables(response if selector is None else selector):
            try:
                positions = columns.locate(headers)
            except LayoutChanged:
                seen.append(headers)
                continue
            return [columns.read(positions, cells) for cells in rows]
        found = max(seen, key=len) if seen else []
        self.layout_changed(response, LayoutChanged(columns.expected(), [clean_text(h) for h in found]))
        return None


class RegistrySpider(LanternSpider):
    """A spider for one licensing registry.

    country            ISO 3166-1 alpha-2 code of the regulator
    listed_status      the status of a row the registry gives none for: being on the list
    date_formats       strptime formats of the registry's dates (see scrapers.text.parse_date)
    month_names        lower-case month names in the registry's language, if it writes them
    """

    country = ""
    listed_status = ""
    date_formats = ("%Y-%m-%d",)
    month_names = None

    def item(self, response=None, *, source_url=None, fetched_at=None, **fields):
        """An item of the feed contract; the pipelines clean, validate and map it afterwards."""
        item = blank_item()
        item.update(
            source=self.name,
            country=self.country,
            status_raw=self.listed_status,
            source_url=source_url or response.url,
            fetched_at=fetched_at or self.fetched_at(response),
        )
        if not clean_text(fields.get("status_raw")):
            fields.pop("status_raw", None)  # a blank status cell: the row is on the list
        item.update((key, value) for key, value in fields.items() if key in FIELDS)
        return item


class HtmlTableSpider(RegistrySpider):
    """Reads the registry's table on each page, then follows the next page link.

    start_path        where the list starts
    columns           a scrapers.tables.Columns: which header texts hold which fields
    next_page_xpath   the link to the next page
    """

    start_path = "/"
    columns = None
    next_page_xpath = "//a[@rel='next']/@href"

    async def start(self):
        yield self.request(self.url(self.start_path), self.parse_table_page)

    def table_rows(self, response, columns=None):
        return self.first_table(response, columns or self.columns)

    def next_page(self, response):
        href = response.xpath(self.next_page_xpath).get()
        return response.urljoin(href.strip()) if href and href.strip() else None

    def paged_rows(self, response, columns=None):
        """(rows, next page URL) of a list page; rows is None when the table is missing."""
        rows = self.table_rows(response, columns)
        next_url = self.next_page(response)
        if rows == [] and next_url:
            self.error(f"no rows at {response.url}, though the registry links a next page")
        return rows, next_url

    def parse_table_page(self, response):
        rows, next_url = self.paged_rows(response)
        for row in rows or ():
            yield self.item(response, **row)
        if next_url:
            yield self.request(next_url, self.parse_table_page)


class PdfTableSpider(RegistrySpider):
    """Finds the PDF lists linked from a page and reads the table that runs through each.

    start_path       the page that links to the PDF(s)
    pdf_link_words   a PDF link whose text or address has one of these words is a list to read
    columns          a scrapers.tables.Columns; a page whose table does not start with the headers
                     continues the previous page's table
    """

    start_path = "/"
    pdf_link_words = ()
    columns = None

    async def start(self):
        yield self.request(self.url(self.start_path), self.parse_listing)

    def parse_listing(self, response):
        if not hasattr(response, "xpath"):
            self.layout_changed(response, "expected an HTML page linking to the PDF list")
            return
        found = False
        for link in response.xpath("//a[@href]"):
            href = link.xpath("@href").get().strip()
            label = clean_text(link.get()).casefold()
            if not re.search(r"\.pdf($|[?#])", href, re.IGNORECASE):
                continue
            words = self.pdf_link_words
            if words and not any(word in label or word in href.casefold() for word in words):
                continue
            found = True
            yield self.request(response.urljoin(href), self.parse_pdf)
        if not found:
            self.layout_changed(response, "expected a link to the PDF list, found none")

    def parse_pdf(self, response):
        if not response.body.startswith(b"%PDF"):
            self.layout_changed(response, "expected a PDF document")
            return
        try:
            tables = pdf_tables(response.body)
        except Exception as error:  # pdfminer raises many kinds of errors on a damaged file
            self.error(f"unreadable PDF at {response.url}: {type(error).__name__}: {error}")
            return
        positions, width, first_headers = None, None, None
        for table in tables:
            if not table:
                continue
            try:
                positions, width = self.columns.locate(table[0]), len(table[0])
                rows = table[1:]
            except LayoutChanged:
                first_headers = first_headers or table[0]
                if positions is None or len(table[0]) != width:
                    continue  # not the list's table, nor a continuation of it
                rows = table
            for cells in rows:
                if any(cell.strip() for cell in cells):
                    yield self.item(response, **self.columns.read(positions, cells))
        if positions is None:
            found = [clean_text(header) for header in first_headers or []]
            self.layout_changed(response, LayoutChanged(self.columns.expected(), found))
