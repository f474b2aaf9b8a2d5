"""id_p3mi against recordings of KP2MI's P3MI list and its sanctions list, served on the loopback."""

import re


from tests.scrapers.support import comparable, crawl, rebuild_table, recorded_crawl_fixture, recorded_text, reorder_columns, serve_recording

SPIDER = "id_p3mi"
HTML = "text/html; charset=UTF-8"


def recorded(name):
    return recorded_text(SPIDER, name)


def serve(server, path, html, page=None, content_type=HTML, encoding="utf-8"):
    server.add(path, html.encode(encoding), query={"page": str(page)} if page else None, content_type=content_type)


def add_rows(html, rows):
    return rebuild_table(html, lambda headers, body: (headers, body + rows))


baseline = recorded_crawl_fixture(SPIDER)


def test_both_lists_are_read_page_by_page_sanctions_first(baseline):
    result, server = baseline
    assert result.returncode == 0, result.log
    assert result.report["complete"] is True
    assert result.quiet, result.log
    assert result.report["pages"] == 5
    assert result.report["items"] == len(result.items) == 53  # 52 listed companies, 1 revoked one
    read = [(r.path, r.params.get("page", "1")) for r in server.requests if r.path != "/robots.txt"]
    assert read == [("/p3mi/sanksi", "1"), ("/p3mi/sanksi", "2"), ("/p3mi", "1"), ("/p3mi", "2"), ("/p3mi", "3")]


def test_a_listed_company_without_sanctions_is_valid(baseline):
    result, server = baseline
    item = result.by_licence["KEP.118/PPTKLN/III/2024"]
    assert item == {
        "source": "id_p3mi",
        "country": "ID",
        "licence_number": "KEP.118/PPTKLN/III/2024",
        "name": "PT Bina Karya Insani",
        "name_local": "",
        "status": "valid",
        "status_raw": "Terdaftar",
        "status_date": None,
        "valid_from": "2024-03-12",
        "valid_until": "2025-03-11",
        "address": "Jl. Raya Bogor No. 19, Kramat Jati, Jakarta Timur 13510",
        "phone": "(021) 8093311",
        "email": "info@binakarya.example.co.id",
        "website": "",
        "source_url": f"{server.url}/p3mi",
        "fetched_at": item["fetched_at"],
    }


def test_sanctions_are_merged_into_the_companies_rows(baseline):
    result, server = baseline

    def status(licence):
        item = result.by_licence[licence]
        return item["status"], item["status_raw"], item["status_date"]

    assert status("KEP.402/PPTKLN/VI/2024") == ("suspended", "Skorsing", "2025-02-03")
    # Two sanctions: the latest (the end of the sanction) wins.
    assert status("KEP.77/PPTKLN/I/2024") == ("valid", "Pengakhiran Sanksi", "2024-08-12")
    # The sanction names the licence before the renewal: matched by the company's name.
    assert status("KEP.530/PPTKLN/IX/2024") == (
        "suspended", "Penghentian Sementara Sebagian atau Seluruh Kegiatan Usaha", "2025-01-20")
    # No licence number on the sanction at all: matched by name.
    assert status("KEP.559/PPTKLN/XI/2024") == ("suspended", "Skorsing", "2025-04-22")
    # A sanction older than the current licence was on an earlier licence.
    assert status("KEP.66/PPTKLN/II/2025") == ("valid", "Terdaftar", None)
    assert status("KEP.19/PPTKLN/VII/2023") == ("revoked", "Pencabutan SIP3MI", "2024-03-01")
    assert result.by_licence["KEP.530/PPTKLN/IX/2024"]["source_url"] == f"{server.url}/p3mi?page=2"


def test_a_revoked_company_off_the_list_is_a_row_of_its_own(baseline):
    result, server = baseline
    revoked = result.by_licence["KEP.91/PPTKLN/IV/2021"]
    assert (revoked["name"], revoked["status"], revoked["status_date"]) == ("PT Surya Abadi Sentosa", "revoked", "2024-01-15")
    assert revoked["source_url"] == f"{server.url}/p3mi/sanksi"
    # Without a licence number it cannot be a row of the feed: it is in the rejects file instead.
    [reject] = result.rejects
    assert reject["reason"] == "missing licence_number"
    assert (reject["item"]["name"], reject["item"]["status_raw"]) == ("PT Cahaya Insani Lestari", "Pencabutan SIP3MI")
    assert result.report["reject_reasons"] == {"missing licence_number": 1}


def test_a_changed_column_order_gives_the_same_items(baseline, server, tmp_path):
    companies = ["Email", "Telepon", "Alamat", "Berlaku Sampai", "Tanggal Terbit", "Nomor SIP3MI", "Nama Perusahaan", "No"]
    sanctions = ["Tanggal Sanksi", "Keterangan", "Jenis Sanksi", "No", "Nomor SIP3MI", "Nama P3MI"]
    for page in (1, 2, 3):
        serve(server, "/p3mi", reorder_columns(recorded(f"p3mi-{page}.html"), companies), page if page > 1 else None)
    for page in (1, 2):
        serve(server, "/p3mi/sanksi", reorder_columns(recorded(f"sanksi-{page}.html"), sanctions), page if page > 1 else None)
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is True
    assert comparable(result.items) == comparable(baseline[0].items)


