"""Benchmark of a rights guide of 2,000 words: its weight on the wire, and serving it from the cache.

Run from the checkout (it makes its own throw-away database and removes it at the end):

    .venv/bin/python bench/content_guide.py                                        # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/content_guide.py

Targets (issue 8): the page of a 2,000-word guide, HTML and CSS together, at most 30 KB transferred and at most 14 KB
compressed (gzip, as GZipMiddleware sends the HTML and WhiteNoise the stylesheet); served from the cache within 20 ms
(p95) through the Django test client. The guide mixes the body's blocks as an editor would: sections of text with
headings and lists, key facts, steps, warnings, citations and a contact card. HTTP headers are not counted.
"""

import argparse
import datetime
import gzip
import re
import statistics
import time

from common import ROOT, percentile, throwaway_database
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

WORDS = 2000
TARGET_BYTES = 30 * 1024
TARGET_COMPRESSED = 14 * 1024
TARGET_MS = 20
CSS = ROOT / "site" / "static" / "css" / "lantern.css"

PROSE = [ROOT / "README.md", ROOT / "ARCHITECTURE.md"]


def prose_sentences():
    """The sentences of the checkout's own documentation, in order and without markup: real English prose, which
    compresses as a guide's text does (invented text made of a few sentences repeated would compress far better)."""
    text = []
    for path in PROSE:
        in_code = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                in_code = not in_code
            elif not in_code and line.strip() and not line.lstrip().startswith(("#", "|", "    ")):
                text.append(re.sub(r"[`*_\[\]<>]|\(http[^)]*\)", "", line.strip(" -")))
    return [sentence.strip() for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text)) if len(sentence.split()) > 3]


class Writer:
    """Hands out the prose's sentences in turn."""

    def __init__(self):
        self.sentences, self.next = prose_sentences(), 0

    def sentence(self):
        self.next += 1
        return self.sentences[(self.next - 1) % len(self.sentences)]

    def paragraph(self, sentences=3):
        return " ".join(self.sentence() for _number in range(sentences))

    def section(self, paragraphs=3):
        heading = " ".join(self.sentence().split()[:6])
        body = "".join(f"<p>{self.paragraph()}</p>" for _paragraph in range(paragraphs))
        items = "".join(f"<li>{self.sentence()}</li>" for _item in range(3))
        return ("text", f"<h2>{heading}</h2>{body}<ul>{items}</ul>")


def guide_body(writer, organisation):
    """Blocks in the order an editor might write them; sections of text are added until the guide has WORDS words."""
    blocks = [
        ("key_facts", [writer.sentence() for _fact in range(5)]),
        writer.section(),
        ("warning", {"heading": "Never pay a fee without a receipt", "text": f"<p>{writer.paragraph(2)}</p>"}),
        writer.section(),
        ("steps", [writer.sentence() for _step in range(6)]),
        ("citation", {"source": 1, "passage": writer.sentence()}),
        writer.section(),
        ("contact", organisation),
        ("citation", {"source": 2, "passage": writer.sentence()}),
        ("warning", {"heading": "Keep your passport", "text": f"<p>{writer.paragraph(2)}</p>"}),
        ("steps", [writer.sentence() for _step in range(6)]),
        ("key_facts", [writer.sentence() for _fact in range(5)]),
        ("citation", {"source": 3, "passage": writer.sentence()}),
    ]
    while count_words(blocks) < WORDS:
        blocks.insert(-5, writer.section(paragraphs=1))
    return blocks


def count_words(blocks):
    """The words a reader reads in the blocks (a contact card's are the organisation's, not the guide's)."""
    texts = []
    for kind, value in blocks:
        if kind == "text":
            texts.append(re.sub(r"<[^>]+>", " ", value))
        elif kind in ("key_facts", "steps"):
            texts.extend(value)
        elif kind == "warning":
            texts += [value["heading"], re.sub(r"<[^>]+>", " ", value["text"])]
        elif kind == "citation":
            texts.append(value["passage"])
    return len(" ".join(texts).split())


