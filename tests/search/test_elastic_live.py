"""The Elasticsearch engine against a real server, where ELASTICSEARCH_URL is set (skipped otherwise): the shared corpus
gives the same top results as on the database engine; filters, facets, languages, suggestions, writes, and rebuilds
that never leave the alias without a complete index. Each run uses indexes of its own, deleted afterwards."""

import os
import uuid

import pytest

from search.documents import kinds
from search.engines import EngineError
from search.engines.elastic import ElasticEngine, versions
from search.services import search_query
from tests.search.corpus import CASES, RECORDS, ask, ids, top

URL = os.environ.get("ELASTICSEARCH_URL")

pytestmark = pytest.mark.skipif(not URL, reason="ELASTICSEARCH_URL is not set: the live Elasticsearch tests need a server")


def batches(records, size=5):
    """(kind, records) in the kinds' order and in batches of `size`, as search.services reads them for a rebuild."""
    for name in kinds():
        mine = [record for record in records if record["kind"] == name]
        for start in range(0, len(mine), size):
            yield name, mine[start:start + size]


def our_indexes(engine):
    return sorted(versions(engine.client.options(ignore_status=404).indices.get_alias(index=f"{engine.prefix}-*").body))


def behind(engine, kind):
    return sorted(engine.client.indices.get_alias(name=engine.alias(kind)).body)


@pytest.fixture(scope="module")
def engine():
    engine = ElasticEngine(URL, prefix=f"lantern-test-{uuid.uuid4().hex[:12]}", timeout=10)
    try:
        assert engine.rebuild(batches(RECORDS)) == len(RECORDS)
        yield engine
    finally:
        indexes = our_indexes(engine)
        if indexes:  # named one by one: a cluster may refuse to delete by wildcard
            engine.client.indices.delete(index=indexes)


def refresh(engine):
    engine.client.indices.refresh(index=[engine.alias(name) for name in kinds()])


@pytest.mark.parametrize(("text", "choices", "expected"), CASES)
def test_the_shared_corpus_gives_the_expected_top_result(engine, text, choices, expected):
    assert top(ask(engine, text, **choices)) == expected


def test_an_exact_name_comes_first(engine):
    assert ids(ask(engine, "Lion Rock Agency"))[0] == 8
    assert ids(ask(engine, "manpower nepal pvt ltd"))[0] == 1


@pytest.mark.parametrize("typed", ["DOFE 1234/075/76", "dofe 1234 075 76", "DOFE1234/075/76"])
def test_a_licence_number_however_typed_comes_first(engine, typed):
    assert ids(ask(engine, typed))[0] == 1


def test_a_misspelt_name_finds_the_agency(engine):
    found = ids(ask(engine, "Manpowr", kinds=("agency",)))
    assert set(found) == {1, 2, 3, 6, 10}  # every "Manpower", and nothing else
    assert top(ask(engine, "Manpowr Nepal")) == ("agency", 1)


def test_the_name_in_devanagari_finds_the_agency(engine):
    results = ask(engine, "मानपावर नेपाल")
    assert top(results) == ("agency", 1)
    assert results.hits[0].alt_title == "मानपावर नेपाल"


@pytest.mark.parametrize(("choices", "expected"), [
    ({"country": "PH"}, [3, 4, 12]),
    ({"status": "suspended"}, [4]),
    ({"min_rating": 4}, [1, 3]),
])
def test_filters_keep_only_the_agencies_that_pass_them(engine, choices, expected):
    assert sorted(ids(ask(engine, "", kinds=("agency",), **choices))) == expected


def test_topic_and_language_filters_apply_to_guides_and_organisations(engine):
    assert [(hit.kind, hit.object_id) for hit in ask(engine, "", topic="complaints").hits] == [("organisation", 301)]
    assert [hit.object_id for hit in ask(engine, "", language="fil").hits] == [301]
    assert {group.kind for group in ask(engine, "passport", status="valid").groups} <= {"agency"}


def test_facets_count_what_was_found(engine):
    results = ask(engine, "manpower")
    assert dict(results.facets["country"])["NP"] == 2
    assert dict(results.facets["kind"]) == {"agency": 5}


def test_a_reader_in_khmer_gets_the_khmer_guide_not_the_same_guide_in_english(engine):
    english = ask(engine, "", kinds=("guide",), country="HK", locale="en")
    khmer = ask(engine, "", kinds=("guide",), country="HK", locale="km")
    assert [hit.object_id for hit in english.hits] == [101]
    assert [hit.object_id for hit in khmer.hits] == [102] and khmer.groups[0].total == 1
    assert [hit.object_id for hit in ask(engine, "passport", kinds=("guide",), locale="km").hits] == [103]


def test_query_syntax_is_read_as_words(engine):
    for text in ['agency* AND "x" OR (y:z) \\', "manpower -nepal +^~", '"""', "a" * 10_000, "name:/.*/"]:
        ask(engine, text)
        ask(engine, text, kinds=("agency",), country="NP", page=50)


def test_suggestions_complete_names_with_a_typo(engine):
    assert sorted(engine.suggest("brigh", limit=5)) == ["Bright Horizon Manpower Services Inc.",
                                                        "Bright Star Recruitment Agency"]
    assert "Manpower Nepal Pvt. Ltd." in engine.suggest("manpw", limit=5)
    assert "PT Bintang Jaya Abadi" in engine.suggest("bintang", limit=5)  # the legal form is not typed
    assert engine.suggest("मानपा", limit=5) == ["मानपावर नेपाल"]
    assert engine.suggest("b", limit=5) == []


def test_highlights_mark_the_words_and_escape_the_text(engine):
    guide = next(record for record in RECORDS if record["object_id"] == 101)
    engine.index([{**guide, "object_id": 150, "group": "g-150", "text": "Fees <script>alert(1)</script> are capped."}])
    refresh(engine)
    try:
        hit = next(hit for hit in ask(engine, "capped", kinds=("guide",)).hits if hit.object_id == 150)
        assert "<script>" not in hit.highlight and "&lt;script&gt;" in hit.highlight
        assert "<mark>capped</mark>" in hit.highlight
    finally:
        engine.remove("guide", [150])
        refresh(engine)
    assert 150 not in ids(ask(engine, "capped", kinds=("guide",)), "guide")


def test_rebuilding_twice_keeps_the_alias_answering(engine):
    seen = []

    def progress(done):  # in the middle of a rebuild the old, complete index answers
        seen.append(done)
        assert top(ask(engine, "Manpower Nepal Pvt. Ltd.")) == ("agency", 1)
        assert ask(engine, "", kinds=("agency",), country="PH").groups[0].total == 3

    for _ in range(2):
        before = behind(engine, "agency")
        assert engine.rebuild(batches(RECORDS), progress=progress) == len(RECORDS)
        after = behind(engine, "agency")
        assert len(after) == 1 and after != before
        assert not set(before) & set(our_indexes(engine))  # the old version is deleted
        assert top(ask(engine, "POEA-901-LB-010125-R")) == ("agency", 3)
    assert seen[-1] == len(RECORDS)


def test_a_missing_index_is_an_engine_error():
    missing = ElasticEngine(URL, prefix=f"lantern-test-missing-{uuid.uuid4().hex[:12]}")
    with pytest.raises(EngineError):
        missing.search(search_query(text="manpower"), kinds())
    with pytest.raises(EngineError):  # writing before any rebuild makes no index with a guessed mapping
        missing.index(RECORDS[:1])
    assert not missing.client.indices.exists(index=missing.alias("agency"))
