"""Reading the World Bank's Remittance Prices Worldwide (RPW) workbook as hostile input.

The World Bank publishes RPW as an .xlsx workbook whose sheet "Dataset (from Q2 2016)" has one row per
product and quarter, with two price points: the equivalent of USD 200 (cc1) and of USD 500 (cc2) in the
sending currency. The sheet is streamed (openpyxl's read-only mode), so memory does not grow with it, and
its columns are found by their header names (case, spaces and underscores do not matter), never by position.

A workbook that cannot be trusted as a whole (not an .xlsx file, damaged, without the sheet, or lacking
columns) raises RpwError and nothing from it is applied. A bad row becomes a Rejection with its reason; a
row with one bad price point gives the other, and says why the bad one was left out.

What a row means here:

- Corridor: `source_code` and `destination_code` (ISO 3166 alpha-3, made alpha-2); the sending currency is
  `cc1 lcu code`; the receiving currency is the one the destination country used on the first day of the
  row's quarter (Babel's first currency of the territory).
- Provider: `firm` (markup stripped) of the type `firm_type`; product: `payment instrument` (pay-in) and
  `pickup method` (pay-out; `access point` when the pickup method is empty); `speed actual` gives the speed.
  Every word is mapped explicitly below: a word that is not listed is never guessed, the row is rejected.
- A price point: amount = `ccN lcu amount`, fee = `ccN lcu fee` (both in `ccN lcu code`, which must be the
  sending currency), offered rate = `ccN lcu fx rate`, reference rate = the row's `inter lcu bank fx`. The
  fee is added on top of the amount, as RPW counts it.
- The rate columns' units are not recorded, so margins and totals are compared, never raw rates: the margin
  and the total cost are worked out by RPW's formula from the row's own figures and must agree with
  `ccN fx margin` and `ccN total cost %` within 0.01 percentage points, or the price point is rejected.
- `transparent` = no: RPW records a margin of 0, which does not mean "no FX cost". The offered rate is
  stored as not disclosed (None), so the total cost is unknown too.
- Accessible: `receiving network coverage` records a wide receiving network, in words such as "Nationwide",
  "National", "Large" or "Extensive" (compared word by word, without case), and no word that narrows it
  ("Small", "Limited", "Not nationwide"). Empty, absent or anything else is not accessible: the Smart Remitter
  Target counts only services a worker can reach.
- When: the `date` column when it holds one, else the first day of the quarter in `period` ("2025_3Q");
  midnight UTC.
"""

import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import openpyxl
import pycountry
from babel.numbers import get_territory_currencies

from config.text import plain_text
from remittance.method import fx_margin_percent, percent_rounded, total_cost_percent
from remittance.models import Product, Provider, Speed
from remittance.money import currency_known

SOURCE = "rpw"
SOURCE_URL = "https://remittanceprices.worldbank.org/data-download"
SHEET = "Dataset (from Q2 2016)"
PRICE_POINTS = ("cc1", "cc2")
TOLERANCE = Decimal("0.01")  # percentage points between a published margin or total and the one worked out

# The published columns, in the published order (42). Readers find them by name; writers (tests, the
# benchmark) use this order.
POINT_COLUMNS = (
    "lcu amount", "denomination amount", "lcu code", "lcu fee", "lcu fx rate", "fx margin", "total cost %",
)
COLUMNS = (
    "id", "period", "source_code", "source_name", "source_region", "source_income", "source_lending", "source_G8G20",
    "destination_code", "destination_name", "destination_region", "destination_income", "destination_lending",
    "destination_G8G20", "firm", "firm_type", "payment instrument", "access point", "speed actual",
    *(f"{point} {column}" for point in PRICE_POINTS for column in POINT_COLUMNS),
    "inter lcu bank fx", "transparent", "Standard Note", "note2", "receiving network coverage", "pickup location",
    "pickup method", "date", "corridor",
)
# The columns a row cannot be read without; `id`, `access point` and `date` are read when present.
REQUIRED = (
    "period", "source_code", "destination_code", "firm", "firm_type", "payment instrument", "speed actual",
    *(f"{point} {column}" for point in PRICE_POINTS for column in POINT_COLUMNS if column != "denomination amount"),
    "inter lcu bank fx", "transparent", "pickup method",
)
OPTIONAL = ("id", "access point", "date", "receiving network coverage")

