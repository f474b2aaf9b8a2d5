"""Running a spider the way production does, against recordings served on the loopback."""

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from tests.http_server import LoopbackServer
from tests.scrapers.pdfs import list_pdf

ROOT = Path(__file__).resolve().parents[2]
RECORDED = Path(__file__).resolve().parent / "recorded"


def recording(spider):
    """The recorded exchanges of a spider: [{method, path, query, file, content_type, headers}]."""
    return json.loads((RECORDED / spider / "responses.json").read_text(encoding="utf-8"))


def recorded_text(spider, name):
    return (RECORDED / spider / name).read_text(encoding="utf-8")


def recorded_table(spider, name):
    """A recorded table (the content of a PDF list): {"headers": [...], "rows": [[...], ...]}."""
    return json.loads(recorded_text(spider, name))


def serve_recording(server, spider):
    """Routes every recorded response of a spider on the server; PDF lists are written with fpdf2."""
    for exchange in recording(spider):
        body = b""
        if exchange.get("pdf_table"):
            table = recorded_table(spider, exchange["pdf_table"])
            body = list_pdf(table["headers"], table["rows"])
        server.add(
            exchange["path"],
            file=RECORDED / spider / exchange["file"] if exchange.get("file") else None,
            body=body,
            method=exchange.get("method", "GET"),
            query=exchange.get("query"),
            status=exchange.get("status", 200),
            headers=exchange.get("headers"),
            content_type=exchange.get("content_type"),
        )


@dataclass
class Crawl:
    returncode: int
    items: list
    rejects: list
    report: dict
    log: str

    @property
    def by_licence(self):
        return {item["licence_number"]: item for item in self.items}

    @property
    def quiet(self):
        """No warning, error or traceback in the log."""
        return not any(marker in self.log for marker in (" WARNING: ", " ERROR: ", " CRITICAL: ", "Traceback"))

    def rejected(self, reason):
        """The rejected rows with this reason."""
        return [line for line in self.rejects if line["reason"] == reason]


def _json_lines(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def start_crawl(spider, base_url, directory, *settings, arguments=None):
    """Starts `python -m scrapy crawl` exactly as production runs it; returns (process, directory).
    `arguments` are the spider's other -a arguments, e.g. {"corridors": "SGD-PHP"}."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "scrapy", "crawl", spider,
        "-a", f"base_url={base_url}",
        *[part for name, value in (arguments or {}).items() for part in ("-a", f"{name}={value}")],
        "-O", str(directory / "feed.jsonl"),
        "-s", f"LANTERN_REJECTS_FILE={directory / 'rejects.jsonl'}",
        "-s", f"LANTERN_REPORT_FILE={directory / 'report.json'}",
        "-s", "DOWNLOAD_DELAY=0",
        "-s", "AUTOTHROTTLE_ENABLED=0",
    ]
    for setting in settings:
        command += ["-s", setting]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SCRAPY_")}
    log = (directory / "crawl.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    return process, directory


def finish_crawl(process, directory, timeout=60):
    process.wait(timeout=timeout)
    report_path = directory / "report.json"
    return Crawl(
        returncode=process.returncode,
        items=_json_lines(directory / "feed.jsonl"),
        rejects=_json_lines(directory / "rejects.jsonl"),
        report=json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {},
        log=(directory / "crawl.log").read_text(encoding="utf-8", errors="replace"),
    )


def crawl(spider, base_url, directory, *settings, arguments=None):
    """Runs one crawl to the end and reads its feed, rejects file, report and log."""
    return finish_crawl(*start_crawl(spider, base_url, directory, *settings, arguments=arguments))


def rebuild_table(html, transform, index=0):
    """The page with its index-th <table> rewritten: transform(headers, rows) -> (headers, rows),
    cells as inner HTML. Used to change a recorded page's columns as a registry might."""
    import parsel

    selector = parsel.Selector(html)
    table = selector.xpath("//table")[index]
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr")
    cells = [[cell.xpath("node()").getall() for cell in row.xpath("./th | ./td")] for row in rows]
    cells = [["".join(parts) for parts in row] for row in cells]
    headers, body = transform(cells[0], cells[1:])
    attributes = "".join(f' {name}="{value}"' for name, value in table.attrib.items())
    rebuilt = (
        f"<table{attributes}>\n<thead><tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>\n<tbody>\n"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in body)
        + "</tbody>\n</table>"
    )
    start = [match.start() for match in re.finditer(r"<table\b", html)][index]
    end = html.index("</table>", start) + len("</table>")
    return html[:start] + rebuilt + html[end:]


