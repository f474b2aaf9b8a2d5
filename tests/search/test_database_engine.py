"""The database engine on the shared corpus (SQLite FTS5 here; PostgreSQL's full text and trigrams in CI's second
run): the same top results Elasticsearch must give, filters, facets, languages and any input."""

import pytest
from django.db import connection

from search.engines.database import DatabaseEngine
from search.models import Entry
from tests.search.corpus import CASES, RECORDS, ask, ids, top

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine():
    engine = DatabaseEngine()
    engine.index(RECORDS)
    return engine


@pytest.mark.parametrize(("text", "choices", "expected"), CASES)
def test_the_shared_corpus_gives_the_expected_top_result(engine, text, choices, expected):
    assert top(ask(engine, text, **choices)) == expected


def test_a_licence_number_comes_before_names_that_look_like_it(engine):
    engine.index([{**RECORDS[1], "object_id": 99, "title": "DOFE 1234 Agency", "licence": "X-1"}])
    assert ids(ask(engine, "DOFE 1234/075/76"))[0] == 1


def test_an_exact_name_comes_before_longer_names_that_hold_it(engine):
    assert ids(ask(engine, "Lion Rock Agency"))[0] == 8
    found = ids(ask(engine, "manpower"))
    assert set(found) >= {1, 2, 3, 6, 10}


def test_unrelated_names_are_not_offered_as_close(engine):
    assert ask(engine, "Zqxwv Plorkt").groups == []


@pytest.mark.parametrize(("choices", "expected"), [
    ({"country": "PH"}, [3, 4, 12]),
    ({"status": "suspended"}, [4]),
    ({"min_rating": 4}, [1, 3]),
])
def test_filters_keep_only_the_agencies_that_pass_them(engine, choices, expected):
    results = ask(engine, "", kinds=("agency",), **choices)
    assert sorted(ids(results)) == expected


def test_a_filter_that_a_kind_has_not_leaves_that_kind_out(engine):
    results = ask(engine, "passport", status="valid")
    assert {group.kind for group in results.groups} <= {"agency"}


def test_topic_and_language_filters_apply_to_guides_and_organisations(engine):
    results = ask(engine, "", topic="complaints")
    assert [(hit.kind, hit.object_id) for hit in results.hits] == [("organisation", 301)]
    assert [hit.object_id for hit in ask(engine, "", language="fil").hits] == [301]


def test_facets_count_what_was_found(engine):
    results = ask(engine, "manpower")
    assert dict(results.facets["country"])["NP"] == 2
    assert dict(results.facets["kind"]) == {"agency": 5}
    assert dict(results.facets["status"])["cancelled"] == 1


def test_a_reader_in_khmer_gets_the_khmer_guide_not_the_same_guide_in_english(engine):
    english = ask(engine, "", kinds=("guide",), country="HK", locale="en")
    khmer = ask(engine, "", kinds=("guide",), country="HK", locale="km")
    assert [hit.object_id for hit in english.hits] == [101]
    assert [hit.object_id for hit in khmer.hits] == [102]
    # A guide not translated into Khmer is found in English.
    assert [hit.object_id for hit in ask(engine, "passport", kinds=("guide",), locale="km").hits] == [103]
    # Pages in a third language are not shown to a reader of Khmer.
    assert ask(engine, "", kinds=("guide",), locale="th", country="HK").hits[0].object_id == 101


def test_groups_hold_a_few_of_each_kind_and_one_kind_is_paged(engine):
    engine.index([{**RECORDS[0], "object_id": 1000 + n, "title": f"Manpower Test {n}", "licence": f"T-{n}"}
                  for n in range(30)])
    grouped = ask(engine, "manpower test")
    assert [hit.title[:13] for hit in grouped.groups[0].hits] == ["Manpower Test"] * 5
    total = grouped.groups[0].total
    assert total >= 30  # and names alike: "Manpower Nepal"
    first, second = (ask(engine, "manpower test", kinds=("agency",), page=page) for page in (1, 2))
    assert len(first.hits) == 20 and len(second.hits) == total - 20
    assert not {hit.object_id for hit in first.hits} & {hit.object_id for hit in second.hits}


def test_highlights_mark_the_words_and_escape_the_text(engine):
    engine.index([{**RECORDS[12], "object_id": 150, "text": "Fees <script>alert(1)</script> are capped."}])
    hit = next(hit for hit in ask(engine, "capped", kinds=("guide",)).hits if hit.object_id == 150)
    assert "<script>" not in hit.highlight and "&lt;script&gt;" in hit.highlight
    assert "<mark>capped</mark>" in hit.highlight


@pytest.mark.parametrize("text", [
    'agency* AND "x" OR (y:z) \\', 'NEAR("a" "b", 2)', "manpower -nepal +^~", '"""', "*", "keys : (x)", "'; DROP TABLE x;--",
    "a" * 100_000, " ", "\x00\x01\u200b", "\ufffd\ufffd", "🙂" * 50, "ñ" * 3, "ᜋᜈ᜔ᜉᜏᜇ᜔",
])
def test_any_input_is_answered_without_an_error(engine, text):
    ask(engine, text)
    ask(engine, text, kinds=("agency",), country="NP", page=10_000)


def test_refreshing_and_removing_records(engine):
    engine.index([{**RECORDS[0], "title": "Kathmandu Career Link"}])
    assert top(ask(engine, "Kathmandu Career Link")) == ("agency", 1)
    assert ids(ask(engine, "Manpower Nepal")) != [1] or top(ask(engine, "Manpower Nepal")) != ("agency", 1)
    engine.remove("agency", [1])
    assert not Entry.objects.filter(kind="agency", object_id=1).exists()
    assert 1 not in ids(ask(engine, "Kathmandu Career Link"))


def test_suggestions_begin_like_the_words_typed(engine):
    assert engine.suggest("brig", limit=5) == ["Bright Horizon Manpower Services Inc.", "Bright Star Recruitment Agency"]
    assert engine.suggest("b", limit=5) == []
    assert engine.suggest('"*)', limit=5) == []


def test_the_corpus_gives_the_same_top_results_once_the_database_has_its_statistics(engine):
    """PostgreSQL then estimates the common name keys from its statistics rather than counting them."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    for text, choices, expected in CASES:
        assert top(ask(engine, text, **choices)) == expected, text
