"""np_dofe against DoFE's list page and a PDF list written with fpdf2 from the recorded table."""


from tests.scrapers.pdfs import UNDECODABLE, list_pdf
from tests.scrapers.support import comparable, crawl, recorded_crawl_fixture, recorded_table, recorded_text, serve_recording

SPIDER = "np_dofe"
PDF = "/uploads/files/licensed-companies-2081-82.pdf"
TABLE = recorded_table(SPIDER, "companies.json")


def serve_pdf(server, headers, rows, **options):
    server.add(PDF, list_pdf(headers, rows, **options), content_type="application/pdf")


def reordered(order):
    positions = [TABLE["headers"].index(header) for header in order]
    return order, [[row[i] for i in positions] for row in TABLE["rows"]]


baseline = recorded_crawl_fixture(SPIDER)


def test_the_linked_pdf_list_is_read_over_all_its_pages(baseline):
    result, server = baseline
    assert result.returncode == 0, result.log
    assert result.report["complete"] is True
    assert result.quiet, result.log
    assert result.report["items"] == len(result.items) == 60
    assert result.report["pages"] == 2
    paths = [r.path for r in server.requests if r.path != "/robots.txt"]
    assert paths == ["/licensed-companies.html", PDF]  # not the holiday notice
    # Every row reads back exactly as written, wrapped cells included.
    read = [[item["name"], item["licence_number"], item["address"], item["phone"]] for item in result.items]
    assert read == [row[1:] for row in TABLE["rows"]]


def test_rows_carry_the_registrys_values_in_the_feed_contract(baseline):
    result, server = baseline
    item = result.by_licence["1234/074/75"]
    assert item == {
        "source": "np_dofe",
        "country": "NP",
        "licence_number": "1234/074/75",
        "name": "Himalayan Sagarmatha Overseas Pvt. Ltd.",
        "name_local": "",
        "status": "valid",
        "status_raw": "Licensed",
        "status_date": None,
        "valid_from": None,
        "valid_until": None,
        "address": "Kathmandu-10, New Baneshwor",
        "phone": "01-4781234",
        "email": "",
        "website": "",
        "source_url": f"{server.url}{PDF}",
        "fetched_at": item["fetched_at"],
    }


def test_a_changed_column_order_or_a_header_on_the_first_page_only_gives_the_same_items(baseline, server, tmp_path):
    serve_recording(server, SPIDER)
    serve_pdf(server, *reordered(["Licence No.", "Phone", "Address", "S.N.", "Company Name"]))
    reordered_result = crawl(SPIDER, server.url, tmp_path / "reordered")
    serve_pdf(server, TABLE["headers"], TABLE["rows"], repeat_header=False)
    once_result = crawl(SPIDER, server.url, tmp_path / "once")
    for result in (reordered_result, once_result):
        assert result.report["complete"] is True
        assert comparable(result.items) == comparable(baseline[0].items)


def test_hostile_rows_and_a_new_status_column(server, tmp_path):
    serve_recording(server, SPIDER)
    rows = [row + ["Licensed"] for row in TABLE["rows"]]
    rows += [
        [61, "<b>Gorkha</b> Bishwa Overseas Pvt. Ltd.", "1801/080/81", "Kathmandu-3, Basundhara", "01-4350001", "Licensed"],
        [62, f"Nepali {UNDECODABLE}{UNDECODABLE}{UNDECODABLE} Manpower Pvt. Ltd.", "1802/080/81", "Kathmandu", "01-4350002", "Licensed"],
        [63, "Dashed Number Overseas Pvt. Ltd.", "1803-080-81", "Kathmandu", "01-4350003", "Licensed"],
        [64, "Twin Number Overseas Pvt. Ltd.", "1234/074/75", "Kathmandu", "01-4350004", "Licensed"],
        [65, "Very " * 80 + "Long Overseas Pvt. Ltd.", "1804/080/81", "Kathmandu", "01-4350005", "Licensed"],
        [66, "Pending Renewal Overseas Pvt. Ltd.", "1805/080/81", "Kathmandu", "01-4350006", "Renewal pending"],
    ]
    serve_pdf(server, TABLE["headers"] + ["Status"], rows, widths=[10, 60, 25, 45, 25, 25])

    result = crawl(SPIDER, server.url, tmp_path)

    assert result.returncode == 0 and result.report["complete"] is True, result.log
    assert result.by_licence["1801/080/81"]["name"] == "Gorkha Bishwa Overseas Pvt. Ltd."
    pending = result.by_licence["1805/080/81"]
    assert (pending["status"], pending["status_raw"]) == (None, "Renewal pending")
    assert result.report["unknown_statuses"] == ["Renewal pending"]
    assert result.by_licence["1234/074/75"]["name"] == "Himalayan Sagarmatha Overseas Pvt. Ltd."
    reasons = {line["item"]["licence_number"]: line["reason"] for line in result.rejects}
    assert reasons == {
        "1802/080/81": "name has undecodable text",
        "1803-080-81": "licence_number does not match the NP format",
        "1234/074/75": "duplicate licence_number",
        "1804/080/81": "name longer than 300 characters",
    }
    assert result.report["items"] == 62


def test_a_server_error_on_the_pdf_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    server.fail(PDF, 500)
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == [f"HTTP 500 at {server.url}{PDF}"]
    assert result.items == []


def test_a_pdf_with_other_columns_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    serve_pdf(server, ["S.N.", "Name of Agency", "Registration", "Address", "Phone"], TABLE["rows"])
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"layout changed at {server.url}{PDF}: expected columns Company Name, Licence No., found S.N., "
        "Name of Agency, Registration, Address, Phone"
    ]
    assert result.items == []


def test_a_list_page_without_the_pdf_or_a_pdf_that_is_not_one_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    server.add(PDF, "<html><body>Session expired</body></html>")
    not_a_pdf = crawl(SPIDER, server.url, tmp_path / "not-a-pdf")
    assert not_a_pdf.report["complete"] is False
    assert not_a_pdf.report["errors"] == [f"layout changed at {server.url}{PDF}: expected a PDF document"]

    page = recorded_text(SPIDER, "licensed-companies.html").replace(PDF, "/uploads/files/list.docx")
    server.add("/licensed-companies.html", page)
    no_link = crawl(SPIDER, server.url, tmp_path / "no-link")
    assert no_link.report["complete"] is False
    assert no_link.report["errors"] == [
        f"layout changed at {server.url}/licensed-companies.html: expected a link to the PDF list, found none"
    ]


def test_an_empty_list_is_an_empty_complete_feed(server, tmp_path):
    serve_recording(server, SPIDER)
    serve_pdf(server, TABLE["headers"], [])
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is True
    assert (result.report["items"], result.report["rejected"], result.report["errors"]) == (0, 0, [])