# RPW's words, compared after normalise_label, and what they mean here.
FIRM_TYPES = {
    "bank": Provider.Type.BANK,
    "money transfer operator": Provider.Type.MONEY_TRANSFER_OPERATOR,
    "mto": Provider.Type.MONEY_TRANSFER_OPERATOR,
    "post office": Provider.Type.POST_OFFICE,
    "post": Provider.Type.POST_OFFICE,
    "mobile operator": Provider.Type.MOBILE_OPERATOR,
    "mobile network operator": Provider.Type.MOBILE_OPERATOR,
    "mno": Provider.Type.MOBILE_OPERATOR,
    # Deliberately absent: mixed types such as "Bank/MTO"; a person decides what they are.
}
PAY_IN = {
    "cash": Product.PayIn.CASH,
    "bank account": Product.PayIn.BANK_ACCOUNT,
    "account": Product.PayIn.BANK_ACCOUNT,
    "bank transfer": Product.PayIn.BANK_ACCOUNT,
    "card": Product.PayIn.CARD,
    "debit card": Product.PayIn.CARD,
    "credit card": Product.PayIn.CARD,
    "debit/credit card": Product.PayIn.CARD,
    "mobile": Product.PayIn.MOBILE_WALLET,
    "mobile wallet": Product.PayIn.MOBILE_WALLET,
    "mobile money": Product.PayIn.MOBILE_WALLET,
    "e-wallet": Product.PayIn.MOBILE_WALLET,
}
PAY_OUT = {
    "cash": Product.PayOut.CASH_PICKUP,
    "cash pick-up": Product.PayOut.CASH_PICKUP,
    "cash pickup": Product.PayOut.CASH_PICKUP,
    "bank account": Product.PayOut.BANK_ACCOUNT,
    "account": Product.PayOut.BANK_ACCOUNT,
    "account deposit": Product.PayOut.BANK_ACCOUNT,
    "bank deposit": Product.PayOut.BANK_ACCOUNT,
    "mobile": Product.PayOut.MOBILE_WALLET,
    "mobile wallet": Product.PayOut.MOBILE_WALLET,
    "mobile money": Product.PayOut.MOBILE_WALLET,
    "e-wallet": Product.PayOut.MOBILE_WALLET,
    "home delivery": Product.PayOut.HOME_DELIVERY,
    "door to door": Product.PayOut.HOME_DELIVERY,
    "door-to-door": Product.PayOut.HOME_DELIVERY,
    "door-to-door delivery": Product.PayOut.HOME_DELIVERY,
}
SPEEDS = {
    "less than one hour": Speed.LESS_THAN_ONE_HOUR,
    "less than 1 hour": Speed.LESS_THAN_ONE_HOUR,
    "same day": Speed.SAME_DAY,
    "next day": Speed.NEXT_DAY,
    "2 days": Speed.TWO_DAYS,
    "two days": Speed.TWO_DAYS,
    "3-5 days": Speed.THREE_TO_FIVE_DAYS,
    "3 to 5 days": Speed.THREE_TO_FIVE_DAYS,
    "6 days or more": Speed.MORE_THAN_FIVE_DAYS,
    "more than 5 days": Speed.MORE_THAN_FIVE_DAYS,
}
TRANSPARENT = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}
# Words of `receiving network coverage`: a wide network makes a product accessible, unless a narrowing word is there too.
WIDE_NETWORK = frozenset({"nationwide", "national", "countrywide", "large", "extensive", "wide", "widespread"})
NARROW_NETWORK = frozenset({"small", "limited", "restricted", "few", "not", "no", "none"})

