"""The Elasticsearch engine: one index per kind, behind an alias, searched in one round trip.

A search is one `_msearch` request with one body per kind (`search_body`), so that each kind gets its own page of hits
(the top GROUP_SIZE of each when several kinds are searched, PAGE_SIZE a page when one is), its own total and its own
facet counts. A body ranks, for the visitor's words (at most MAX_QUERY_LENGTH characters, given only to `match`-type
and `term` queries, so that nothing they type is ever read as query syntax):

- the licence number (letters and digits, upper case) on `licence.raw`, boosted above everything else;
- the whole name, exactly (`title.exact`, `alt_title.exact`: case and accents folded) or normalised as the database
  engine does (`name_key`: agencies.text.normalise_name, without legal forms or punctuation);
- the names' words with fuzziness AUTO (one typo in a word of 3 to 5 letters, two beyond), the first letter exact;
- the words of the names and texts in English, Indonesian and Thai (stemmed) and in any language (folded).

Pages (guides, providers) are kept in the visitor's language or English, and a page found in both is shown once, in
the visitor's language: the hits are collapsed on `variant` (a page's translation group, a document's own id
otherwise) with the group's hits as inner hits, from which the one in the visitor's language is taken. The collapse is
made by Elasticsearch, so pages and totals (counted with a `cardinality` aggregation) are those of the shown pages.

Writing goes to the aliases `<prefix>-<index name>`; a rebuild fills new indexes `<prefix>-<index name>-<UTC time>`
and moves every alias to them in one `update_aliases` call, so the aliases always name complete indexes.

Every failure of Elasticsearch (refused or timed-out connection, an error answer, refused records) is raised as
EngineError, for search.services to answer from the database instead. The request bodies are built by the pure
functions below (tests/search/test_elastic_queries.py compares them).
"""

import logging
import re
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime

from django.conf import settings
from django.utils.safestring import mark_safe
from elastic_transport import TransportError
from elastic_transport.client_utils import url_to_node_config
from elasticsearch import ApiError, Elasticsearch, helpers

from agencies.text import normalise_name
from search.analysis import index_settings, licence_key
from search.documents import kinds as all_kinds
from search.engines import Engine, EngineError
from search.query import MAX_QUERY_LENGTH, Group, Hit, Results

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "lantern"
DEFAULT_TIMEOUT = 2  # seconds a search or a suggestion may take before the database answers instead
WRITE_TIMEOUT = 120  # seconds a write (a bulk of records, an index created, the aliases moved) may take
SUGGEST_KIND = "agency"

LICENCE_BOOST = 20  # a licence number typed is what the visitor wants, whatever the names say
EXACT_BOOST = 10  # the whole name typed comes before the names that hold its words
NAME_FIELDS = ["title^3", "alt_title^3"]
WORD_FIELDS = ["title.en^2", "title.id^2", "title.th^2", "text", "text.en", "text.id", "text.th"]
MINIMUM_WORDS = "2<75%"  # every word of one or two; three in four of more (a stray word does not empty the page)
FUZZINESS = "AUTO"  # 0 edits up to 2 letters, 1 from 3 to 5, 2 beyond (never more than 2)
PREFIX_LENGTH = 1  # the first letter of a word is not a typo
MAX_EXPANSIONS = 50

SNIPPET = 160  # characters of a highlight
SOURCE = ["kind", "object_id", "language", "group", "title", "alt_title", "licence", "countries", "status", "rating",
          "topics"]
FACETS = {"country": "countries", "status": "status", "topic": "topics", "language": "languages"}  # filter: field
FACET_SIZE = 100
VARIANTS = "variants"  # the aggregation counting the distinct pages where they are collapsed
TRANSLATIONS = "translations"  # the inner hits of a collapsed page
HIGHLIGHT = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",  # the text is escaped; only the tags are HTML
    "require_field_match": False,  # words found in the names are marked in the text too
    "fields": {
        "text": {"fragment_size": SNIPPET, "number_of_fragments": 1, "no_match_size": SNIPPET},
        "title": {"number_of_fragments": 0},
    },
}

MAX_RESULT_WINDOW = 10_000  # Elasticsearch's index.max_result_window: hits beyond it cannot be paged to
STAMP = re.compile(r"\d{20}")  # the UTC time that names an index version: %Y%m%d%H%M%S%f


