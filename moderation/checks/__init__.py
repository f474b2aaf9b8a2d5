"""Automated checks run on every review, reply and report when it arrives.

A check is a plain function in a small module of this package, registered with `@check("code", label)`: it takes a
Subject (the text and what is known around it) and returns Hits, each with a score from 0 to 1, a reason a
moderator can read, and the parts of the text it is about. Checks never touch the database: the caller puts what
they need (the neighbouring texts, the recent counts, the abuse words) into the Subject, so the same checks run on
stored items, on `manage.py moderation_check` and on the labelled set of the benchmark.
"""

import importlib
from dataclasses import dataclass, field
from datetime import datetime

REGISTRY = {}  # code -> Check, in the order the modules register
MODULES = ("personal_data", "links", "abuse", "duplicates", "bursts", "conflict", "extremes")
# A hit with at least this score flags its item: what `manage.py moderation_check` counts and the benchmark scores.
FLAGGED_AT = 0.5
QUOTED_AT_MOST = 3  # the examples a reason quotes


@dataclass(frozen=True)
class Subject:
    """What a check looks at. Only `text` is required; the rest is filled in where it is known."""

    text: str
    language: str = ""
    kind: str = "review"  # review | reply | report
    rating: int | None = None  # 1 to 5, reviews only
    agency_name: str = ""
    neighbours: tuple[str, ...] = ()  # other recent texts to compare with (near-duplicates)
    # How many items arrived in the burst window from the same agency / network / contact, this one included.
    recent: dict = field(default_factory=dict)  # {"agency": n, "network": n, "contact": n}
    abuse_terms: tuple[tuple[str, str, bool], ...] = ()  # (language or "", term, severe)
    at: datetime | None = None


@dataclass(frozen=True)
class Hit:
    check: str
    score: float  # 0 to 1
    reason: str  # for a moderator, already in words
    spans: tuple[tuple[int, int], ...] = ()  # (start, end) in Subject.text


@dataclass(frozen=True)
class Check:
    code: str
    label: str  # lazy, translatable
    run: object  # Subject -> iterable of Hit


def check(code, label):
    """Registers the decorated function as the check `code`."""
    def register(function):
        REGISTRY[code] = Check(code, label, function)
        return function
    return register


def _load():
    """Imports every check module once (a module imported on its own, for its constants, registers only itself)."""
    for name in MODULES:
        importlib.import_module(f"{__name__}.{name}")


def run_checks(subject, only=None):
    """Every registered check's hits on `subject` (or only those of the codes in `only`)."""
    _load()
    hits = []
    for code, registered in REGISTRY.items():
        if only is None or code in only:
            hits.extend(registered.run(subject))
    return hits


def combined_risk(hits):
    """One risk from 0 to 1: the chance that at least one hit is right, taking each check's best score."""
    best = {}
    for hit in hits:
        best[hit.check] = max(best.get(hit.check, 0.0), hit.score)
    remaining = 1.0
    for score in best.values():
        remaining *= 1.0 - min(max(score, 0.0), 1.0)
    return round(1.0 - remaining, 4)


def quoted(parts):
    """The first few of `parts` in quotation marks, and how many more there are: “a”, “b”, “c” (+2)."""
    shown = ", ".join(f"“{part}”" for part in parts[:QUOTED_AT_MOST])
    return f"{shown} (+{len(parts) - QUOTED_AT_MOST})" if len(parts) > QUOTED_AT_MOST else shown


def any_of(sequences):
    """A regular expression (source) matching any of `sequences`, each a sequence of regular expressions (say one
    per character), built as a trie: searching for hundreds of words or phrases then costs hardly more than for one,
    where a plain "a|b|c..." tries every one of them at every position of the text. The longest sequence wins."""
    trie = {}
    for sequence in sequences:
        node = trie
        for piece in sequence:
            node = node.setdefault(piece, {})
        node[""] = {}  # the end of a sequence

    def pattern(node):
        branches = [piece + pattern(child) for piece, child in sorted(node.items()) if piece]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    return pattern(trie)


def check_labels():
    """(code, label) of every check, for filters."""
    _load()
    return [(code, registered.label) for code, registered in REGISTRY.items()]