# A collection date is in its quarter; a little either side is allowed, further means a shifted or damaged cell.
DATE_BEFORE_PERIOD, DATE_AFTER_PERIOD = timedelta(days=31), timedelta(days=183)
MAX_TEXT = 1000  # characters of a cell read as text; longer is refused before it is looked at further
MAX_NUMBER_TEXT = 40
MONEY_PLACES, RATE_PLACES, COST_PLACES = Decimal("0.0001"), Decimal("0.00000001"), Decimal("0.000001")
MAX_MONEY = Decimal(10) ** 14  # the Quote fields hold 18 digits, 4 of them decimals
MAX_RATE = Decimal(10) ** 12  # 20 digits, 8 of them decimals
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)
_PERIOD = re.compile(r"([0-9]{4})[ _-]?(?:([1-4])Q|Q([1-4]))", re.ASCII | re.IGNORECASE)
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_AROUND_PUNCTUATION = re.compile(r"\s*([-/])\s*")
_WORD = re.compile(r"\w+")


class RpwError(Exception):
    """The workbook as a whole cannot be used; nothing from it is applied."""


class RowError(ValueError):
    """What is wrong with a row or one of its price points.

    str() is the full reason ("cc1 total cost 3.72 computed, 4.10 published"); `summary` the same without the
    row's own figures ("cc1 total cost disagrees with the published one"), to count reasons over a run.
    """

    def __init__(self, message, summary=None):
        super().__init__(message)
        self.summary = summary or message


@dataclass(frozen=True)
class PricePoint:
    point: str  # "cc1" or "cc2"
    amount: Decimal  # in the sending currency, without the fee
    fee: Decimal  # in the sending currency, added on top
    offered_rate: Decimal | None  # None when the provider does not disclose it
    reference_rate: Decimal
    margin: Decimal | None
    total_cost: Decimal | None


@dataclass(frozen=True)
class RpwRow:
    line: int  # the row's number in the sheet, the header being row 1
    rpw_id: str
    period: str
    fetched_at: datetime
    sending_country: str
    sending_currency: str
    receiving_country: str
    receiving_currency: str
    firm: str
    firm_type: str
    pay_in: str
    pay_out: str
    speed: str
    transparent: bool
    accessible: bool
    points: tuple  # PricePoints, one or two
    rejected_points: tuple = ()  # RowErrors of price points left out


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str
    summary: str
    rpw_id: str = ""


def normalise_header(text):
    """A header as it is compared: "CC1  LCU_Amount " -> "cc1 lcu amount"."""
    return " ".join(str(text).replace("_", " ").casefold().split()) if text is not None else ""


def normalise_label(text):
    """A word of RPW's vocabulary as it is compared: case, dashes and spacing do not matter."""
    text = _DASHES.sub("-", text.casefold())
    return _AROUND_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def _mapped(cells, column, vocabulary):
    raw = _text(cells, column, required=True)
    value = vocabulary.get(normalise_label(raw))
    if value is None:
        message = f"unknown {column} {raw[:60]!r}"
        raise RowError(message, message)
    return value


def _text(cells, column, *, max_length=MAX_TEXT, required=False):
    value = cells.get(column)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RowError(f"{column} is not text: {str(value)[:40]!r}", f"{column} is not text")
    if len(value) > max(max_length, MAX_TEXT):
        raise RowError(f"{column} is longer than {max_length} characters")
    try:
        value = plain_text(value)  # firm names may hold markup; it is stripped here and escaped on the way out
    except ValueError as error:
        raise RowError(f"{column} {error}") from None
    if required and not value:
        raise RowError(f"{column} is missing")
    if len(value) > max_length:
        raise RowError(f"{column} is longer than {max_length} characters")
    return value