def build_guide():
    from content.models import GuideIndexPage, GuidePage, GuideSource, SupportOrganisation, Topic
    from content.models.checked import review_due

    home = Site.objects.get(is_default_site=True).root_page
    index = GuideIndexPage(title="Know your rights", slug="know-your-rights")
    home.add_child(instance=index)
    index.save_revision().publish()
    organisation = SupportOrganisation.objects.create(
        name="Sample Migrant Workers' Union", kind="union", description="Advice and help with complaints, free.",
        countries=["HK", "PH"], languages=["en", "fil", "yue"], phone="+852 2345 6789", messaging="WhatsApp +852 5123 4567",
        email="help@union.example.org", website="https://union.example.org", address="1 Sample Street, Kowloon",
        opening_hours="Sunday 10:00-17:00", verified_on=datetime.date(2026, 1, 10), is_sample=True,
    )
    organisation.topics.set(Topic.objects.filter(slug__in=["complaints", "wages"]))
    writer = Writer()
    body = guide_body(writer, organisation)
    today = timezone.localdate()
    guide = GuidePage(
        title="Recruitment fees and your contract: Philippines to Hong Kong", slug="fees-ph-hk",
        summary="What a recruitment agency may charge you, what your contract must say, and what to do if something "
                "goes wrong. Read this before you pay anything.",
        origin_country="PH", destination_country="HK", body=body, last_verified_on=today,
        last_verified_by_name="Maria Santos", review_due_on=review_due(today, 180),
    )
    guide.topics = list(Topic.objects.filter(slug__in=["recruitment-fees", "contracts", "domestic-work"]))
    guide.sources = [
        GuideSource(title=f"Sample source {number}", publisher="Labour Department",
                    url=f"https://www.labour.example.org/guides/{number}.html", accessed_on=today)
        for number in range(1, 5)
    ]
    index.add_child(instance=guide)
    guide.save_revision().publish()
    return guide, count_words(body) + len(guide.summary.split())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    options = parser.parse_args()
    with throwaway_database():
        guide, words = build_guide()
        url = guide.url
        client = Client()
        cache.clear()
        first = client.get(url)
        assert first.status_code == 200 and first.templates, first.status_code
        html = first.content
        zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert zipped["Content-Encoding"] == "gzip" and not zipped.templates  # compressed, and from the cache
        css = CSS.read_bytes()
        css_zipped = gzip.compress(css, compresslevel=9, mtime=0)  # as WhiteNoise compresses it ahead
        plain, compressed = len(html) + len(css), len(zipped.content) + len(css_zipped)
        print(f"guide of {words:,} words, {len(guide.body)} blocks, at {url}")
        print(f"HTML {len(html):,} B + CSS {len(css):,} B = {plain:,} B; "
              f"gzip: HTML {len(zipped.content):,} B + CSS {len(css_zipped):,} B = {compressed:,} B")

        times = []
        for _run in range(options.runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and not response.templates
        with CaptureQueriesContext(connection) as hit_queries:
            client.get(url)
        missed = []
        for _run in range(min(options.runs, 50)):
            cache.clear()
            started = time.perf_counter()
            client.get(url)
            missed.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as miss_queries:
            cache.clear()
            client.get(url)
        p95 = percentile(times, 0.95)
        print(f"from the cache: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, {len(hit_queries)} queries "
              f"(routing the address)")
        print(f"rendered anew (cache emptied): p50 {statistics.median(missed):.1f} ms, "
              f"p95 {percentile(missed, 0.95):.1f} ms, {len(miss_queries)} queries")

    print("\nsummary")
    print(f"  HTML + CSS {plain / 1024:.1f} KB (target <= 30 KB) {'ok' if plain <= TARGET_BYTES else 'MISSED'}")
    print(f"  compressed {compressed / 1024:.1f} KB (target <= 14 KB) {'ok' if compressed <= TARGET_COMPRESSED else 'MISSED'}")
    print(f"  from the cache p95 {p95:.1f} ms (target <= {TARGET_MS} ms) {'ok' if p95 <= TARGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
