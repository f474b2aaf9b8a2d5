"""Tables read by their header text, never by column position: HTML tables, PDF tables, JSON rows."""

import io
import re

from scrapers.text import clean_text, normalise_label

# pdfminer writes a glyph it cannot map to Unicode as "(cid:123)": that text did not decode.
_PDF_UNDECODED = re.compile(r"\(cid:\d+\)")


class LayoutChanged(Exception):
    """A page that should hold the registry's table does not have the expected columns."""

    def __init__(self, expected, found):
        self.expected = list(expected)
        self.found = list(found)
        super().__init__(f"expected columns {', '.join(self.expected)}, found {', '.join(self.found) or 'none'}")


class Columns:
    """The columns a spider reads, each named by the header texts the registry uses for it.

    Columns(name=("Company Name", "Name of Company"), licence_number="Licence No.",
            required=("name", "licence_number"))
    Headers match after normalise_label, so case, punctuation and spacing do not matter.
    """

    def __init__(self, required=(), **aliases):
        self.labels = {field: (names,) if isinstance(names, str) else tuple(names) for field, names in aliases.items()}
        self._normalised = {field: {normalise_label(name) for name in names} for field, names in self.labels.items()}
        self.required = tuple(required)
        unknown = set(self.required) - set(self.labels)
        if unknown:
            raise ValueError(f"required columns without header texts: {sorted(unknown)}")

    def expected(self):
        return [self.labels[field][0] for field in self.required]

    def locate(self, headers):
        """{field: index} for these header cells; raises LayoutChanged when a required one is missing."""
        labels = [normalise_label(header) for header in headers]
        positions = {}
        for field, names in self._normalised.items():
            for index, label in enumerate(labels):
                if label in names and index not in positions.values():
                    positions[field] = index
                    break
        if any(field not in positions for field in self.required):
            raise LayoutChanged(self.expected(), [clean_text(header) for header in headers])
        return positions

    def read(self, positions, cells):
        """The row as {field: raw cell text}; a cell the row lacks reads as ""."""
        return {field: cells[index] if index < len(cells) else "" for field, index in positions.items()}


def html_tables(response):
    """Every <table> of an HTML response (or of a part of it, a Selector) as (header cells, data rows),
    cells as markup-free text."""
    tables = []
    for table in response.xpath(".//table"):
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        header_index = next((i for i, row in enumerate(rows) if row.xpath("./th")), 0)
        if not rows:
            continue
        headers = [clean_text(cell.get()) for cell in rows[header_index].xpath("./th | ./td")]
        data = []
        for row in rows[header_index + 1:]:
            cells = [cell.get() for cell in row.xpath("./td | ./th")]
            # A single cell across a wider table is a message ("no records found"), not a row.
            if len(cells) == 1 and len(headers) > 1 and row.xpath("./td[@colspan]"):
                continue
            if cells:
                data.append(cells)
        tables.append((headers, data))
    return tables


def pdf_tables(body):
    """Every table of a PDF as a list of rows of cell text, in page order.

    Text that pdfminer cannot map to Unicode becomes U+FFFD, which the validation pipeline rejects.
    """
    import pdfplumber  # imported here: only the PDF spiders pay for it

    tables = []
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                tables.append(
                    [[_PDF_UNDECODED.sub("\ufffd", cell or "") for cell in row] for row in table]
                )
    return tables


def json_object_row(columns, row):
    """A JSON object's values by their keys, in any order, as {field: value}; None for an optional key
    it lacks. Raises LayoutChanged when a required key is missing or the row is no object."""
    if not isinstance(row, dict):
        raise LayoutChanged(columns.expected(), [f"(a JSON {type(row).__name__})"])
    read = columns.read(columns.locate(list(row)), list(row.values()))
    return {field: read.get(field) for field in columns.labels}