# --- Request bodies ---------------------------------------------------------------------------------------------------


def query_text(query):
    """The words that are searched: at most MAX_QUERY_LENGTH characters, spaces collapsed; "" without a letter or a
    digit (punctuation alone finds nothing, and the filters alone then list what passes them)."""
    text = " ".join(query.text[:MAX_QUERY_LENGTH].split())
    return text if re.search(r"\w", text) else ""


def filter_clauses(query, kind):
    """The `filter` clauses of a kind's search: the kind, each chosen filter, pages in the visitor's language or
    English (records that are not pages have language "")."""
    clauses = [{"term": {"kind": kind}}]
    if query.country:
        clauses.append({"term": {"countries": query.country}})
    if query.status:
        clauses.append({"term": {"status": query.status}})
    if query.min_rating:
        clauses.append({"range": {"rating": {"gte": query.min_rating}}})
    if query.topic:
        clauses.append({"term": {"topics": query.topic}})
    if query.language:
        clauses.append({"term": {"languages": query.language}})
    clauses.append({"terms": {"language": list(dict.fromkeys(["", query.locale, "en"]))}})
    return clauses


def text_clauses(text):
    """The `should` clauses that find and rank a record by the visitor's words (match, multi_match and term only:
    the words are analysed or compared, never parsed)."""
    clauses = [
        {"multi_match": {"query": text, "fields": NAME_FIELDS, "type": "best_fields", "fuzziness": FUZZINESS,
                         "prefix_length": PREFIX_LENGTH, "max_expansions": MAX_EXPANSIONS,
                         "minimum_should_match": MINIMUM_WORDS}},
        {"multi_match": {"query": text, "fields": WORD_FIELDS, "type": "best_fields", "tie_breaker": 0.3,
                         "minimum_should_match": MINIMUM_WORDS}},
    ]
    exact = [{"term": {"title.exact": {"value": text, "boost": EXACT_BOOST}}},
             {"term": {"alt_title.exact": {"value": text, "boost": EXACT_BOOST}}}]
    name = normalise_name(text)
    if name:
        exact.append({"term": {"name_key": {"value": name, "boost": EXACT_BOOST}}})
    clauses.append({"dis_max": {"queries": exact}})  # an exact name counts once, however many ways it is exact
    licence = licence_key(text)
    if licence:
        clauses.append({"term": {"licence.raw": {"value": licence, "boost": LICENCE_BOOST}}})
    return clauses


def facet_aggregations(collapsed):
    aggregations = {name: {"terms": {"field": field, "size": FACET_SIZE}} for name, field in FACETS.items()}
    if collapsed:
        aggregations[VARIANTS] = {"cardinality": {"field": "variant", "precision_threshold": 3000}}
    return aggregations


def search_body(query, kind):
    """The body of one kind's search: its page of hits (query.page, query.size), highlights and facet counts."""
    text = query_text(query)
    collapsed = query.locale != "en"  # only English pages can be found otherwise: nothing to collapse
    body = {
        "from": min((query.page - 1) * query.size, MAX_RESULT_WINDOW - query.size),
        "size": query.size,
        "_source": SOURCE,
        "highlight": HIGHLIGHT,
        "aggs": facet_aggregations(collapsed),
    }
    if text:
        body["query"] = {"bool": {"should": text_clauses(text), "minimum_should_match": 1,
                                  "filter": filter_clauses(query, kind)}}
    else:  # only filters: everything that passes them, by name
        body["query"] = {"bool": {"must": [{"match_all": {}}], "filter": filter_clauses(query, kind)}}
        body["sort"] = [{"title.exact": "asc"}, {"object_id": "asc"}]
    if collapsed:
        body["collapse"] = {"field": "variant", "inner_hits": {"name": TRANSLATIONS, "size": 2, "_source": SOURCE,
                                                               "highlight": HIGHLIGHT}}
    return body


def msearch_lines(query, indexes):
    """The `_msearch` request: a header and a body for each kind of `indexes` ({kind name: index or alias})."""
    lines = []
    for kind, index in indexes.items():
        lines += [{"index": index}, search_body(query, kind)]
    return lines


