"""The Elasticsearch engine without a server: the request bodies it builds, compared as dicts; how it reads answers
shaped like Elasticsearch's; and a refused connection (a real one, to a closed port) raised as EngineError in time.
The same engine against a server: test_elastic_live.py (where ELASTICSEARCH_URL is set)."""

import json
import time

import pytest
from django.utils.safestring import SafeString

from agencies.documents import AgencyDocument
from search.analysis import ENGLISH, EXACT, INDONESIAN, LICENCE, LICENCE_KEY, NAME, TEXT, THAI, index_settings
from search.documents import kinds
from search.engines import EngineError
from search.engines.elastic import (
    EXACT_BOOST,
    HIGHLIGHT,
    LICENCE_BOOST,
    ElasticEngine,
    alias_actions,
    delete_actions,
    document_actions,
    has_icu,
    index_alias,
    index_body,
    msearch_lines,
    results_from,
    search_body,
    stale_indexes,
    suggest_body,
    suggestions_from,
)
from search.query import GROUP_SIZE, MAX_QUERY_LENGTH, PAGE_SIZE, Query
from tests.search.corpus import RECORDS

CLOSED = "http://127.0.0.1:9"  # the discard port: nobody listens there
SYNTAX = 'agency* AND "x" OR (y:z) \\'


def clauses(body):
    """The `should` clauses of a body's query, by their field: {"names": ..., "words": ..., "exact": ..., ...}."""
    found = {}
    for clause in body["query"]["bool"].get("should", []):
        if "multi_match" in clause:
            found["names" if "title^3" in clause["multi_match"]["fields"] else "words"] = clause["multi_match"]
        elif "dis_max" in clause:
            found["exact"] = {field: term for query in clause["dis_max"]["queries"] for field, term in query["term"].items()}
        elif "term" in clause:
            (field, term), = clause["term"].items()
            found[field] = term
    return found


def filters(body):
    return body["query"]["bool"]["filter"]