def _number(cells, column, *, required=True):
    """A cell's Decimal: a number, or text that is one ("12.5"); None when empty and not required."""
    value = cells.get(column)
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        if required:
            raise RowError(f"{column} is missing")
        return None
    if isinstance(value, bool):
        raise RowError(f"{column} is not a number: {value!r}", f"{column} is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise RowError(f"{column} is not a number: {value!r}", f"{column} is not a number")
        return Decimal(repr(value))
    if isinstance(value, str) and len(value) <= MAX_NUMBER_TEXT and _NUMBER.fullmatch(value):
        return Decimal(value)
    raise RowError(f"{column} is not a number: {str(value)[:40]!r}", f"{column} is not a number")


def _quantized(value, places, limit, column):
    try:
        value = value.quantize(places)
    except InvalidOperation:
        raise RowError(f"{column} is too large: {value}", f"{column} is too large") from None
    if abs(value) >= limit:
        raise RowError(f"{column} is too large: {value}", f"{column} is too large")
    return value


@lru_cache(maxsize=512)
def country_alpha_2(code):
    """The ISO 3166 alpha-2 code of an alpha-3 one ("SGP" -> "SG"), or None."""
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        return None
    country = pycountry.countries.get(alpha_3=code.upper())
    return country.alpha_2 if country is not None else None


@lru_cache(maxsize=4096)
def territory_currency(country, on):
    """The currency a country used on a day (Babel's first), or None."""
    currencies = get_territory_currencies(country, start_date=on, end_date=on)
    return currencies[0] if currencies else None


def _country(cells, column):
    raw = _text(cells, column, max_length=10, required=True)
    alpha_2 = country_alpha_2(raw)
    if alpha_2 is None:
        raise RowError(f"{column} {raw!r} is not an ISO 3166 country code", f"{column} is not an ISO 3166 country code")
    return alpha_2


def _currency(cells, column, *, required):
    raw = _text(cells, column, max_length=10, required=required).upper()
    if raw and not currency_known(raw):
        raise RowError(f"{column} {raw!r} is not an ISO 4217 currency code", f"{column} is not an ISO 4217 currency code")
    return raw


def quarter_start(period):
    """The first day of an RPW period: "2025_3Q" -> 2025-07-01; None when it is not one."""
    match = _PERIOD.fullmatch(period.strip()) if isinstance(period, str) else None
    if match is None:
        return None
    quarter = int(match.group(2) or match.group(3))
    return date(int(match.group(1)), 3 * quarter - 2, 1)


def _fetched_at(cells, start):
    value = cells.get("date")
    if isinstance(value, str):
        value = value.strip()
        if value:
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                raise RowError(f"date is not a date (YYYY-MM-DD): {value[:40]!r}", "date is not a date") from None
    if value in (None, ""):
        day = start
    elif isinstance(value, datetime):
        day = value.astimezone(UTC).date() if value.tzinfo else value.date()
    elif isinstance(value, date):
        day = value
    else:
        raise RowError(f"date is not a date: {str(value)[:40]!r}", "date is not a date")
    if not start - DATE_BEFORE_PERIOD <= day <= start + DATE_AFTER_PERIOD:
        raise RowError(f"date {day} is far from its period, which starts on {start}", "date is far from its period")
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _transparent(cells):
    value = cells.get("transparent")
    if isinstance(value, bool):
        return value
    raw = _text(cells, "transparent", max_length=10, required=True)
    transparent = TRANSPARENT.get(raw.casefold())
    if transparent is None:
        raise RowError(f"unknown transparent {raw!r} (yes or no)", "unknown transparent (yes or no)")
    return transparent


def _accessible(cells):
    words = set(_WORD.findall(_text(cells, "receiving network coverage").casefold()))
    return bool(words & WIDE_NETWORK) and not words & NARROW_NETWORK


def _disagreement(point, what, computed, published):
    return RowError(
        f"{point} {what} {percent_rounded(computed)} computed, {percent_rounded(published)} published",
        f"{point} {what} disagrees with the published one",
    )


def parse_point(cells, point, *, sending_currency, reference, transparent):
    """A PricePoint from the row's `point` columns ("cc1"), None when they are empty, or RowError."""
    column = f"{point} {{}}".format
    if all(cells.get(column(name)) in (None, "") for name in ("lcu amount", "lcu fee", "lcu fx rate")):
        return None
    currency = _currency(cells, column("lcu code"), required=False)
    if currency and currency != sending_currency:
        raise RowError(
            f"{point} is in {currency}, the sending currency is {sending_currency} (cc1 lcu code): "
            "its amount and fee must be in the sending currency",
            f"{point} is not in the sending currency",
        )
    amount = _quantized(_number(cells, column("lcu amount")), MONEY_PLACES, MAX_MONEY, column("lcu amount"))
    if amount <= 0:
        raise RowError(f"{column('lcu amount')} must be more than zero, not {amount.normalize():f}",
                       f"{column('lcu amount')} is not more than zero")
    fee = _quantized(_number(cells, column("lcu fee")), MONEY_PLACES, MAX_MONEY, column("lcu fee"))
    if fee < 0:
        raise RowError(f"{column('lcu fee')} is negative: {fee.normalize():f}", f"{column('lcu fee')} is negative")
    published_total = _number(cells, column("total cost %"))
    published_margin = _number(cells, column("fx margin"), required=transparent)
    offered = None
    if transparent:
        offered = _quantized(_number(cells, column("lcu fx rate")), RATE_PLACES, MAX_RATE, column("lcu fx rate"))
        if offered <= 0:
            raise RowError(f"{column('lcu fx rate')} must be more than zero, not {offered.normalize():f}",
                           f"{column('lcu fx rate')} is not more than zero")
        margin = fx_margin_percent(offered=offered, reference=reference)
        total = total_cost_percent(fee=fee, amount=amount, margin=margin)
        if abs(total - published_total) > TOLERANCE:
            raise _disagreement(point, "total cost", total, published_total)
        if abs(margin - published_margin) > TOLERANCE:
            raise _disagreement(point, "FX margin", margin, published_margin)
    else:
        # RPW's margin of 0 here means "not disclosed"; the published total must still add up.
        margin = total = None
        fee_share = total_cost_percent(fee=fee, amount=amount, margin=published_margin or Decimal(0))
        if abs(fee_share - published_total) > TOLERANCE:
            raise _disagreement(point, "total cost", fee_share, published_total)
    return PricePoint(
        point=point, amount=amount, fee=fee, offered_rate=offered, reference_rate=reference,
        margin=margin, total_cost=None if total is None else total.quantize(COST_PLACES),
    )


def parse_row(cells, *, line):
    """An RpwRow from one row's cells ({normalised header: value}), or RowError saying what is wrong with it."""
    period = _text(cells, "period", max_length=20, required=True)
    start = quarter_start(period)
    if start is None:
        raise RowError(f"period {period!r} is not a quarter such as 2025_3Q", "period is not a quarter such as 2025_3Q")
    fetched_at = _fetched_at(cells, start)
    sending_country = _country(cells, "source_code")
    receiving_country = _country(cells, "destination_code")
    sending_currency = _currency(cells, "cc1 lcu code", required=True)
    receiving_currency = territory_currency(receiving_country, start)
    if receiving_currency is None:
        raise RowError(f"no currency is known for {receiving_country}", "no currency is known for the destination")
    firm = _text(cells, "firm", max_length=200, required=True)
    firm_type = _mapped(cells, "firm_type", FIRM_TYPES)
    pay_in = _mapped(cells, "payment instrument", PAY_IN)
    pay_out_column = "pickup method" if _text(cells, "pickup method") else "access point"
    pay_out = _mapped(cells, pay_out_column, PAY_OUT)
    speed = _mapped(cells, "speed actual", SPEEDS)
    transparent = _transparent(cells)
    accessible = _accessible(cells)
    reference = _quantized(_number(cells, "inter lcu bank fx"), RATE_PLACES, MAX_RATE, "inter lcu bank fx")
    if reference <= 0:
        raise RowError(f"inter lcu bank fx must be more than zero, not {reference.normalize():f}",
                       "inter lcu bank fx is not more than zero")
    points, rejected = [], []
    for point in PRICE_POINTS:
        try:
            parsed = parse_point(cells, point, sending_currency=sending_currency, reference=reference,
                                 transparent=transparent)
        except RowError as error:
            rejected.append(error)
        else:
            if parsed is not None:
                points.append(parsed)
    if not points:
        if len(rejected) == 1:
            raise rejected[0]
        if rejected:
            raise RowError("; ".join(map(str, rejected)), " and ".join(error.summary for error in rejected))
        raise RowError("the row has no price point (cc1 or cc2)")
    return RpwRow(
        line=line, rpw_id=_id(cells), period=period, fetched_at=fetched_at,
        sending_country=sending_country, sending_currency=sending_currency,
        receiving_country=receiving_country, receiving_currency=receiving_currency,
        firm=firm, firm_type=firm_type, pay_in=pay_in, pay_out=pay_out, speed=speed, transparent=transparent,
        accessible=accessible, points=tuple(points), rejected_points=tuple(rejected),
    )


def _id(cells):
    value = cells.get("id")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)[:40]


