"""Assertion status: is a phrase asserted, or negated, hypothetical, adjudicated, hedged, attributed
or generic?

A small ConText-style component. Trigger phrases (rules/modifiers.yaml) are found with one
PhraseMatcher; each trigger governs a scope of tokens in its direction up to the sentence edge, a
terminator ("but", ";") or a window. Detectors then ask `assertion_status(doc, start, end)` for the
tokens of a candidate and let the rule decide which statuses cancel it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..data import read_shipped, rules_dir
from ..errors import ConfigError
from ..models import ASSERTION_STATUSES

_EXT = "assertion_modifiers"
if not Doc.has_extension(_EXT):
    Doc.set_extension(_EXT, default=())

_DIRECTIONS = ("forward", "backward", "both")


@dataclass(frozen=True, slots=True)
class Modifier:
    """A trigger (tokens [start, end)) and the tokens [scope_start, scope_end) it governs."""

    status: str
    start: int
    end: int
    scope_start: int
    scope_end: int

    def covers(self, start: int, end: int) -> bool:
        overlaps_scope = self.scope_start < end and start < self.scope_end
        overlaps_trigger = self.start < end and start < self.end
        return overlaps_scope or overlaps_trigger


class AssertionModifiers:
    """spaCy component: sets `doc._.assertion_modifiers` to a tuple of Modifier."""

    def __init__(self, nlp: Language, name: str, modifiers_path: str = "") -> None:
        path = Path(modifiers_path) if modifiers_path else rules_dir() / "modifiers.yaml"
        spec = read_shipped(path) or {}
        self.name = name
        self.window = int(spec.get("window", 14))
        self.windows = {k: int(v) for k, v in (spec.get("windows") or {}).items()}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._keys: dict[int, tuple[str, str]] = {}

        def add(key: str, phrases: list[str], meaning: tuple[str, str]) -> None:
            docs = [nlp.make_doc(p.lower()) for p in phrases if p and p.strip()]
            if docs:
                self.matcher.add(key, docs)
                self._keys[nlp.vocab.strings[key]] = meaning

        statuses = spec.get("statuses") or {}
        for status, by_dir in statuses.items():
            if status not in ASSERTION_STATUSES:
                raise ConfigError(f"{path}: statuses.{status}: expected one of {', '.join(ASSERTION_STATUSES)}")
            for direction, phrases in (by_dir or {}).items():
                if direction not in _DIRECTIONS:
                    raise ConfigError(f"{path}: statuses.{status}.{direction}: expected one of {', '.join(_DIRECTIONS)}")
                add(f"PLA_{status}_{direction}", list(phrases or []), (status, direction))
        add("PLA_pseudo", list(spec.get("pseudo") or []), ("pseudo", ""))
        add("PLA_term", list(spec.get("terminators") or []), ("term", ""))
        add("PLA_quote", ['"'], ("quote", ""))

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(_EXT, tuple(self.modifiers(doc)))
        return doc

    def modifiers(self, doc: Doc) -> list[Modifier]:
        matches = self.matcher(doc)
        if not matches:
            return []
        pseudo: list[tuple[int, int]] = []
        terms: list[int] = []
        quotes: list[int] = []
        triggers: list[tuple[str, str, int, int]] = []
        for key, s, e in matches:
            status, direction = self._keys[key]
            if status == "pseudo":
                pseudo.append((s, e))
            elif status == "term":
                terms.append(s)
            elif status == "quote":
                quotes.append(s)
            else:
                triggers.append((status, direction, s, e))
        sent_of = sentence_bounds(doc) if triggers else None
        # Text between a pair of quotation marks (all folded to '"') is someone else's words.
        out: list[Modifier] = [
            Modifier("attributed", a, a + 1, a, b + 1) for a, b in zip(sorted(quotes)[0::2], sorted(quotes)[1::2], strict=False)
        ]
        for status, direction, s, e in triggers:
            if any(ps <= s and e <= pe for ps, pe in pseudo):
                continue
            assert sent_of is not None
            ss, se = sent_of[s]
            window = self.windows.get(status, self.window)
            if direction in ("forward", "both"):
                stop = min(se, e + window)
                for t in terms:
                    if e <= t < stop:
                        stop = t
                out.append(Modifier(status, s, e, e, stop))
            if direction in ("backward", "both"):
                begin = max(ss, s - window)
                for t in terms:
                    if begin <= t < s:
                        begin = t + 1
                out.append(Modifier(status, s, e, begin, s))
        # A decision that is itself only supposed or denied ("if convicted", "has not been
        # convicted") does not make anything adjudicated.
        suspending = [m for m in out if m.status in ("hypothetical", "negated") and m.scope_end > m.scope_start]
        return [
            m for m in out
            if m.status != "adjudicated"
            or not any(x.scope_start <= m.start < x.scope_end for x in suspending)
        ]


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """For each token, the token bounds of its sentence (the whole doc if none are set)."""
    bounds: list[tuple[int, int]] = [(0, len(doc))] * len(doc)
    try:
        sents = list(doc.sents)
    except ValueError:  # no sentence boundaries set
        return bounds
    for sent in sents:
        b = (sent.start, sent.end)
        for i in range(sent.start, sent.end):
            bounds[i] = b
    return bounds


def assertion_status(doc: Doc, start: int, end: int) -> frozenset[str]:
    """The statuses whose modifiers govern any of the tokens [start, end)."""
    mods: tuple[Modifier, ...] = doc._.get(_EXT) or ()  # a doc the component has not seen has none
    return frozenset(m.status for m in mods if m.covers(start, end))


@Language.factory("postlint_assertion", default_config={"modifiers_path": ""})
def make_assertion(nlp: Language, name: str, modifiers_path: str) -> AssertionModifiers:
    return AssertionModifiers(nlp, name, modifiers_path)
