"""Indonesia, KP2MI (formerly BP2MI): P3MI placement companies and the sanctions against them.

Two paginated HTML tables: the list of P3MI holding a SIP3MI licence (a licence runs one year and
is renewed, so a sanction may name an earlier licence number), and a separate list of sanctions.
The spider reads every sanction first, then the companies: a sanctioned company's row carries its
latest sanction as status_raw, with the sanction date as status_date, unless the company's current
licence was issued after that sanction (the sanction was on an earlier licence, and the renewal
ended it). A sanction whose company is no longer on the list (a revoked licence) becomes a row of
its own.
"""

import re

from scrapers.spiders.base import HtmlTableSpider
from scrapers.tables import Columns
from scrapers.text import clean_licence, clean_text, parse_date

MONTHS = {
    "januari": 1, "februari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "sep": 9,
    "okt": 10, "nov": 11, "des": 12,
}


def company_key(name):
    """A company name for matching across the two lists: no "PT", punctuation, case or spacing."""
    words = re.sub(r"[^\w]+", " ", clean_text(name).casefold()).split()
    return " ".join(word for word in words if word not in {"pt", "perseroan", "terbatas"})


class IdP3miSpider(HtmlTableSpider):
    name = "id_p3mi"
    country = "ID"
    default_base_url = "https://kp2mi.go.id"
    start_path = "/p3mi/sanksi"
    companies_path = "/p3mi"
    listed_status = "Terdaftar"
    date_formats = ("%d %m %Y", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d")
    month_names = MONTHS
    next_page_xpath = (
        "//ul[contains(@class, 'pagination')]"
        "//a[@rel='next' or normalize-space()='›' or normalize-space()='»' or normalize-space()='Berikutnya']/@href"
    )
    columns = Columns(
        name=("Nama Perusahaan", "Nama P3MI"),
        licence_number=("Nomor SIP3MI", "No. SIP3MI", "No SIP3MI", "Nomor Izin"),
        valid_from=("Tanggal Terbit", "Tanggal SIP3MI"),
        valid_until=("Berlaku Sampai", "Masa Berlaku"),
        address=("Alamat", "Alamat Kantor"),
        phone=("Telepon", "No. Telepon", "Telp"),
        email=("Email", "E-mail", "Surel"),
        website=("Website", "Situs"),
        status_raw=("Status", "Status SIP3MI"),  # not published today; read if it appears
        required=("name", "licence_number", "address"),
    )
    sanction_columns = Columns(
        name=("Nama P3MI", "Nama Perusahaan"),
        licence_number=("Nomor SIP3MI", "No. SIP3MI", "No SIP3MI"),
        status_raw=("Jenis Sanksi", "Sanksi"),
        status_date=("Tanggal Sanksi", "Tanggal"),
        required=("name", "status_raw", "status_date"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sanctions = []

    async def start(self):
        yield self.request(self.url(self.start_path), self.parse_sanctions, errback=self.sanctions_failed)

    # Sanctions first: every page of them, then the companies.

    def parse_sanctions(self, response):
        rows, next_url = self.paged_rows(response, self.sanction_columns)
        for row in rows or ():
            licence = clean_licence(row.get("licence_number"))
            licence = licence if re.search(r"[A-Z0-9]", licence) else ""  # "-" when none is given
            self.sanctions.append({
                **row,
                "licence_number": licence,
                "licence": licence,
                "key": company_key(row["name"]),
                "date": self._date(row["status_date"]),
                "source_url": response.url,
                "fetched_at": self.fetched_at(response),
                "used": False,
            })
        if next_url:
            yield self.request(next_url, self.parse_sanctions, errback=self.sanctions_failed)
        else:
            yield self.companies()

    def sanctions_failed(self, failure):
        """A lost sanctions page makes the crawl incomplete, but the companies are still read."""
        self.page_failed(failure)
        yield self.companies()

    def companies(self):
        return self.request(self.url(self.companies_path), self.parse_companies)

    def parse_companies(self, response):
        rows, next_url = self.paged_rows(response)
        for row in rows or ():
            sanction = self.latest_sanction(row)
            if sanction and sanction["date"] >= (self._date(row.get("valid_from")) or ""):
                row.update(status_raw=sanction["status_raw"], status_date=sanction["status_date"])
            yield self.item(response, **row)
        if next_url:
            yield self.request(next_url, self.parse_companies)
        else:
            yield from self.unmatched_sanctions()

    def latest_sanction(self, row):
        licence, key = clean_licence(row.get("licence_number")), company_key(row.get("name"))
        matches = [s for s in self.sanctions if licence and s["licence"] == licence]
        matches = matches or [s for s in self.sanctions if key and s["key"] == key]
        for sanction in matches:
            sanction["used"] = True
        return max(matches, key=lambda s: s["date"], default=None)

    def unmatched_sanctions(self):
        """Sanctioned companies that are not on the list: one row each, from the latest sanction."""
        latest = {}
        for sanction in self.sanctions:
            if sanction["used"]:
                continue
            identity = sanction["licence"] or sanction["key"]
            if identity not in latest or sanction["date"] >= latest[identity]["date"]:
                latest[identity] = sanction
        for sanction in latest.values():
            yield self.item(
                source_url=sanction["source_url"],
                fetched_at=sanction["fetched_at"],
                name=sanction["name"],
                licence_number=sanction.get("licence_number", ""),
                status_raw=sanction["status_raw"],
                status_date=sanction["status_date"],
            )

    def _date(self, value):
        """For ordering sanctions only; an unreadable date sorts first (the pipeline rejects it)."""
        try:
            return parse_date(value, self.date_formats, self.month_names).isoformat()
        except (ValueError, AttributeError):
            return ""