def test_hostile_rows_are_cleaned_or_rejected_and_latin_1_is_decoded(server, tmp_path):
    serve_recording(server, SPIDER)
    hostile = [
        ["90", "<script>document.write('x')</script><b>PT</b> Bina &lt;i&gt;Sejati&lt;/i&gt;", "KEP.901/PPTKLN/I/2025",
         "2 Januari 2025", "1 Januari 2026", "Jl. Melati No. 1, Depok", "(021) 7000001", ""],
        ["91", "PT Megabita Raya", "KEP.902/PPTKLN/I/2025", "2 Januari 2025", "1 Januari 2026", "x" * 1_048_576, "", ""],
        ["92", "PT Dalam Proses", "DALAM PROSES", "2 Januari 2025", "1 Januari 2026", "Jl. Mawar No. 2, Bogor", "", ""],
        ["93", "PT Nomor Kembar", "KEP.118/PPTKLN/III/2024", "2 Januari 2025", "1 Januari 2026", "Jl. Kenanga No. 3", "", ""],
        ["94", "PT Tanggal Aneh", "KEP.903/PPTKLN/I/2025", "31 Februari 2025", "1 Januari 2026", "Jl. Anggrek No. 4", "", ""],
    ]
    serve(server, "/p3mi", add_rows(recorded("p3mi-2.html"), hostile), 2)
    warning = [["15", "PT Insani Sentosa Duta", "KEP.935/PPTKLN/XII/2024", "Peringatan Tertulis", "5 Mei 2025", ""]]
    serve(server, "/p3mi/sanksi", add_rows(recorded("sanksi-2.html"), warning), 2)
    latin = recorded("p3mi-3.html").replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    latin = latin.replace("Jl. Pahlawan No. 24, Surabaya", "Ruko Café Pahlawan No. 24, Surabaya")
    serve(server, "/p3mi", latin, 3, content_type="text/html; charset=iso-8859-1", encoding="latin-1")

    result = crawl(SPIDER, server.url, tmp_path)

    assert result.report["complete"] is True
    assert result.by_licence["KEP.901/PPTKLN/I/2025"]["name"] == "PT Bina Sejati"
    assert result.by_licence["KEP.485/PPTKLN/XI/2024"]["address"] == "Ruko Café Pahlawan No. 24, Surabaya, Jawa Timur"
    warned = result.by_licence["KEP.935/PPTKLN/XII/2024"]
    assert (warned["status"], warned["status_raw"], warned["status_date"]) == (None, "Peringatan Tertulis", "2025-05-05")
    assert result.report["unknown_statuses"] == ["Peringatan Tertulis"]
    assert result.by_licence["KEP.118/PPTKLN/III/2024"]["name"] == "PT Bina Karya Insani"
    reasons = {line["item"]["name"]: line["reason"] for line in result.rejects}
    assert reasons == {
        "PT Megabita Raya": "address longer than 1000 characters",
        "PT Dalam Proses": "licence_number does not match the ID format",
        "PT Nomor Kembar": "duplicate licence_number",
        "PT Tanggal Aneh": "valid_from is not a date",
        "PT Cahaya Insani Lestari": "missing licence_number",
    }
    assert all(line["source_url"] == f"{server.url}/p3mi?page=2" for line in result.rejects if line["item"]["name"] != "PT Cahaya Insani Lestari")
    assert result.report["rejected"] == 5


def test_a_page_in_another_encoding_than_declared_is_rejected_not_garbled(server, tmp_path):
    serve_recording(server, SPIDER)
    page = recorded("p3mi-3.html").replace("Jl. Pahlawan No. 24, Surabaya", "Ruko Café Pahlawan No. 24, Surabaya")
    serve(server, "/p3mi", page, 3, content_type=HTML, encoding="latin-1")  # Latin-1 bytes, declared UTF-8
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is True
    assert result.rejected("address has undecodable text")[0]["item"]["licence_number"] == "KEP.485/PPTKLN/XI/2024"
    assert "KEP.485/PPTKLN/XI/2024" not in result.by_licence


def test_server_errors_mid_crawl_make_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    server.fail("/p3mi/sanksi", 503, query={"page": "2"})
    server.fail("/p3mi", 500, query={"page": "2"})
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"HTTP 503 at {server.url}/p3mi/sanksi?page=2",
        f"HTTP 500 at {server.url}/p3mi?page=2",
    ]
    # The companies were still read after the lost sanctions page, as far as the list went.
    assert len(result.items) == 20


def test_a_changed_layout_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    renamed = recorded("p3mi-1.html").replace("<th>Nama Perusahaan</th>", "<th>Perusahaan</th>")
    renamed = renamed.replace("<th>Nomor SIP3MI</th>", "<th>Izin Usaha</th>")
    serve(server, "/p3mi", renamed)
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"layout changed at {server.url}/p3mi: expected columns Nama Perusahaan, Nomor SIP3MI, Alamat, found No, "
        "Perusahaan, Izin Usaha, Tanggal Terbit, Berlaku Sampai, Alamat, Telepon, Email"
    ]


def empty(html, columns):
    html = re.sub(r"<tbody>.*</tbody>", f'<tbody>\n<tr><td colspan="{columns}">Tidak ada data</td></tr>\n</tbody>', html, flags=re.S)
    return re.sub(r'<ul class="pagination">.*?</ul>', '<ul class="pagination"></ul>', html, flags=re.S)


def test_empty_lists_are_an_empty_complete_feed(server, tmp_path):
    serve(server, "/p3mi/sanksi", empty(recorded("sanksi-1.html"), 6))
    serve(server, "/p3mi", empty(recorded("p3mi-1.html"), 8))
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is True
    assert (result.report["items"], result.report["rejected"], result.report["errors"]) == (0, 0, [])


def test_an_empty_page_before_more_pages_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    page = re.sub(r"<tbody>.*</tbody>", "<tbody></tbody>", recorded("p3mi-2.html"), flags=re.S)
    serve(server, "/p3mi", page, 2)
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == [f"no rows at {server.url}/p3mi?page=2, though the registry links a next page"]
