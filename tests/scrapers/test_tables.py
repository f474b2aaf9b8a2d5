"""Columns are found by their header text, never by position."""

import pytest
from scrapy.http import HtmlResponse

from scrapers.tables import Columns, LayoutChanged, html_tables

COLUMNS = Columns(
    name=("Company Name", "Name of Company"),
    licence_number=("Licence No.", "License No."),
    phone="Phone",
    required=("name", "licence_number"),
)


def test_columns_are_found_in_any_order_under_any_of_their_names():
    assert COLUMNS.locate(["S.N.", "Company Name", "Licence No.", "Phone"]) == {"name": 1, "licence_number": 2, "phone": 3}
    assert COLUMNS.locate(["phone", "LICENSE NO", "Name of  Company", "S.N."]) == {"phone": 0, "licence_number": 1, "name": 2}
    assert COLUMNS.locate(["Name of Company", "License No."]) == {"name": 0, "licence_number": 1}


def test_a_missing_required_column_is_a_layout_change():
    with pytest.raises(LayoutChanged) as changed:
        COLUMNS.locate(["S.N.", "Name of Agency", "Licence No.", "<b>Phone</b>"])
    assert str(changed.value) == "expected columns Company Name, Licence No., found S.N., Name of Agency, Licence No., Phone"


def test_a_row_shorter_than_the_header_reads_blank_cells():
    positions = COLUMNS.locate(["Company Name", "Licence No.", "Phone"])
    assert COLUMNS.read(positions, ["ACME", "1/074/75"]) == {"name": "ACME", "licence_number": "1/074/75", "phone": ""}


def test_required_columns_must_be_declared():
    with pytest.raises(ValueError):
        Columns(name="Name", required=("name", "licence_number"))


def test_html_tables_give_headers_and_rows_but_not_message_rows():
    html = """<html><body><table><tr><td>layout</td></tr></table>
    <table><thead><tr><th>Company <i>Name</i></th><th>Licence No.</th></tr></thead>
    <tbody><tr><td><b>ACME</b></td><td>123</td></tr><tr><td colspan="2">No more records</td></tr></tbody></table>"""
    response = HtmlResponse("http://registry.example/", body=html.encode(), encoding="utf-8")
    tables = html_tables(response)
    assert tables[0] == (["layout"], [])
    headers, rows = tables[1]
    assert headers == ["Company Name", "Licence No."]
    assert rows == [["<td><b>ACME</b></td>", "<td>123</td>"]]
