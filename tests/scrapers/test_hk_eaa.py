"""hk_eaa against recordings of the Labour Department's EAA search, served on the loopback."""

import codecs
import re


from tests.scrapers.support import comparable, crawl, rebuild_table, recorded_crawl_fixture, recorded_text, reorder_columns, serve_recording

SPIDER = "hk_eaa"
RESULT = "/en/result.html"
QUERY = {"name": "", "licence-no": "", "district": "", "row-per-page": "15", "list_all_agencies": "all", "sort-by": "EN_NAME_ASC"}
PAGE_2 = f"{RESULT}?name=&licence-no=&district=&row-per-page=15&list_all_agencies=all&sort-by=EN_NAME_ASC&page-no=2"


def recorded(name):
    return recorded_text(SPIDER, name)


def serve_result(server, page, body, charset="utf-8"):
    if isinstance(body, str):
        body = body.encode(charset)
    query = None if page == 1 else {**QUERY, "page-no": str(page)}
    server.add(RESULT, body, query=query, content_type=f"text/html; charset={charset}")


baseline = recorded_crawl_fixture(SPIDER)


def test_the_disclaimer_is_accepted_then_every_result_page_is_read(baseline):
    result, server = baseline
    assert result.returncode == 0, result.log
    assert result.report["complete"] is True
    assert result.quiet, result.log
    assert result.report["items"] == len(result.items) == 38
    assert result.report["pages"] == 5  # disclaimer, search form, three result pages
    requests = [r for r in server.requests if r.path != "/robots.txt"]
    assert [(r.method, r.path) for r in requests] == [
        ("GET", "/en/disclaimer-search.html"), ("POST", "/en/disclaimer-search.html"),
        ("GET", RESULT), ("GET", RESULT), ("GET", RESULT),
    ]
    assert requests[1].form == {"token": "9f2c1e7a5b", "accept": "Y"}
    # The search form is submitted empty, with all districts.
    assert requests[2].params == QUERY
    assert [r.params.get("page-no") for r in requests[3:]] == ["2", "3"]
    assert all("EAASESSION=b5e0d2c4a1f3" in r.headers.get("Cookie", "") for r in requests[2:])


def test_rows_carry_both_names_and_the_registrys_values(baseline):
    result, server = baseline
    item = result.by_licence["56123"]
    assert item == {
        "source": "hk_eaa",
        "country": "HK",
        "licence_number": "56123",
        "name": "Abundant Harvest Employment Agency Limited",
        "name_local": "豐收僱傭中心有限公司",
        "status": "valid",
        "status_raw": "Valid licence",
        "status_date": None,
        "valid_from": None,
        "valid_until": None,
        "address": "Room 1203, 12/F, Sino Centre, 582-592 Nathan Road, Mong Kok, Kowloon",
        "phone": "2388 1234",
        "email": "info@abundantharvest.example.com.hk",
        "website": "",
        "source_url": item["source_url"],
        "fetched_at": item["fetched_at"],
    }
    assert item["source_url"].startswith(f"{server.url}{RESULT}?")
    kam_fung = result.by_licence["3721"]
    assert (kam_fung["name"], kam_fung["name_local"]) == ("Kam Fung Maid & Household Employment Agency", "金鳳家務僱傭代理")
    assert kam_fung["address"] == "Unit B, 5/F, Golden Building, 146-152 Fuk Wa Street, Sham Shui Po, Kowloon"
    assert kam_fung["source_url"] == f"{server.url}{PAGE_2}"
    assert all(item["name_local"] and item["status"] == "valid" for item in result.items)


def test_a_changed_column_order_gives_the_same_items(baseline, server, tmp_path):
    serve_recording(server, SPIDER)
    order = ["E-mail", "Address", "Licence No.", "Fax", "Name of Employment Agency (Chinese)", "District",
             "Telephone", "Valid Licence Since", "Name of Employment Agency (English)"]
    for page in (1, 2, 3):
        serve_result(server, page, reorder_columns(recorded(f"result-{page}.html"), order))
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is True
    assert comparable(result.items) == comparable(baseline[0].items)