class _Cells:
    """One row's values by column name, without building a dict per row."""

    __slots__ = ("indexes", "values")

    def __init__(self, indexes):
        self.indexes, self.values = indexes, ()

    def get(self, column):
        index = self.indexes.get(column)
        return self.values[index] if index is not None and index < len(self.values) else None


def _open(path):
    """The workbook and its open file; openpyxl is given the file, so the name's extension does not matter."""
    handle = open(path, "rb")  # closed by read_rpw, with the workbook
    try:
        return handle, openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # whatever a damaged archive makes openpyxl raise
        handle.close()
        raise RpwError(f"The file cannot be read as an .xlsx workbook ({_describe(error)})") from None


def _describe(error):
    text = " ".join(str(error).split())[:160]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _sheet(workbook):
    wanted = normalise_header(SHEET)
    for name in workbook.sheetnames:
        if normalise_header(name) == wanted:
            sheet = workbook[name]
            sheet.reset_dimensions()  # a wrong <dimension> must not cut rows or columns off
            return sheet
    names = ", ".join(repr(name) for name in workbook.sheetnames[:10]) or "none"
    raise RpwError(f"The workbook has no sheet {SHEET!r} (its sheets: {names})")


def _guarded(rows):
    """The sheet's rows; whatever openpyxl raises while reading them (a damaged archive) becomes RpwError."""
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as error:  # a damaged archive or XML fails in many ways, all of them the file's
            raise RpwError(f"The workbook is damaged after row {number} ({_describe(error)})") from None
        number += 1
        yield number, values