def suggest_body(text, limit):
    """A completion suggester on the names (fuzzy: one typo), without hits."""
    return {
        "size": 0,
        "_source": ["title", "alt_title"],
        "suggest": {"names": {"prefix": text, "completion": {
            "field": "suggest", "size": limit * 2, "skip_duplicates": True, "fuzzy": {"fuzziness": 1}}}},
    }


def index_alias(prefix, document):
    """The alias that names a kind's index: `<prefix>-<the Document's index name>`."""
    return f"{prefix}-{document._index._name}"


def index_body(icu, document, *, building=False):
    """`settings` and `mappings` of a new index of `document`; `building`: not refreshed until it is complete."""
    body_settings = index_settings(icu)
    if building:
        body_settings = {**body_settings, "index": {"refresh_interval": "-1"}}
    return {"settings": body_settings, "mappings": document._doc_type.mapping.to_dict()}


def alias_actions(alias, old, new, *, replace_index=False):
    """The `update_aliases` actions that move `alias` from the `old` indexes to `new` at once; `replace_index`: an
    index named like the alias (made by hand, or by writing before any rebuild) is deleted in the same step."""
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    if replace_index:
        actions.append({"remove_index": {"index": alias}})
    actions.append({"add": {"index": new, "alias": alias}})
    return actions


def stale_indexes(alias, names, stamp):
    """The versions of `alias`'s index among `names` made before the one stamped `stamp`: those a rebuild replaced and
    those that failed rebuilds left (a rebuild started since, with a later stamp, is left alone)."""
    stale = []
    for name in names:
        version = name[len(alias) + 1:] if name.startswith(f"{alias}-") else ""
        if STAMP.fullmatch(version) and version < stamp:
            stale.append(name)
    return sorted(stale)


def versions(aliases_answer):
    """{index: its aliases} from a `GET <pattern>/_alias` answer (an index the pattern matched but holds no alias is
    there too; a 404 answer has none)."""
    return {index: info.get("aliases") or {} for index, info in (aliases_answer or {}).items()
            if isinstance(info, dict) and "aliases" in info}


def document_actions(records, index_of):
    """Bulk actions indexing `records` (search.documents.record) into `index_of(kind name)`."""
    every = all_kinds()
    for record in records:
        action = every[record["kind"]].document.from_record(record).to_dict(include_meta=True)
        action["_index"] = index_of(record["kind"])
        yield action


def delete_actions(index, kind, object_ids):
    return [{"_op_type": "delete", "_index": index, "_id": f"{kind}-{object_id}"} for object_id in object_ids]


def has_icu(nodes_info):
    """Whether every node of the cluster (a `_nodes/plugins` answer) has the analysis-icu plugin."""
    nodes = (nodes_info or {}).get("nodes") or {}

    def icu(node):
        return any(item.get("name") == "analysis-icu" for item in node.get("plugins", []) + node.get("modules", []))

    return bool(nodes) and all(icu(node) for node in nodes.values())


# --- Answers ------------------------------------------------------------------------------------------------------


def _listed(value):
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def hit_from(kind, raw):
    """A Hit from a hit of Elasticsearch's answer; its highlight is the escaped fragment Elasticsearch marked."""
    source = raw.get("_source") or {}
    fragments = raw.get("highlight") or {}
    fragment = (fragments.get("text") or fragments.get("title") or [""])[0]
    rating = source.get("rating")
    return Hit(kind=kind, object_id=int(source["object_id"]), title=source.get("title") or "",
               language=source.get("language") or "", alt_title=source.get("alt_title") or "",
               licence=source.get("licence") or "", countries=_listed(source.get("countries")),
               status=source.get("status") or "", rating=float(rating) if rating is not None else None,
               topics=_listed(source.get("topics")),
               highlight=mark_safe(fragment) if fragment else "",  # encoder "html": the text in it is escaped
               score=float(raw.get("_score") or 0.0))


def _in_visitors_language(raw, locale):
    """The hit of a collapsed page in the visitor's language, if it was found in it; the best one otherwise."""
    translations = ((raw.get("inner_hits") or {}).get(TRANSLATIONS) or {}).get("hits", {}).get("hits", [])
    return next((hit for hit in translations if (hit.get("_source") or {}).get("language") == locale), raw)