def test_hostile_rows_a_new_status_column_and_big5_pages(server, tmp_path):
    serve_recording(server, SPIDER)

    def hostile(headers, rows):
        rows = rows + [
            ["<b>Bold</b> &lt;i&gt;Helpers&lt;/i&gt; Employment Agency", "<span>好幫手</span>僱傭代理", "61001", "2020", "Wan Chai",
             "Flat A, 3/F, 1 Hennessy Road, Wan Chai", "2111 0001", "", ""],
            ["Megabyte Employment Agency", "巨大僱傭代理", "61002", "2020", "Wan Chai", "x" * 1_048_576, "", "", ""],
            ["Letter Number Employment Agency", "字母僱傭代理", "5612A", "2020", "Wan Chai", "1 Queen's Road", "", "", ""],
            ["Twin Licence Employment Agency", "雙生僱傭代理", "56123", "2020", "Wan Chai", "2 Queen's Road", "", "", ""],
            ["Inquiry Employment Agency", "查詢僱傭代理", "61003", "2020", "Wan Chai", "3 Queen's Road", "", "", ""],
        ]
        # The registry starts publishing a status column.
        statuses = ["Valid licence"] * (len(rows) - 1) + ["Suspended pending inquiry"]
        return headers + ["Status"], [row + [status] for row, status in zip(rows, statuses)]

    big5 = rebuild_table(recorded("result-2.html"), hostile).replace('<meta charset="utf-8">', '<meta charset="big5">')
    serve_result(server, 2, big5, charset="big5")
    serve_result(server, 3, codecs.BOM_UTF8 + recorded("result-3.html").encode("utf-8"), charset="utf-8")

    result = crawl(SPIDER, server.url, tmp_path)

    assert result.report["complete"] is True
    kam_fung = result.by_licence["3721"]
    assert (kam_fung["name"], kam_fung["name_local"]) == ("Kam Fung Maid & Household Employment Agency", "金鳳家務僱傭代理")
    assert result.by_licence["61001"]["name"] == "Bold Helpers Employment Agency"
    assert result.by_licence["61001"]["name_local"] == "好幫手僱傭代理"
    assert result.by_licence["73638"]["name_local"] == "勝利人力僱傭代理有限公司"  # page 3, with a BOM
    inquiry = result.by_licence["61003"]
    assert (inquiry["status"], inquiry["status_raw"]) == (None, "Suspended pending inquiry")
    assert result.report["unknown_statuses"] == ["Suspended pending inquiry"]
    assert result.by_licence["56123"]["name"] == "Abundant Harvest Employment Agency Limited"
    reasons = {line["item"]["name"]: line["reason"] for line in result.rejects}
    assert reasons == {
        "Megabyte Employment Agency": "address longer than 1000 characters",
        "Letter Number Employment Agency": "licence_number does not match the HK format",
        "Twin Licence Employment Agency": "duplicate licence_number",
    }
    assert {line["item"]["name_local"] for line in result.rejects} == {"巨大僱傭代理", "字母僱傭代理", "雙生僱傭代理"}
    assert result.report["rejected"] == 3 and result.report["items"] == 38 + 2


def test_a_server_error_mid_crawl_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    server.fail(RESULT, 500, query={**QUERY, "page-no": "2"})
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == [f"HTTP 500 at {server.url}{PAGE_2}"]
    assert len(result.items) == 15


def test_a_changed_results_table_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    serve_result(server, 1, recorded("result-1.html").replace("<th>Licence No.</th>", "<th>Ref.</th>"))
    # Page 2 sends the crawler back to the disclaimer, as the site does when a session expires.
    serve_result(server, 2, recorded("disclaimer.html"))
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    [changed, disclaimer] = result.report["errors"]
    assert changed.startswith(f"layout changed at {server.url}{RESULT}?")
    assert changed.endswith(
        ": expected columns Name of Employment Agency (English), Licence No., Address, found Name of Employment Agency "
        "(English), Name of Employment Agency (Chinese), Ref., Valid Licence Since, District, Address, Telephone, Fax, E-mail"
    )
    assert disclaimer == (
        f"layout changed at {server.url}{PAGE_2}: expected columns Name of Employment Agency (English), Licence No., "
        "Address, found none"
    )
    assert result.items == []


def test_a_disclaimer_without_its_form_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    without_form = re.sub(r"<form.*</form>", "", recorded("disclaimer.html"), flags=re.S)
    server.add("/en/disclaimer-search.html", without_form)
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"layout changed at {server.url}/en/disclaimer-search.html: expected the disclaimer's accept form, found none"
    ]


def test_an_empty_search_result_is_an_empty_complete_feed(server, tmp_path):
    serve_recording(server, SPIDER)
    page = re.sub(r"<tbody>.*</tbody>", '<tbody><tr><td colspan="9">No record found.</td></tr></tbody>',
                  recorded("result-1.html"), flags=re.S)
    serve_result(server, 1, re.sub(r'<p class="pages">.*?</p>', "", page, flags=re.S))
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is True
    assert (result.report["items"], result.report["rejected"], result.report["errors"]) == (0, 0, [])
