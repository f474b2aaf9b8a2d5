"""SBI Remit (Japan): its published remittance fees and exchange rates, from yen to each country it serves.

Two public pages. The exchange rates: a table of each receiving currency and its rate per 1 JPY.
The fees: a section per receiving country (headed by the country's name) holding, for each group of
receiving methods (a heading such as "Cash pick-up and bank account deposit"), a table of amount
bands and the fee for each ("1 JPY – 50,000 JPY" | "460 JPY"), and a table of each receiving
method's delivery time ("Cash pick-up" | "Within minutes"). The fee is paid on top of the amount
sent; the sender pays in by bank transfer to SBI Remit's account (the bank's own transfer charge is
not SBI Remit's and is not in the fee).

For each corridor and amount the spider finds the amount's band and writes one price per receiving
method. A corridor whose country has no section, or a section without its tables, is a changed
layout; an amount that no band holds is rejected; a currency missing from the rate table has its
rate undisclosed (null).
"""

import re

import pycountry

from scrapers.money import NotANumber, decimal_text, parse_decimal
from scrapers.spiders.pricing import QuoteSpider
from scrapers.tables import Columns, LayoutChanged, html_tables
from scrapers.text import clean_text, normalise_label

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?", re.ASCII)
_OPEN_TOP = ("maximum", "max", "or more", "and above", "over")
_OPEN_BOTTOM = ("or less", "up to", "and below", "under")
_YEN = {"yen": "JPY", "円": "JPY", "¥": "JPY", "￥": "JPY"}
_FEE = re.compile(r"(?P<amount>.*?)\s*(?P<currency>[A-Z]{3}|(?i:yen)|円)?", re.DOTALL)
_METHOD_SEPARATORS = re.compile(r",|、|/|\band\b", re.IGNORECASE)


def fee_band(text):
    """(low, high) of an amount band's text as Decimals, high None when the band is open; None if unreadable."""
    numbers = []
    for found in _NUMBER.findall(text):
        try:
            numbers.append(parse_decimal(found, grouping=True))
        except NotANumber:
            return None
    words = text.casefold()
    if len(numbers) == 2 and numbers[0] <= numbers[1]:
        return numbers[0], numbers[1]
    if len(numbers) == 1 and any(word in words for word in _OPEN_TOP):
        return numbers[0], None
    if len(numbers) == 1 and any(word in words for word in _OPEN_BOTTOM):
        return None, numbers[0]
    return None


def fee_amount(text):
    """(fee as a decimal string, or as written when it is no number; its currency code, or "")."""
    text = text.strip()
    if normalise_label(text) in ("free", "no fee", "0"):
        return "0", ""
    match = _FEE.fullmatch(text.replace("¥", "").replace("￥", ""))
    amount, currency = match.group("amount").strip(), (match.group("currency") or "")
    currency = _YEN.get(currency.casefold(), currency)
    if ("¥" in text or "￥" in text) and not currency:
        currency = "JPY"
    try:
        return decimal_text(parse_decimal(amount, grouping=True)), currency
    except NotANumber:
        return amount, currency