def _blank(values):
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def column_indexes(header):
    """{column name as REQUIRED and OPTIONAL spell it: position} of a header row, or RpwError naming the required columns missing."""
    indexes = {}
    for position, name in enumerate(header):
        indexes.setdefault(normalise_header(name), position)
    missing = [column for column in REQUIRED if normalise_header(column) not in indexes]
    if missing:
        raise RpwError(
            f"The sheet {SHEET!r} lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(RPW's dataset has {len(COLUMNS)} columns)"
        )
    return {column: indexes[normalise_header(column)]
            for column in (*REQUIRED, *OPTIONAL) if normalise_header(column) in indexes}


def read_rpw(path):
    """Yields an RpwRow or a Rejection for every data row of the workbook, streaming it row by row.

    The header is the sheet's first row that is not empty. RpwError, raised before the first row or on the
    way, means the workbook cannot be used.
    """
    handle, workbook = _open(path)
    try:
        rows = _guarded(_sheet(workbook).iter_rows(values_only=True))
        for _line, header in rows:
            if not _blank(header):
                break
        else:
            raise RpwError(f"The sheet {SHEET!r} is empty")
        cells = _Cells(column_indexes(header))
        for line, values in rows:
            if _blank(values):
                continue
            cells.values = values
            try:
                yield parse_row(cells, line=line)
            except RowError as error:
                yield Rejection(line, str(error), error.summary, _id(cells))
    finally:
        workbook.close()
        handle.close()


def rpw_file_check(path):
    """RpwError unless `path` is an .xlsx workbook (a ZIP archive with a workbook part); reads nothing else."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise RpwError(f"{path} is a ZIP archive but not an .xlsx workbook")
    except (zipfile.BadZipFile, OSError):
        raise RpwError(f"{path} is not an .xlsx workbook (RPW publishes its dataset as .xlsx)") from None
