"""Hong Kong, Labour Department, Employment Agencies Administration: licensed employment agencies.

The search sits behind a disclaimer whose "I accept" form must be submitted first (the site keeps
the acceptance in a session cookie); the search form, submitted with no criteria and all districts,
lists every agency holding a valid licence, in pages. Each row has the English and Chinese names;
pages may be UTF-8 or Big5, as declared.
"""

from scrapers.spiders.base import HtmlTableSpider
from scrapers.tables import Columns
from scrapers.text import normalise_label


class HkEaaSpider(HtmlTableSpider):
    name = "hk_eaa"
    country = "HK"
    default_base_url = "https://www.eaa.labour.gov.hk"
    start_path = "/en/disclaimer-search.html"
    accept_labels = ("i accept", "accept", "agree", "i agree", "同意", "接受")
    all_labels = ("all", "all districts", "全部", "所有地區")
    listed_status = "Valid licence"
    next_page_xpath = "//a[@rel='next' or normalize-space()='Next' or normalize-space()='下一頁']/@href"
    columns = Columns(
        name=("Name of Employment Agency (English)", "English Name", "Name (English)"),
        name_local=("Name of Employment Agency (Chinese)", "Chinese Name", "Name (Chinese)", "中文名稱"),
        licence_number=("Licence No.", "Licence Number", "License No.", "牌照號碼"),
        address=("Address", "地址"),
        phone=("Telephone", "Tel", "Telephone No.", "電話"),
        email=("Email", "E-mail", "電郵"),
        website=("Website", "網址"),
        status_raw=("Status", "Licence Status", "狀況"),  # not published today; read if it appears
        required=("name", "licence_number", "address"),
    )

    async def start(self):
        yield self.request(self.url(self.start_path), self.parse_disclaimer)

    def parse_disclaimer(self, response):
        for form in response.xpath("//form"):
            for button in form.xpath(".//button | .//input[@type='submit']"):
                labels = {normalise_label(button.xpath(text).get() or "") for text in ("string()", "@value")}
                if labels & set(self.accept_labels):
                    yield self.submit(response, form, self.parse_search_form, button=button)
                    return
        self.layout_changed(response, "expected the disclaimer's accept form, found none")

    def parse_search_form(self, response):
        """Submits the search form empty, with "all" chosen in every list."""
        for form in response.xpath("//form[.//select]"):
            formdata = {
                field.attrib["name"]: ""
                for field in form.xpath(".//input[@name][not(@type) or @type='text' or @type='search']")
            }
            for select in form.xpath(".//select[@name]"):
                options = select.xpath(".//option")
                chosen = next(
                    (o for o in options if normalise_label(o.xpath("string()").get()) in self.all_labels),
                    next((o for o in options if not o.attrib.get("value")), None),
                )
                if chosen is not None:
                    formdata[select.attrib["name"]] = chosen.attrib.get("value", "")
            yield self.submit(response, form, self.parse_table_page, formdata=formdata)
            return
        self.layout_changed(response, "expected the search form, found none")