def _error(kind, response):
    error = response.get("error")
    if isinstance(error, dict):
        error = f"{error.get('type', '')}: {error.get('reason', '')}"
    return f"the search of {kind} failed ({response.get('status', '')} {error})"


def results_from(query, kind_names, responses):
    """Results from the `_msearch` answers (`responses`, one per kind of `kind_names`, in that order)."""
    groups, kind_counts = [], Counter()
    counts = {name: Counter() for name in FACETS}
    for kind, response in zip(kind_names, responses):
        if "error" in response:
            raise EngineError(_error(kind, response))
        found = response.get("hits") or {}
        aggregations = response.get("aggregations") or {}
        total = found.get("total") or {}
        if isinstance(total, int):
            total = {"value": total, "relation": "eq"}
        count, capped = total.get("value", 0), total.get("relation", "eq") != "eq"
        if VARIANTS in aggregations:
            count, capped = aggregations[VARIANTS]["value"], False
        for name in FACETS:
            for bucket in (aggregations.get(name) or {}).get("buckets", []):
                if bucket["key"] != "":
                    counts[name][bucket["key"]] += bucket["doc_count"]
        if not count:
            continue
        kind_counts[kind] = count
        hits = [hit_from(kind, _in_visitors_language(raw, query.locale)) for raw in found.get("hits", [])]
        groups.append(Group(kind=kind, total=count, hits=hits, capped=capped))
    facets = {"kind": kind_counts.most_common()} if kind_counts else {}
    facets.update({name: counter.most_common() for name, counter in counts.items() if counter})
    return Results(query=query, groups=groups, facets=facets, engine=ElasticEngine.name)


def suggestions_from(response, limit):
    """Distinct names from a completion answer: the name that was completed (the local-script name where that is
    the one typed), up to `limit`."""
    names = []
    for suggestion in (response.get("suggest") or {}).get("names", []):
        for option in suggestion.get("options", []):
            source = option.get("_source") or {}
            alt_title = source.get("alt_title") or ""
            names.append(alt_title if alt_title and option.get("text") == alt_title else
                         source.get("title") or option.get("text") or "")
    return list(dict.fromkeys(name for name in names if name))[:limit]


# --- The engine -------------------------------------------------------------------------------------------------------


def _describe(error):
    if isinstance(error, helpers.BulkIndexError):
        first = error.errors[0] if error.errors else {}
        item = next(iter(first.values()), {}) if isinstance(first, dict) else {}
        reason = item.get("error") if isinstance(item, dict) else None
        if isinstance(reason, dict):
            reason = f"{reason.get('type', '')}: {reason.get('reason', '')}"
        return f"{len(error.errors)} records refused ({reason or first})"
    return str(error)[:500]


@contextmanager
def engine_errors():
    """Every failure of Elasticsearch or of its client, as EngineError."""
    try:
        yield
    except EngineError:
        raise
    except (ApiError, TransportError, helpers.BulkIndexError) as error:
        raise EngineError(_describe(error)) from error


_clients = {}


def connect(url, timeout):
    """A client of the cluster at `url` (kept for the process: its connections are reused), whose requests give up
    after `timeout` seconds and are not retried (a search that fails is answered by the database)."""
    key = (url, timeout)
    if key not in _clients:
        if not url:
            raise EngineError("ELASTICSEARCH_URL is not set")
        try:
            node = url_to_node_config(url, use_default_ports_for_scheme=True)
        except ValueError as error:
            raise EngineError("ELASTICSEARCH_URL is not a URL of Elasticsearch") from error
        _clients[key] = Elasticsearch([node], request_timeout=timeout, max_retries=0, retry_on_timeout=False)
    return _clients[key]


def _body(response):
    return response.body if hasattr(response, "body") else response


