"""`manage.py moderation_check`: the automated checks tried on a file of texts, for operators.

Reads JSON lines from standard input, each {"text": ..., "language": ..., "rating": 1-5 (optional), "agency": the
agency's name (optional)}, and writes for each, in the same order, {"line": n, "risk": ..., "reasons": [{"check",
"score", "reason", "spans"}]}, or {"line": n, "error": ...} for a line it cannot read; it goes on either way. Blank
lines are skipped. Near-duplicates are looked for among the (at most 1,000) earlier texts of the same input; the
abuse words are the moderators' (from the database). The reasons are in the site's language, or in --language. A
summary goes to standard error at the end, and a progress line every 1,000 lines.

    DEBUG=1 .venv/bin/python manage.py moderation_check < texts.jsonl > results.jsonl
"""

import io
import json
import sys
from collections import deque

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from moderation.checks import FLAGGED_AT, Subject, combined_risk, run_checks
from moderation.wordlists import abuse_terms_load

LINE_BYTES_AT_MOST = 256 * 1024
TEXT_AT_MOST = 20_000  # characters: four times the longest review
NEIGHBOURS_AT_MOST = 1000  # earlier texts a text is compared with
PROGRESS_EVERY = 1000  # lines


class BadLine(ValueError):
    """A line that cannot be checked, with the reason in words."""


def _lines(stream):
    """The stream's lines as bytes, one at a time, or BadLine for one longer than LINE_BYTES_AT_MOST (read past)."""
    if isinstance(stream, io.TextIOBase) and not hasattr(stream, "buffer"):  # a StringIO: text already decoded
        for line in stream:
            yield line.encode("utf-8", "surrogatepass")
        return
    stream = getattr(stream, "buffer", stream)
    while line := stream.readline(LINE_BYTES_AT_MOST + 1):
        if len(line) > LINE_BYTES_AT_MOST and not line.endswith(b"\n"):
            while (rest := stream.readline(LINE_BYTES_AT_MOST)) and not rest.endswith(b"\n"):
                pass
            yield BadLine(f"The line is longer than {LINE_BYTES_AT_MOST // 1024} KiB.")
        else:
            yield line


def _optional_string(record, key):
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadLine(f'"{key}" must be a string.')
    return value


def _subject_fields(line):
    """The fields of a Subject from one line of input (bytes), or BadLine."""
    try:
        decoded = line.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise BadLine(f"The line is not valid UTF-8 (byte {error.start + 1}).") from None
    try:
        record = json.loads(decoded)
    except RecursionError:
        raise BadLine("The line is JSON nested too deeply.") from None
    except ValueError as error:
        raise BadLine(f"The line is not JSON: {error}.") from None
    if not isinstance(record, dict):
        raise BadLine(f"The line is a JSON {type(record).__name__}, not an object.")
    text = record.get("text")
    if not isinstance(text, str):
        raise BadLine('The object has no "text" string.')
    if len(text) > TEXT_AT_MOST:
        raise BadLine(f'The "text" is longer than {TEXT_AT_MOST:,} characters.')
    rating = record.get("rating")
    if rating is not None and (type(rating) is not int or not 1 <= rating <= 5):
        raise BadLine('"rating" must be a whole number from 1 to 5, or null.')
    fields = {"text": text, "language": _optional_string(record, "language").strip().lower(), "rating": rating,
              "agency_name": _optional_string(record, "agency")}
    for value in fields.values():
        if isinstance(value, str) and any("\ud800" <= char <= "\udfff" for char in value):
            raise BadLine("The line holds a lone surrogate (\\ud800 to \\udfff), which is not text.")
    return fields


class Command(BaseCommand):
    help = ("Runs the automated moderation checks on JSON lines from standard input ({\"text\": ..., \"language\": ..., "
            "\"rating\": ..., \"agency\": ...}) and writes each one's risk and reasons as JSON lines.")
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            choices=[code for code, _name in settings.LANGUAGES],
                            help="The language of the reasons (default: the site's).")

    def handle(self, *args, language, **options):
        abuse_terms = abuse_terms_load()
        earlier = deque(maxlen=NEIGHBOURS_AT_MOST)
        read = flagged = errors = 0
        with translation.override(language):
            for number, line in enumerate(_lines(options.get("stdin") or sys.stdin), start=1):
                if not isinstance(line, BadLine) and not line.strip():
                    continue
                read += 1
                try:
                    if isinstance(line, BadLine):
                        raise line
                    fields = _subject_fields(line)
                except BadLine as error:
                    errors += 1
                    self._write({"line": number, "error": str(error)})
                    continue
                hits = run_checks(Subject(**fields, neighbours=tuple(earlier), abuse_terms=abuse_terms))
                earlier.append(fields["text"])
                flagged += any(hit.score >= FLAGGED_AT for hit in hits)
                self._write({"line": number, "risk": combined_risk(hits), "reasons": [
                    {"check": hit.check, "score": hit.score, "reason": str(hit.reason), "spans": [list(span) for span in hit.spans]}
                    for hit in hits]})
                if read % PROGRESS_EVERY == 0:
                    self.stderr.write(f"  {read} lines read ...")
        self.stderr.write(f"{read} line{'' if read == 1 else 's'} read: {flagged} flagged (a score of {FLAGGED_AT} or "
                          f"more), {errors} error{'' if errors == 1 else 's'}.")

    def _write(self, result):
        self.stdout.write(json.dumps(result, ensure_ascii=False))
