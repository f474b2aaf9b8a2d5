"""What a search asks and what it answers, the same whichever engine answers it."""

from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200  # characters of a query that are read; the rest is ignored
GROUP_SIZE = 5  # hits of each kind shown when several kinds are searched
PAGE_SIZE = 20  # hits a page when one kind is searched
MAX_PAGE = 50  # pages beyond this are not served (nobody reads them; an engine would have to rank them all)
FILTERS = ("country", "status", "min_rating", "topic", "language")


@dataclass(frozen=True)
class Query:
    """A visitor's search: their words, the kinds wanted (all when empty), the filters, their language and a page."""

    text: str = ""
    kinds: tuple = ()
    country: str = ""
    status: str = ""
    min_rating: int | None = None
    topic: str = ""
    language: str = ""  # only pages in this language, only organisations that speak it
    locale: str = "en"  # the visitor's language: pages in it are preferred to the same page in English
    page: int = 1

    @property
    def chosen_filters(self):
        return {name: getattr(self, name) for name in FILTERS if getattr(self, name)}

    def kinds_searched(self, all_kinds):
        """The kinds this query can find: those asked for (all by default) that every chosen filter applies to."""
        wanted = [name for name in all_kinds if not self.kinds or name in self.kinds]
        return [name for name in wanted if set(self.chosen_filters) <= all_kinds[name].filters]

    @property
    def size(self):
        return PAGE_SIZE if len(self.kinds) == 1 else GROUP_SIZE


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    language: str = ""
    alt_title: str = ""
    licence: str = ""
    countries: list = field(default_factory=list)
    status: str = ""
    rating: float | None = None
    topics: list = field(default_factory=list)
    highlight: str = ""  # safe HTML: a passage with the words found in <mark>
    score: float = 0.0
    url: str | None = None


@dataclass
class Group:
    """The hits of one kind on this page, and how many there are in all."""

    kind: str
    total: int
    hits: list
    capped: bool = False  # `total` is a lower bound: the engine stopped counting


@dataclass
class Results:
    query: Query
    groups: list = field(default_factory=list)  # Group, in the kinds' order; only kinds with hits
    facets: dict = field(default_factory=dict)  # filter name -> [(value, count)], most first
    engine: str = ""
    degraded: bool = False  # the configured engine failed and the database answered

    @property
    def total(self):
        return sum(group.total for group in self.groups)

    @property
    def hits(self):
        return [hit for group in self.groups for hit in group.hits]