class SbiRemitSpider(QuoteSpider):
    name = "sbi_remit"
    default_base_url = "https://www.remit.co.jp"
    rates_path = "/en/kaigaisoukin/exchangeratecommission/exchangerate/"
    fees_path = "/en/kaigaisoukin/exchangeratecommission/commission/"
    default_corridors = ("JPY-VND", "JPY-PHP", "JPY-NPR", "JPY-IDR")
    provider = "SBI Remit"
    provider_type = "Funds transfer service provider"  # its registration under Japan's Payment Services Act
    pay_in = "Bank transfer"
    fee_mode = "on_top"
    # How the fee page names a country when ISO 3166 (pycountry's name, common or official name) does not.
    country_names = {"VN": ("Vietnam",)}
    rate_columns = Columns(
        currency=("Currency", "Currency code"), rate=("Exchange rate (1 JPY)", "Rate (1 JPY)", "1 JPY", "Exchange rate"),
        required=("currency", "rate"),
    )
    fee_columns = Columns(
        band=("Remittance amount", "Amount sent", "Send amount"), fee=("Fee (tax incl.)", "Fee", "Remittance fee"),
        required=("band", "fee"),
    )
    delivery_columns = Columns(
        method=("Receiving method", "Method"), delivery=("Delivery time", "Delivery", "Time to receive"),
        required=("method", "delivery"),
    )

    async def start(self):
        yield self.request(self.url(self.rates_path), self.parse_rates)

    def parse_rates(self, response):
        table = self.first_table(response, self.rate_columns)
        if table is None:
            return
        rates = {clean_text(row["currency"]).upper(): clean_text(row["rate"]) for row in table}
        yield self.request(self.url(self.fees_path), self.parse_fees, cb_kwargs={"rates": rates})

    def parse_fees(self, response, rates):
        for corridor in self.corridors:
            section = self.country_section(response, corridor.receiving_country)
            if section is None:
                self.layout_changed(response, f"expected a fee section for {corridor.receiving_country}, found none")
                continue
            delivery = self.first_table(response, self.delivery_columns, section)
            if delivery is None:
                continue
            times = {normalise_label(row["method"]): clean_text(row["delivery"]) for row in delivery}
            fee_tables = self.fee_tables(response, section, corridor)
            rate = self.offered_rate(rates, corridor)
            for methods, bands in fee_tables:
                for amount in self.amounts_for(corridor):
                    fee, fee_currency, reject = self.fee_for(bands, amount)
                    if fee == "0" and not fee_currency:  # "Free": nothing to pay, in any currency
                        fee_currency = corridor.sending_currency
                    for method in methods:
                        yield self.quote(
                            response, corridor, provider=self.provider, provider_type=self.provider_type,
                            pay_in=self.pay_in, pay_out=method, speed=times.get(normalise_label(method), ""),
                            amount_sent=amount, fee=fee, fee_currency=fee_currency, fee_mode=self.fee_mode,
                            offered_rate=rate, reject=reject,
                        )

    def country_section(self, response, country):
        names = {normalise_label(name) for name in self.country_names.get(country, ())}
        known = pycountry.countries.get(alpha_2=country)
        for attribute in ("name", "common_name", "official_name"):
            if known is not None and getattr(known, attribute, None):
                names.add(normalise_label(getattr(known, attribute)))
        if not hasattr(response, "xpath"):
            return None
        for section in response.xpath("//section[h2]"):
            if normalise_label(section.xpath("./h2").get()) in names:
                return section
        return None

    def fee_tables(self, response, section, corridor):
        """[(receiving methods, [(low, high, fee cell)])]: each fee table of the section, under the heading
        that names its receiving methods. A missing or unreadable table is recorded as a changed layout."""
        found, seen = [], []
        for block in section.xpath(".//*[h3 and .//table]"):
            for headers, rows in html_tables(block):
                try:
                    positions = self.fee_columns.locate(headers)
                except LayoutChanged:
                    seen.append(headers)
                    continue
                heading = clean_text(block.xpath("./h3").get())
                methods = [method for method in map(clean_text, _METHOD_SEPARATORS.split(heading)) if method]
                bands = self.bands(response, [self.fee_columns.read(positions, cells) for cells in rows])
                if bands is not None:
                    found.append((methods, bands))
                break
        if not found and not seen:
            self.layout_changed(response, f"expected fee tables under receiving methods for {corridor.receiving_country}")
        elif not found:
            self.layout_changed(response, LayoutChanged(self.fee_columns.expected(), max(seen, key=len)))
        return found

    def bands(self, response, rows):
        """[(low, high, fee cell)] of a fee table's rows; None (recorded) when a band is unreadable."""
        bands = []
        for row in rows:
            band = fee_band(clean_text(row["band"]))
            if band is None:
                found = clean_text(row["band"])[:80]
                self.layout_changed(response, f"expected amount bands such as '1 JPY – 50,000 JPY', found {found!r}")
                return None
            bands.append((*band, clean_text(row["fee"])))
        return bands

    @staticmethod
    def fee_for(bands, amount):
        """(fee, fee currency, None) of the band holding the amount, or ("", "", the reason) when none does."""
        amount = parse_decimal(amount)
        for low, high, cell in bands:
            if (low is None or low <= amount) and (high is None or amount <= high):
                return (*fee_amount(cell), None)
        return "", "", "no fee band holds the amount"

    @staticmethod
    def offered_rate(rates, corridor):
        """The published rate for the corridor's currency (as written, or as a plain decimal), or None."""
        published = rates.get(corridor.receiving_currency)
        if published is None:
            return None
        try:
            return decimal_text(parse_decimal(published, grouping=True))
        except NotANumber:
            return published
