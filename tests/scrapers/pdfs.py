"""Writes the PDF lists the loopback server serves, with fpdf2, so that no binary is committed.

The layout follows DoFE's published list: a title, then one bordered table running over as many
pages as it needs, its header row repeated on every page (or only on the first). Core fonts are
Latin-1 only; UNDECODABLE is a byte their encoding leaves undefined, which PDF readers cannot turn
back into text (pdfminer reads it as "(cid:129)"), standing in for text a reader cannot decode.
"""

from fpdf import FPDF

UNDECODABLE = "\x81"


def list_pdf(headers, rows, *, title="List of Licensed Foreign Employment Companies", repeat_header=True,
             widths=None):
    """The PDF's bytes: a title and a table of headers and rows (any cell value, written as text)."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Helvetica", size=8)
    widths = widths or _widths(headers)
    with pdf.table(col_widths=widths, repeat_headings=1 if repeat_header else 0, text_align="LEFT",
                   line_height=5) as table:
        heading = table.row()
        for text in headers:
            heading.cell(text)
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(str(value))
    return bytes(pdf.output())


def _widths(headers):
    """Narrow columns for serial numbers, wide ones for names and addresses."""
    def width(header):
        label = header.casefold()
        if label.startswith("s.n") or label in {"sn", "no", "no."}:
            return 10
        if "name" in label:
            return 62
        if "address" in label:
            return 50
        return 30
    return [width(header) for header in headers]