def walk(value, path=()):
    """Every (path, value) of a nested dict/list, leaves and branches."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, (*path, "[]"))


# --- The search body ----------------------------------------------------------------------------------------------


def test_names_are_found_with_one_or_two_typos():
    names = clauses(search_body(Query(text="Manpowr Nepl"), "agency"))["names"]
    assert names["query"] == "Manpowr Nepl"
    assert names["fields"] == ["title^3", "alt_title^3"]
    # AUTO: one edit in a word of 3 to 5 letters ("Nepl"), two beyond ("Manpowr" -> "Manpower"), never more.
    assert names["fuzziness"] == "AUTO"
    assert names["prefix_length"] == 1
    assert names["type"] == "best_fields"


def test_texts_and_their_languages_are_searched_without_fuzziness():
    words = clauses(search_body(Query(text="recruitment fees"), "guide"))["words"]
    assert set(words["fields"]) == {"title.en^2", "title.id^2", "title.th^2", "text", "text.en", "text.id", "text.th"}
    assert "fuzziness" not in words


@pytest.mark.parametrize("typed", ["POEA-901-LB-010125-R", "poea 901 lb 010125 r", " Poea901-lb 010125r "])
def test_a_licence_number_is_compared_on_letters_and_digits_and_boosted_above_names(typed):
    found = clauses(search_body(Query(text=typed), "agency"))
    assert found["licence.raw"] == {"value": "POEA901LB010125R", "boost": LICENCE_BOOST}
    name_boosts = [float(field.partition("^")[2] or 1) for field in found["names"]["fields"] + found["words"]["fields"]]
    assert LICENCE_BOOST >= 2 * EXACT_BOOST and EXACT_BOOST > max(name_boosts)


def test_an_exact_name_is_boosted_as_typed_and_normalised():
    exact = clauses(search_body(Query(text="P.T. Bintang Jaya, Inc."), "agency"))["exact"]
    assert exact == {
        "title.exact": {"value": "P.T. Bintang Jaya, Inc.", "boost": EXACT_BOOST},  # lower-cased and folded there
        "alt_title.exact": {"value": "P.T. Bintang Jaya, Inc.", "boost": EXACT_BOOST},
        "name_key": {"value": "bintang jaya", "boost": EXACT_BOOST},  # agencies.text.normalise_name
    }


def test_one_of_the_ways_of_matching_is_enough_but_filters_must_all_pass():
    body = search_body(Query(text="manpower", country="NP"), "agency")
    assert body["query"]["bool"]["minimum_should_match"] == 1
    assert {"term": {"countries": "NP"}} in filters(body)


@pytest.mark.parametrize(("choice", "clause"), [
    ({"country": "PH"}, {"term": {"countries": "PH"}}),
    ({"status": "suspended"}, {"term": {"status": "suspended"}}),
    ({"min_rating": 4}, {"range": {"rating": {"gte": 4}}}),
    ({"topic": "recruitment-fees"}, {"term": {"topics": "recruitment-fees"}}),
    ({"language": "fil"}, {"term": {"languages": "fil"}}),
])
def test_each_filter_is_a_filter_clause(choice, clause):
    for text in ("manpower", ""):
        body = search_body(Query(text=text, **choice), "agency")
        assert clause in filters(body)
        assert clause not in body["query"]["bool"].get("should", [])


def test_pages_are_kept_in_the_visitors_language_or_english():
    english = search_body(Query(text="fees", locale="en"), "guide")
    assert {"terms": {"language": ["", "en"]}} in filters(english)
    assert "collapse" not in english  # only English pages: nothing to collapse
    khmer = search_body(Query(text="fees", locale="km"), "guide")
    assert {"terms": {"language": ["", "km", "en"]}} in filters(khmer)
    # A page found in both languages is shown once: collapsed on its translation group, the Khmer one taken from
    # the inner hits, and the pages counted as groups.
    assert khmer["collapse"]["field"] == "variant"
    assert khmer["collapse"]["inner_hits"]["size"] == 2
    assert khmer["aggs"]["variants"] == {"cardinality": {"field": "variant", "precision_threshold": 3000}}


def test_a_kind_that_a_filter_does_not_apply_to_is_not_searched():
    every = kinds()
    engine = ElasticEngine(CLOSED, prefix="lantern")
    query = Query(text="passport", status="valid")
    searched = query.kinds_searched(every)
    assert searched == ["agency"]
    lines = msearch_lines(query, {name: engine.alias(name) for name in searched})
    assert [line["index"] for line in lines[::2]] == ["lantern-agencies"]
    assert {"term": {"kind": "agency"}} in filters(lines[1])
    everything = msearch_lines(Query(text="passport"), {name: engine.alias(name) for name in every})
    assert [line["index"] for line in everything[::2]] == [
        "lantern-agencies", "lantern-guides", "lantern-organisations", "lantern-providers"]


def test_several_kinds_show_a_few_hits_each_and_one_kind_is_paged():
    several = search_body(Query(text="manpower", page=2), "agency")
    assert (several["from"], several["size"]) == (GROUP_SIZE, GROUP_SIZE)
    one = search_body(Query(text="manpower", kinds=("agency",), page=3), "agency")
    assert (one["from"], one["size"]) == (2 * PAGE_SIZE, PAGE_SIZE)


def test_highlights_are_marked_escaped_and_about_160_characters():
    body = search_body(Query(text="passport"), "guide")
    assert body["highlight"] == HIGHLIGHT
    assert HIGHLIGHT["pre_tags"] == ["<mark>"] and HIGHLIGHT["post_tags"] == ["</mark>"]
    assert HIGHLIGHT["encoder"] == "html"
    assert HIGHLIGHT["fields"]["text"]["fragment_size"] == 160
    assert HIGHLIGHT["fields"]["text"]["number_of_fragments"] == 1
    assert "title" in HIGHLIGHT["fields"]


def test_facets_are_counted_by_aggregations():
    aggs = search_body(Query(text="manpower"), "agency")["aggs"]
    assert {name: agg["terms"]["field"] for name, agg in aggs.items()} == {
        "country": "countries", "status": "status", "topic": "topics", "language": "languages"}


@pytest.mark.parametrize("text", [SYNTAX, 'NEAR("a" "b", 2)', "manpower -nepal +^~ /regex/ name:*", "{\"query\": 1}"])
def test_query_syntax_typed_reaches_only_match_and_term_queries(text):
    body = search_body(Query(text=text, kinds=("agency",)), "agency")
    keys = {key for path, _value in walk(body) for key in path}
    assert not keys & {"query_string", "simple_query_string", "regexp", "wildcard", "prefix", "script", "intervals"}
    allowed = {("multi_match", "query"), ("title.exact", "value"), ("alt_title.exact", "value")}
    typed = [path for path, value in walk(body) if value == text]
    assert typed and {path[-2:] for path in typed} <= allowed
    # Nothing else holds the characters of a query syntax that were typed (the licence and name keys have none).
    syntax = set('*"():\\/{}~+-') & set(text)
    holding = [path for path, value in walk(body["query"]) if isinstance(value, str) and syntax & set(value)]
    assert {path[-2:] for path in holding} <= allowed, holding
    json.dumps(body)  # plain data, nothing else


def test_a_huge_query_is_cut_at_the_maximum_length():
    body = search_body(Query(text="manpower " * 10_000), "agency")
    texts = [value for _path, value in walk(body) if isinstance(value, str)]
    assert max(len(value) for value in texts) <= MAX_QUERY_LENGTH
    assert clauses(body)["names"]["query"].startswith("manpower manpower")


def test_filters_alone_list_what_passes_them_by_name():
    body = search_body(Query(text="", country="NP"), "agency")
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert "should" not in body["query"]["bool"]
    assert body["sort"] == [{"title.exact": "asc"}, {"object_id": "asc"}]
    assert search_body(Query(text=" *** ", country="NP"), "agency")["query"] == body["query"]  # punctuation alone


@pytest.mark.parametrize("text", ["", "   ", "*** ?", "\"\""])
def test_an_empty_query_without_filters_is_answered_without_asking_elasticsearch(text):
    every = kinds()
    results = ElasticEngine(CLOSED).search(Query(text=text), every)  # asking the closed port would raise
    assert results.groups == [] and results.facets == {} and results.engine == "elasticsearch"
    assert ElasticEngine(CLOSED).search(Query(text="manpower"), {}).groups == []


# --- Suggestions ----------------------------------------------------------------------------------------------------


def test_suggestions_are_completions_of_names_with_one_typo():
    assert suggest_body("manpo", 8) == {
        "size": 0,
        "_source": ["title", "alt_title"],
        "suggest": {"names": {"prefix": "manpo", "completion": {
            "field": "suggest", "size": 16, "skip_duplicates": True, "fuzzy": {"fuzziness": 1}}}},
    }


def test_suggestions_are_distinct_names_in_the_script_typed():
    answer = {"suggest": {"names": [{"text": "man", "offset": 0, "length": 3, "options": [
        {"text": "Manpower Nepal Pvt. Ltd.", "_index": "lantern-agencies-1", "_id": "agency-1", "_score": 1.0,
         "_source": {"title": "Manpower Nepal Pvt. Ltd.", "alt_title": "मानपावर नेपाल"}},
        {"text": "manpower nepal", "_index": "lantern-agencies-1", "_id": "agency-99", "_score": 1.0,
         "_source": {"title": "Manpower Nepal Pvt. Ltd.", "alt_title": ""}},
        {"text": "मानपावर नेपाल", "_index": "lantern-agencies-1", "_id": "agency-5", "_score": 1.0,
         "_source": {"title": "Manpower Nepal Pvt. Ltd.", "alt_title": "मानपावर नेपाल"}},
        {"text": "Manila Pacific Placement", "_index": "lantern-agencies-1", "_id": "agency-12", "_score": 1.0,
         "_source": {"title": "Manila Pacific Placement"}},
    ]}]}}
    assert suggestions_from(answer, 5) == ["Manpower Nepal Pvt. Ltd.", "मानपावर नेपाल", "Manila Pacific Placement"]
    assert suggestions_from(answer, 1) == ["Manpower Nepal Pvt. Ltd."]
    assert suggestions_from({"suggest": {"names": [{"text": "zz", "options": []}]}}, 5) == []


def test_too_short_a_prefix_is_not_sent():
    assert ElasticEngine(CLOSED).suggest("m", limit=5) == []
    assert ElasticEngine(CLOSED).suggest("  ", limit=5) == []


# --- Indexes --------------------------------------------------------------------------------------------------------


def named(mapping, key):
    return {value for path, value in walk(mapping) if path and path[-1] == key}


@pytest.mark.parametrize("icu", [True, False])
def test_every_analyser_the_mappings_name_is_defined(icu):
    analysis = index_settings(icu)["analysis"]
    for kind in kinds().values():
        mapping = kind.document._doc_type.mapping.to_dict()
        assert named(mapping, "analyzer") <= set(analysis["analyzer"])
        assert named(mapping, "normalizer") <= set(analysis["normalizer"])
    assert set(analysis["analyzer"]) == {NAME, TEXT, ENGLISH, INDONESIAN, THAI, LICENCE}
    assert set(analysis["normalizer"]) == {EXACT, LICENCE_KEY}
    custom = set(analysis["filter"])
    for definition in [*analysis["analyzer"].values(), *analysis["normalizer"].values()]:
        for name in definition["filter"]:
            assert name in custom or name in {"lowercase", "uppercase", "asciifolding", "icu_folding", "decimal_digit"}


def test_the_icu_plugin_folds_every_script_and_breaks_words_of_running_text():
    analysis = index_settings(True)["analysis"]
    assert analysis["analyzer"][NAME] == {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "icu_folding"]}
    assert analysis["analyzer"][TEXT]["tokenizer"] == "icu_tokenizer"
    assert analysis["normalizer"][EXACT]["filter"] == ["lowercase", "icu_folding"]


def test_without_the_plugin_latin_letters_are_folded_and_nothing_needs_it():
    analysis = index_settings(False)["analysis"]
    assert analysis["analyzer"][NAME] == {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}
    assert analysis["normalizer"][EXACT]["filter"] == ["lowercase", "asciifolding"]
    assert "icu" not in json.dumps(analysis)


def test_language_and_licence_analysers():
    analysis = index_settings(False)["analysis"]
    english = analysis["analyzer"][ENGLISH]["filter"]
    assert [analysis["filter"][name] for name in english if name in analysis["filter"]] == [
        {"type": "stemmer", "language": "possessive_english"}, {"type": "stop", "stopwords": "_english_"},
        {"type": "stemmer", "language": "english"}]
    indonesian = analysis["analyzer"][INDONESIAN]["filter"]
    assert {"type": "stemmer", "language": "indonesian"} in [analysis["filter"].get(name) for name in indonesian]
    assert analysis["analyzer"][THAI]["tokenizer"] == "thai"
    licence = analysis["analyzer"][LICENCE]
    assert licence["tokenizer"] == "keyword" and licence["filter"][-1] == "uppercase"
    strip = analysis["filter"][licence["filter"][0]]
    assert strip["type"] == "pattern_replace" and strip["replacement"] == ""
    assert analysis["normalizer"][LICENCE_KEY]["filter"] == licence["filter"]


def test_the_cluster_has_icu_only_if_every_node_has_the_plugin():
    with_icu = {"name": "analysis-icu", "version": "8.19.0"}
    assert has_icu({"nodes": {"a": {"plugins": [with_icu]}, "b": {"plugins": [{"name": "x"}, with_icu]}}})
    assert not has_icu({"nodes": {"a": {"plugins": [with_icu]}, "b": {"plugins": []}}})
    assert not has_icu({"nodes": {}})


def test_a_new_index_has_the_settings_and_the_documents_mapping():
    body = index_body(False, AgencyDocument, building=True)
    assert body["settings"]["analysis"] == index_settings(False)["analysis"]
    assert body["settings"]["index"] == {"refresh_interval": "-1"}  # refreshed once complete
    properties = body["mappings"]["properties"]
    assert properties["title"]["fields"]["exact"] == {"type": "keyword", "normalizer": EXACT}
    assert properties["licence"]["fields"]["raw"] == {"type": "keyword", "normalizer": LICENCE_KEY}
    assert properties["suggest"]["type"] == "completion" and properties["variant"]["type"] == "keyword"
    assert "index" not in index_body(True, AgencyDocument)["settings"]


def test_records_are_indexed_under_their_kind_and_id():
    nepal = next(record for record in RECORDS if record["object_id"] == 1)
    khmer = next(record for record in RECORDS if record["object_id"] == 102)
    first, second = document_actions([nepal, khmer], lambda kind: f"lantern-{kind}")
    assert (first["_index"], first["_id"], second["_index"], second["_id"]) == (
        "lantern-agency", "agency-1", "lantern-guide", "guide-102")
    assert first["_source"]["name_key"] == ["manpower nepal", "मानपावर नेपाल"]
    assert first["_source"]["suggest"] == {"input": ["Manpower Nepal Pvt. Ltd.", "मानपावर नेपाल", "manpower nepal"]}
    assert first["_source"]["variant"] == "agency-1"
    assert second["_source"]["variant"] == "group-g-fees-hk"  # shared with the English guide 101
    assert delete_actions("lantern-agencies", "agency", [1, 2]) == [
        {"_op_type": "delete", "_index": "lantern-agencies", "_id": "agency-1"},
        {"_op_type": "delete", "_index": "lantern-agencies", "_id": "agency-2"}]


def test_the_alias_moves_to_the_new_index_in_one_step():
    alias = index_alias("lantern", AgencyDocument)
    assert alias == "lantern-agencies"
    new = "lantern-agencies-20260102030405000000"
    assert alias_actions(alias, [], new) == [{"add": {"index": new, "alias": alias}}]  # the first build
    assert alias_actions(alias, ["lantern-agencies-20260101000000000000"], new) == [
        {"remove": {"index": "lantern-agencies-20260101000000000000", "alias": alias}},
        {"add": {"index": new, "alias": alias}},
    ]
    # An index named like the alias (written to before any rebuild) is replaced in the same step.
    assert alias_actions(alias, [], new, replace_index=True) == [
        {"remove_index": {"index": alias}}, {"add": {"index": new, "alias": alias}}]


def test_old_versions_are_deleted_but_not_a_newer_rebuild_or_other_indexes():
    names = ["lantern-agencies-20250101000000000000", "lantern-agencies-20260102030405000000",
             "lantern-agencies-20270101000000000000", "lantern-agencies", "lantern-agencies-archive",
             "lantern-agencies-x-20250101000000000000"]
    assert stale_indexes("lantern-agencies", names, "20260102030405000000") == ["lantern-agencies-20250101000000000000"]


def test_settings_name_the_timeout_and_the_prefix(settings):
    assert settings.ELASTICSEARCH_TIMEOUT == 2
    assert settings.ELASTICSEARCH_INDEX_PREFIX == "lantern"
    settings.ELASTICSEARCH_INDEX_PREFIX, settings.ELASTICSEARCH_TIMEOUT = "staging", 1
    engine = ElasticEngine(CLOSED)
    assert (engine.alias("guide"), engine.timeout) == ("staging-guides", 1)


# --- Answers ----------------------------------------------------------------------------------------------------------


def agency_hit(pk, title, score, highlight=None, **source):
    hit = {"_index": "lantern-agencies-1", "_id": f"agency-{pk}", "_score": score,
           "_source": {"kind": "agency", "object_id": pk, "language": "", "group": "", "title": title, "alt_title": "",
                       "licence": "L-1", "countries": ["NP"], "status": "valid", **source}}
    if highlight:
        hit["highlight"] = highlight
    return hit


def guide_hit(pk, language, title, score):
    return {"_index": "lantern-guides-1", "_id": f"guide-{pk}", "_score": score,
            "_source": {"kind": "guide", "object_id": pk, "language": language, "group": "g-fees-hk", "title": title,
                        "alt_title": "", "licence": "", "countries": ["PH", "HK"], "status": "",
                        "topics": ["recruitment-fees"]}}


def buckets(*pairs):
    return {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
            "buckets": [{"key": key, "doc_count": count} for key, count in pairs]}


ANSWER = {"took": 5, "responses": [
    {"took": 3, "timed_out": False, "status": 200,
     "hits": {"total": {"value": 7, "relation": "eq"}, "max_score": 31.5, "hits": [
         agency_hit(1, "Manpower Nepal Pvt. Ltd.", 31.5, rating=4.2, alt_title="मानपावर नेपाल",
                    highlight={"text": ["<mark>Manpower</mark> Nepal &lt;b&gt; head office"]}),
         agency_hit(2, "Himalayan Manpower Services", 12.25, highlight={"title": ["Himalayan <mark>Manpower</mark>"]}),
     ]},
     "aggregations": {"country": buckets(("NP", 5), ("PH", 2)), "status": buckets(("valid", 6), ("cancelled", 1)),
                      "topic": buckets(), "language": buckets()}},
    {"took": 2, "timed_out": False, "status": 200,
     "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
     "aggregations": {"country": buckets(), "status": buckets(), "topic": buckets(), "language": buckets()}},
    {"took": 2, "timed_out": False, "status": 200,
     "hits": {"total": {"value": 3, "relation": "eq"}, "max_score": 2.0, "hits": [
         {**guide_hit(101, "en", "Recruitment fees in Hong Kong", 2.0),
          "fields": {"variant": ["group-g-fees-hk"]},
          "inner_hits": {"translations": {"hits": {"total": {"value": 2, "relation": "eq"}, "hits": [
              guide_hit(101, "en", "Recruitment fees in Hong Kong", 2.0),
              guide_hit(102, "km", "ថ្លៃសេវាជ្រើសរើសនៅហុងកុង", 1.5)]}}}},
         {**guide_hit(103, "en", "Your passport belongs to you", 1.0),
          "inner_hits": {"translations": {"hits": {"total": {"value": 1, "relation": "eq"}, "hits": [
              guide_hit(103, "en", "Your passport belongs to you", 1.0)]}}}},
     ]},
     "aggregations": {"country": buckets(("PH", 3), ("HK", 2)), "status": buckets(("", 3)),
                      "topic": buckets(("recruitment-fees", 2)), "language": buckets(("en", 2), ("km", 1)),
                      "variants": {"value": 2}}},
]}


def test_an_answer_becomes_groups_of_hits_in_the_kinds_order_with_facets():
    query = Query(text="manpower", locale="km")
    results = results_from(query, ["agency", "organisation", "guide"], ANSWER["responses"])
    assert results.engine == "elasticsearch" and results.query is query
    assert [(group.kind, group.total, group.capped) for group in results.groups] == [("agency", 7, False), ("guide", 2, False)]
    first, second = results.groups[0].hits
    assert (first.kind, first.object_id, first.title, first.alt_title, first.licence) == (
        "agency", 1, "Manpower Nepal Pvt. Ltd.", "मानपावर नेपाल", "L-1")
    assert (first.countries, first.status, first.rating, first.score) == (["NP"], "valid", 4.2, 31.5)
    assert first.highlight == "<mark>Manpower</mark> Nepal &lt;b&gt; head office"
    assert isinstance(first.highlight, SafeString)  # Elasticsearch escaped the text (encoder "html")
    assert second.highlight == "Himalayan <mark>Manpower</mark>" and second.rating is None
    # The Khmer guide is shown instead of the same guide in English; the guide not translated stays in English.
    assert [(hit.object_id, hit.language) for hit in results.groups[1].hits] == [(102, "km"), (103, "en")]
    assert results.groups[1].hits[0].topics == ["recruitment-fees"]
    assert results.facets == {
        "kind": [("agency", 7), ("guide", 2)],
        "country": [("NP", 5), ("PH", 5), ("HK", 2)],
        "status": [("valid", 6), ("cancelled", 1)],
        "topic": [("recruitment-fees", 2)],
        "language": [("en", 2), ("km", 1)],
    }
    assert results.total == 9


def test_a_total_elasticsearch_stopped_counting_is_marked_capped():
    response = {"hits": {"total": {"value": 10000, "relation": "gte"}, "hits": [agency_hit(1, "A", 1.0)]},
                "aggregations": {}}
    group, = results_from(Query(text="a"), ["agency"], [response]).groups
    assert (group.total, group.capped) == (10000, True)


def test_a_kind_beyond_its_last_page_keeps_its_total():
    response = {"hits": {"total": {"value": 3, "relation": "eq"}, "hits": []}, "aggregations": {}}
    group, = results_from(Query(text="a", page=9), ["agency"], [response]).groups
    assert (group.total, group.hits) == (3, [])  # search.services then asks for the last page


def test_a_failed_search_of_one_kind_is_an_engine_error():
    failed = {"error": {"type": "index_not_found_exception", "reason": "no such index [lantern-guides]"}, "status": 404}
    with pytest.raises(EngineError, match="index_not_found_exception"):
        results_from(Query(text="a"), ["agency", "guide"], [ANSWER["responses"][1], failed])


# --- Failures ---------------------------------------------------------------------------------------------------------


def test_a_closed_port_is_an_engine_error_within_the_timeout(settings):
    settings.ELASTICSEARCH_URL = CLOSED
    engine = ElasticEngine()
    every = kinds()
    started = time.monotonic()
    with pytest.raises(EngineError):
        engine.search(Query(text="manpower"), every)
    with pytest.raises(EngineError):
        engine.suggest("manpo", limit=5)
    assert time.monotonic() - started < settings.ELASTICSEARCH_TIMEOUT * 2
    with pytest.raises(EngineError):
        engine.index(RECORDS[:2])
    with pytest.raises(EngineError):
        engine.remove("agency", [1])
    with pytest.raises(EngineError):
        engine.rebuild(iter([("agency", RECORDS[:2])]))


def test_no_url_is_an_engine_error(settings):
    settings.ELASTICSEARCH_URL = None
    with pytest.raises(EngineError, match="ELASTICSEARCH_URL"):
        ElasticEngine().search(Query(text="manpower"), kinds())
