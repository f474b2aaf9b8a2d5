"""Where a crawl's problems are counted: the crawler's stats, under keys the crawl report reads."""

import logging

from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)

ERRORS = "lantern/errors"                      # list of human-readable strings
PAGES = "lantern/pages"                        # registry pages handed to the spider
REJECTED = "lantern/rejected"                  # rows written to the rejects file
REJECTED_REASON = "lantern/rejected/"          # + reason: count
UNKNOWN_STATUS = "lantern/unknown_status/"     # + raw status string: count
UNKNOWN_VALUE = "lantern/unknown_value/"       # + field + "/" + the source's word: count
# An item key a spider sets when it cannot build a usable row; the pipelines reject the row with it.
REJECT = "_lantern_reject"


class Rejected(DropItem):
    """A row that fails validation: it goes to the rejects file with this reason, not to the feed."""

    def __init__(self, reason):
        super().__init__(reason, log_level="INFO")
        self.reason = reason


def record_error(crawler, message):
    """Records something that makes the crawl incomplete (a failed page, a changed layout...)."""
    errors = crawler.stats.get_value(ERRORS)
    if errors is None:
        errors = []
        crawler.stats.set_value(ERRORS, errors)
    errors.append(message)
    logger.error(message)


def errors(stats):
    return list(stats.get_value(ERRORS) or [])


def counts_under(stats, prefix):
    """{suffix: count} for the stats keys that start with prefix."""
    return {key[len(prefix):]: value for key, value in stats.get_stats().items() if key.startswith(prefix)}


def record_unknown_value(stats, field, raw):
    """Counts a word of the source that has no meaning in Lantern's terms yet (see scrapers/vocabulary.py)."""
    stats.inc_value(f"{UNKNOWN_VALUE}{field}/{raw}")


def unknown_values(stats):
    """{field: [the source's words, sorted]} of the words counted with record_unknown_value."""
    found = {}
    for key in counts_under(stats, UNKNOWN_VALUE):
        field, _, raw = key.partition("/")
        found.setdefault(field, []).append(raw)
    return {field: sorted(words) for field, words in sorted(found.items())}