class ElasticEngine(Engine):
    name = "elasticsearch"

    def __init__(self, url=None, *, prefix=None, timeout=None):
        """The cluster at `url` (settings.ELASTICSEARCH_URL), its indexes named `<prefix>-...`
        (settings.ELASTICSEARCH_INDEX_PREFIX), searched within `timeout` seconds (settings.ELASTICSEARCH_TIMEOUT)."""
        self.url = url or settings.ELASTICSEARCH_URL
        self.prefix = prefix or getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", DEFAULT_PREFIX)
        self.timeout = timeout or getattr(settings, "ELASTICSEARCH_TIMEOUT", DEFAULT_TIMEOUT)

    @property
    def client(self):
        return connect(self.url, self.timeout)

    @property
    def writer(self):
        """The client for writes, which may take longer than a search and are retried."""
        return self.client.options(request_timeout=WRITE_TIMEOUT, max_retries=2, retry_on_timeout=True)

    def alias(self, kind):
        return index_alias(self.prefix, all_kinds()[kind].document)

    # --- Reading -------------------------------------------------------------------------------------------------

    def search(self, query, kinds):
        names = list(kinds)
        if not names or not (query_text(query) or query.chosen_filters):
            return Results(query=query, engine=self.name)
        lines = msearch_lines(query, {name: self.alias(name) for name in names})
        with engine_errors():
            response = _body(self.client.msearch(searches=lines))
        return results_from(query, names, response.get("responses", []))

    def suggest(self, text, *, limit):
        text = " ".join(str(text)[:MAX_QUERY_LENGTH].split())
        if len(text) < 2 or limit < 1:
            return []
        with engine_errors():
            response = _body(self.client.search(index=self.alias(SUGGEST_KIND), body=suggest_body(text, limit)))
        return suggestions_from(response, limit)

    # --- Writing -------------------------------------------------------------------------------------------------

    def _bulk(self, client, actions, **options):
        helpers.bulk(client, actions, chunk_size=500, max_chunk_bytes=20 * 1024 * 1024, **options)

    def index(self, records):
        records = list(records)
        if not records:
            return
        with engine_errors():
            # require_alias: before the first rebuild there is no index, and none is made with a guessed mapping.
            self._bulk(self.writer, document_actions(records, self.alias), require_alias=True)

    def remove(self, kind, object_ids):
        object_ids = list(object_ids)
        if not object_ids:
            return
        with engine_errors():
            self._bulk(self.writer, delete_actions(self.alias(kind), kind, object_ids), require_alias=True,
                       ignore_status=(404,))  # a record that was not indexed is already removed

    def icu(self):
        """Whether the cluster has the analysis-icu plugin on every node (asked once per rebuild)."""
        try:
            return has_icu(_body(self.writer.nodes.info(metric="plugins")))
        except ApiError as error:  # not allowed to ask (a restricted user): the analysers that need no plugin
            logger.warning("Search: could not ask Elasticsearch for its plugins (%s); ASCII folding is used.", error)
            return False

    def rebuild(self, batches, *, progress=None):
        every = all_kinds()
        writer = self.writer
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        aliases = {name: self.alias(name) for name in every}
        new = {name: f"{alias}-{stamp}" for name, alias in aliases.items()}
        done = 0
        with engine_errors():
            icu = self.icu()
            try:
                for name, kind in every.items():
                    writer.indices.create(index=new[name], **index_body(icu, kind.document, building=True))
                for _name, records in batches:
                    self._bulk(writer, document_actions(records, new.__getitem__))
                    done += len(records)
                    if progress:
                        progress(done)
                indexes = list(new.values())
                writer.indices.put_settings(index=indexes, settings={"index": {"refresh_interval": None}})
                writer.indices.refresh(index=indexes)
                actions, found = [], {}
                for name, alias in aliases.items():
                    found[alias] = versions(_body(writer.options(ignore_status=404).indices.get_alias(
                        index=f"{alias}*")))
                    holding = sorted(index for index, names in found[alias].items() if alias in names)
                    actions += alias_actions(alias, holding, new[name], replace_index=alias in found[alias])
                writer.indices.update_aliases(actions=actions)
            except BaseException:
                self._delete(writer, list(new.values()))  # the aliases still name the old, complete indexes
                raise
        for alias, indexes in found.items():
            self._delete(writer, stale_indexes(alias, indexes, stamp))
        return done

    @staticmethod
    def _delete(client, indexes):
        """Deletes indexes no alias names; a failure leaves them for the next rebuild to delete, and is logged."""
        if not indexes:
            return
        try:
            client.options(ignore_status=404).indices.delete(index=indexes)
        except (ApiError, TransportError) as error:
            logger.warning("Search: Elasticsearch indexes %s were not deleted (%s).", indexes, error)