def reorder_columns(html, order, index=0):
    """The page with its table's columns in a new order, given as a permutation of header texts."""
    def transform(headers, rows):
        from scrapers.text import clean_text

        labels = [clean_text(h) for h in headers]
        positions = [labels.index(label) for label in order]
        return [headers[i] for i in positions], [[row[i] for i in positions] for row in rows]
    return rebuild_table(html, transform, index)


def comparable(items):
    """Items by licence number, without what changes from crawl to crawl (when and where they were read)."""
    return {item["licence_number"]: {k: v for k, v in item.items() if k not in ("source_url", "fetched_at")} for item in items}


def recorded_crawl_fixture(spider, arguments=None):
    """A module fixture: one crawl of the spider's plain recordings, shared by the tests that only read it."""

    @pytest.fixture(scope="module")
    def recorded_crawl(tmp_path_factory):
        with LoopbackServer() as server:
            serve_recording(server, spider)
            yield crawl(spider, server.url, tmp_path_factory.mktemp(spider), arguments=arguments), server

    return recorded_crawl


@dataclass
class Scenario:
    result: Crawl
    server: LoopbackServer


class Scenarios:
    """Crawls of one spider against variants of its recordings, run side by side, each against its own
    loopback server, once per test module; the tests then read their scenario's result.

        scenarios = Scenarios("ecb_rates")

        @scenarios.add
        def empty(server):          # routes the server; may return extra -a arguments for the crawl
            server.add(...)

        crawls = scenarios.fixture()

        def test_an_empty_answer(crawls):
            result, server = crawls["empty"].result, crawls["empty"].server
    """

    def __init__(self, spider, arguments=None):
        self.spider = spider
        self.arguments = dict(arguments or {})
        self.routes = {}

    def add(self, function):
        self.routes[function.__name__] = function
        return function

    def fixture(self):
        @pytest.fixture(scope="module")
        def crawls(tmp_path_factory):
            servers, running = {}, {}
            try:
                for name, route in self.routes.items():
                    server = servers[name] = LoopbackServer().start()
                    arguments = {**self.arguments, **(route(server) or {})}
                    directory = tmp_path_factory.mktemp(f"{self.spider}-{name}")
                    running[name] = start_crawl(self.spider, server.url, directory, arguments=arguments)
                yield {name: Scenario(finish_crawl(*running[name]), servers[name]) for name in running}
            finally:
                for process, _directory in running.values():
                    if process.poll() is None:
                        process.kill()
                        process.wait()
                # Side by side too: each stop waits for its server's poll interval.
                with ThreadPoolExecutor() as stopping:
                    list(stopping.map(LoopbackServer.stop, servers.values()))

        return crawls


def json_body(value):
    """A JSON response body, UTF-8, keys in the given order; a Decimal is written as a JSON number with
    exactly its digits (read recordings with json.loads(..., parse_float=Decimal) to keep them)."""
    marker = "\u00a7"

    def marked(node):
        if isinstance(node, Decimal):
            return f"{marker}{node}{marker}"
        if isinstance(node, dict):
            return {key: marked(item) for key, item in node.items()}
        if isinstance(node, list):
            return [marked(item) for item in node]
        return node

    text = json.dumps(marked(value), ensure_ascii=False)
    return text.replace(f'"{marker}', "").replace(f'{marker}"', "").encode("utf-8")


def reversed_keys(value):
    """The same JSON value with every object's keys in reverse order (a source that reorders its keys)."""
    if isinstance(value, dict):
        return {key: reversed_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_keys(item) for item in value]
    return value
