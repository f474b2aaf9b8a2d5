"""`manage.py moderation_check`, the operators' dry run: JSON lines in, each line's risk and reasons out in the same
order; hostile input (markup, scripts, a 1 MB line, blank lines, non-JSON, JSON that is no object, a text that is no
string, invalid UTF-8, NUL) gives a clear error for that line and the run goes on."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from moderation.models import AbuseTerm

pytestmark = pytest.mark.django_db


def run(tmp_path, lines, *args):
    """Runs the command with a real file as its standard input; returns the results (one per line) and stderr."""
    path = tmp_path / "input.jsonl"
    path.write_bytes(b"".join(line if isinstance(line, bytes) else (json.dumps(line) + "\n").encode()
                              for line in lines))
    stdout, stderr = io.StringIO(), io.StringIO()
    with path.open("rb") as stdin:
        call_command("moderation_check", *args, stdin=stdin, stdout=stdout, stderr=stderr)
    return [json.loads(line) for line in stdout.getvalue().splitlines()], stderr.getvalue()


def checks(result):
    return {reason["check"] for reason in result["reasons"]}


def test_each_text_gets_its_risk_and_reasons_in_input_order(tmp_path):
    text = "They kept my passport. Text me on 0917 482 3916 or add me on WhatsApp."
    results, stderr = run(tmp_path, [
        {"text": text, "language": "en", "rating": 2},
        {"text": "Fair agency, the fee was as the rules say and the flight was on time.", "language": "en"},
        {"text": "Scam!!", "language": "en", "rating": 1, "agency": "Bright Star"},
    ])
    assert [result["line"] for result in results] == [1, 2, 3]
    first, clean, short = results
    assert checks(first) == {"personal_data", "links"} and first["risk"] > 0.9
    [phone] = [reason for reason in first["reasons"] if reason["check"] == "personal_data"]
    assert phone["reason"] == "Looks like a phone number: “0917 4…”" and phone["score"] == 0.9
    assert [text[start:end] for start, end in phone["spans"]] == ["0917 482 3916"]
    assert clean == {"line": 2, "risk": 0, "reasons": []}
    assert checks(short) == {"extremes"}
    assert stderr.strip() == "3 lines read: 2 flagged (a score of 0.5 or more), 0 errors."


def test_near_duplicates_are_looked_for_among_the_earlier_texts(tmp_path):
    original = "The agency in Manila kept my passport for three months and asked for another PHP 20,000 before the flight."
    results, _stderr = run(tmp_path, [
        {"text": original, "language": "en"},
        {"text": "I worked in Doha for two years; the agency answered every question.", "language": "en"},
        {"text": original.replace("three", "four"), "language": "en"},
    ])
    assert [checks(result) for result in results] == [set(), set(), {"duplicates"}]


def test_the_abuse_words_are_the_moderators(tmp_path):
    AbuseTerm.objects.create(language="en", term="nincompoop", severe=True)
    results, _stderr = run(tmp_path, [{"text": "The manager is a nincompoop.", "language": "en"},
                                      {"text": "The manager is an idiot.", "language": "en"}])
    assert [checks(result) for result in results] == [{"abuse"}, {"abuse"}]
    assert results[0]["reasons"][0]["score"] > results[1]["reasons"][0]["score"]


def test_hostile_lines_get_a_clear_error_and_the_run_goes_on(tmp_path):
    results, stderr = run(tmp_path, [
        b"\n",
        b"   \n",
        b"not json at all\n",
        b"[1, 2, 3]\n",
        b'"just a string"\n',
        b'{"text": 42}\n',
        b'{"language": "en"}\n',
        b'{"text": "ok", "rating": 7}\n',
        b'{"text": "ok", "rating": true}\n',
        b'{"text": "ok", "language": ["en"]}\n',
        b'{"text": "caf\xe9 \xff\xfe"}\n',
        b'{"text": "\\ud800 lone"}\n',
        b"[" * 100_000 + b"\n",
        b'{"text": "' + b"a" * (1024 * 1024) + b'"}\n',
        b'{"text": "' + b"word " * 5000 + b'"}\n',
        {"text": "<script>alert('x')</script><b>idiot</b> call 0917 482 3916", "language": "en"},
        {"text": "NUL\x00 inside, and \u202e reversed \u200b text", "language": "th"},
        {"text": "ไอ้ควาย โทร ๐๘๑-๒๓๔-๕๖๗๘", "language": "th", "rating": 1},
        b'{"text": "the last line has no line break"}',
    ])
    by_line = {result["line"]: result for result in results}
    assert sorted(by_line) == list(range(3, 20))  # blank lines are skipped, every other line answered
    errors = {line: result["error"] for line, result in by_line.items() if "error" in result}
    assert errors == {
        3: "The line is not JSON: Expecting value: line 1 column 1 (char 0).",
        4: "The line is a JSON list, not an object.",
        5: "The line is a JSON str, not an object.",
        6: 'The object has no "text" string.',
        7: 'The object has no "text" string.',
        8: '"rating" must be a whole number from 1 to 5, or null.',
        9: '"rating" must be a whole number from 1 to 5, or null.',
        10: '"language" must be a string.',
        11: "The line is not valid UTF-8 (byte 14).",
        12: "The line holds a lone surrogate (\\ud800 to \\udfff), which is not text.",
        13: "The line is JSON nested too deeply.",
        14: "The line is longer than 256 KiB.",
        15: 'The "text" is longer than 20,000 characters.',
    }
    assert checks(by_line[16]) == {"abuse", "personal_data"}
    assert by_line[17] == {"line": 17, "risk": 0, "reasons": []}
    assert checks(by_line[18]) == {"abuse", "personal_data", "extremes"}
    assert by_line[19]["reasons"] == []
    assert stderr.strip().endswith("17 lines read: 2 flagged (a score of 0.5 or more), 13 errors.")


def test_text_streams_and_a_byte_order_mark_are_read_too(tmp_path):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("moderation_check", stdin=io.StringIO('\ufeff{"text": "write to juan@example.com"}\n'),
                 stdout=stdout, stderr=stderr)
    [result] = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert checks(result) == {"personal_data"}


def test_the_reasons_can_be_in_another_site_language_and_an_unknown_one_is_refused(tmp_path):
    results, _stderr = run(tmp_path, [{"text": "0917 482 3916"}], "--language", "fil")
    assert results[0]["reasons"][0]["check"] == "personal_data"
    with pytest.raises(CommandError, match="invalid choice: 'xx'"):
        run(tmp_path, [{"text": "0917 482 3916"}], "--language", "xx")


def test_an_empty_input_is_an_empty_run(tmp_path):
    results, stderr = run(tmp_path, [])
    assert results == [] and stderr.strip() == "0 lines read: 0 flagged (a score of 0.5 or more), 0 errors."
