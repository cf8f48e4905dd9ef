"""The matching mechanism every detector shares.

A rule's patterns (phrases or regexes over the normalized text, with `{{lexicon}}` references) find
candidate spans; a cheap trigger-word gate skips patterns whose words are absent from the post;
post-level lexicons (`requires_any`, `unless_any`) check the rest of the post; the assertion status of
the candidate's tokens decides whether the rule is cancelled. Family detectors subclass `Detector`
and add only what is particular to their family (validators, rosters, subjects).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..data import read_yaml, rules_dir
from ..errors import ConfigError
from ..models import FixSpec, PostContext, RuleDef, Severity
from ..nlp.assertion import assertion_status
from ..nlp.names import Name, person_names

_LEX_REF = regex.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


class Lexicons:
    """Named word and phrase lists from rules/lexicons/*.yaml."""

    def __init__(self, entries: dict[str, tuple[str, ...]]) -> None:
        self.entries = entries
        self._alt: dict[str, str] = {}
        self._presence: dict[str, regex.Pattern[str]] = {}

    @classmethod
    def load(cls, folder: Path | None = None) -> Lexicons:
        folder = folder or rules_dir() / "lexicons"
        entries: dict[str, tuple[str, ...]] = {}
        for path in sorted(folder.glob("*.yaml")):
            data = read_yaml(path) or {}
            if not isinstance(data, dict):
                raise ConfigError(f"{path}: (top level): expected a mapping of lexicon names to lists")
            for name, words in data.items():
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise ConfigError(f"{path}: {name}: expected a list of words or phrases")
                if name in entries:
                    raise ConfigError(f"{path}: {name}: lexicon already defined in another file")
                entries[name] = tuple(w.strip() for w in words if w.strip())
        return cls(entries)

    def get(self, name: str, source: str = "") -> tuple[str, ...]:
        try:
            return self.entries[name]
        except KeyError:
            raise ConfigError(f"{source or 'rules'}: unknown lexicon {{{{{name}}}}}") from None

    def alternation(self, name: str, source: str = "") -> str:
        alt = self._alt.get(name)
        if alt is None:
            alt = phrase_alternation(self.get(name, source))
            self._alt[name] = alt
        return alt

    def expand(self, pattern: str, source: str = "") -> str:
        return _LEX_REF.sub(lambda m: self.alternation(m.group(1), source), pattern)

    def present(self, name: str, text: str) -> bool:
        """Whether any entry of the lexicon occurs (as whole words, any case) in `text`."""
        rx = self._presence.get(name)
        if rx is None:
            rx = regex.compile(rf"(?<![\w-]){self.alternation(name)}(?![\w-])", regex.I)
            self._presence[name] = rx
        return rx.search(text) is not None


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A non-capturing alternation of literal phrases, longest first, any whitespace between words."""
    parts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in parts) + ")"


@dataclass(frozen=True, slots=True)
class Hit:
    """A candidate that survived its rule's checks. Offsets are in the normalized text."""

    rule: RuleDef
    start: int
    end: int
    kind: str = ""
    severity: Severity | None = None
    assertion: str = "affirmed"
    detail: dict[str, str] = field(default_factory=dict)
    fix: FixSpec | None = None


@dataclass(slots=True)
class DocView:
    """One post as the detectors see it: the Doc, its context and a few cached facts."""

    doc: Doc
    context: PostContext
    lexicons: Lexicons
    _tokens: frozenset[str] | None = None
    _present: dict[str, bool] = field(default_factory=dict)
    _names: list[Name] | None = None

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def tokens(self) -> frozenset[str]:
        if self._tokens is None:
            self._tokens = frozenset(t.lower_ for t in self.doc)
        return self._tokens

    def has(self, lexicon: str) -> bool:
        v = self._present.get(lexicon)
        if v is None:
            v = self.lexicons.present(lexicon, self.doc.text)
            self._present[lexicon] = v
        return v

    @property
    def names(self) -> list[Name]:
        """People's names in the post (see nlp.names), found once per post."""
        if self._names is None:
            lx = self.lexicons
            self._names = person_names(
                self.doc,
                lx.get("civil_titles"),
                lx.get("rank_titles"),
                lx.get("office_titles"),
                lx.get("first_names"),
            )
        return self._names

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """Character bounds of the sentence holding [start, end)."""
        ts, _ = self.token_span(start, end)
        sent = self.doc[ts].sent if self.doc.has_annotation("SENT_START") else self.doc[:]
        return sent.start_char, sent.end_char

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:  # only whitespace: fall back to the nearest token
            for t in self.doc:
                if t.idx >= start:
                    return t.i, t.i + 1
            return len(self.doc) - 1, len(self.doc)
        return span.start, span.end

    def status(self, start: int, end: int) -> frozenset[str]:
        ts, te = self.token_span(start, end)
        return assertion_status(self.doc, ts, te)


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    name: str
    rx: regex.Pattern[str]
    gate: frozenset[str]
    kind: str
    severity: Severity | None
    fix: FixSpec | None
    requires_any: tuple[str, ...]


class Detector:
    """Runs a family's rules over a post. Subclasses refine `accept` and may add `extra` hits."""

    family: str = ""

    def __init__(self, rules: list[RuleDef], lexicons: Lexicons, nlp: Language) -> None:
        self.rules = rules
        self.lexicons = lexicons
        self.nlp = nlp
        self.compiled: dict[str, list[CompiledPattern]] = {
            r.code: [self._compile(r, i) for i in range(len(r.patterns))] for r in rules
        }
        for r in rules:
            for lex in (*r.requires_any, *r.unless_any):
                lexicons.get(lex, f"rule {r.code}")

    # -- compiling -------------------------------------------------------------------------------

    def _gate_words(self, phrase: str) -> str:
        toks = [t.lower_ for t in self.nlp.make_doc(phrase) if not t.is_punct and not t.is_space]
        return max(toks, key=len) if toks else phrase.lower()

    def _compile(self, rule: RuleDef, i: int) -> CompiledPattern:
        p = rule.patterns[i]
        source = f"rule {rule.code} patterns[{i}]"
        if bool(p.phrases) == bool(p.regex):
            raise ConfigError(f"{source}: expected exactly one of `phrases` or `regex`")
        flags = regex.V1 if p.case_sensitive else regex.V1 | regex.I
        if p.phrases:
            body = rf"(?<![\w-])(?P<span>{phrase_alternation(p.phrases)})(?![\w-])"
            gate = {self._gate_words(ph) for ph in p.phrases}
        else:
            assert p.regex is not None
            body = self.lexicons.expand(p.regex, source)
            if not p.triggers:
                raise ConfigError(f"{source}.triggers: a regex pattern names the words that gate it")
            gate = set()
            for trig in p.triggers:
                if trig.startswith("@"):
                    gate |= {self._gate_words(w) for w in self.lexicons.get(trig[1:], source)}
                else:
                    gate.add(trig.lower())
        try:
            rx = regex.compile(body, flags)
        except regex.error as e:
            raise ConfigError(f"{source}.regex: invalid pattern: {e}") from None
        fix = rule.fix if p.fix is None else (p.fix or None)
        for lex in p.requires_any:
            self.lexicons.get(lex, source)
        return CompiledPattern(
            p.name or f"{rule.slug}-{i}", rx, frozenset(gate), p.kind, p.severity, fix, p.requires_any
        )

    # -- matching --------------------------------------------------------------------------------

    def detect(self, view: DocView) -> Iterator[Hit]:
        for rule in self.rules:
            if view.context.account not in rule.accounts:
                continue
            yield from self.match_rule(rule, view)
        yield from self.extra(view)

    def candidates(self, rule: RuleDef, view: DocView) -> Iterator[tuple[CompiledPattern, regex.Match[str]]]:
        tokens = view.tokens
        for cp in self.compiled[rule.code]:
            if cp.gate.isdisjoint(tokens):
                continue
            if cp.requires_any and not any(view.has(x) for x in cp.requires_any):
                continue
            for m in cp.rx.finditer(view.text, overlapped=True):
                yield cp, m

    def match_rule(self, rule: RuleDef, view: DocView) -> Iterator[Hit]:
        found = []
        for cp, m in self.candidates(rule, view):
            start, end = m.span("span") if "span" in m.re.groupindex and m.group("span") else m.span()
            if end > start:
                found.append((start, end, cp, m))
        if not found:
            return
        if rule.requires_any and not any(view.has(x) for x in rule.requires_any):
            return
        if any(view.has(x) for x in rule.unless_any):
            return
        # Overlapping candidates of one rule are one finding: each is checked on its own, and the
        # survivors' union is reported ("she's guilty" + "guilty as sin" -> "she's guilty as sin").
        found.sort(key=lambda f: (f[0], -f[1]))
        clusters: list[list[tuple[int, int, CompiledPattern, regex.Match[str]]]] = []
        for f in found:
            if clusters and f[0] < max(c[1] for c in clusters[-1]):
                clusters[-1].append(f)
            else:
                clusters.append([f])
        once = bool(rule.options.get("once"))
        for cluster in clusters:
            survivors: list[Hit] = []
            for start, end, cp, m in cluster:
                status = view.status(start, end)
                if status.intersection(rule.cancelled_by):
                    continue
                hit = Hit(rule, start, end, cp.kind, cp.severity, _label(status), _groups(m), cp.fix)
                accepted = self.accept(hit, view, m)
                if accepted is not None:
                    survivors.append(accepted)
            if not survivors:
                continue
            first = survivors[0]
            end = max(h.end for h in survivors)
            yield first if end == first.end else replace(first, end=end)
            if once:
                return

    # -- family hooks ----------------------------------------------------------------------------

    def accept(self, hit: Hit, view: DocView, match: regex.Match[str]) -> Hit | None:
        """Family-specific validation of a candidate; return None to drop it."""
        return hit

    def extra(self, view: DocView) -> Iterator[Hit]:
        """Hits that are not pattern matches (rosters, absences); none by default."""
        return iter(())


def _label(status: frozenset[str]) -> str:
    return "+".join(sorted(status)) if status else "affirmed"


def _groups(m: regex.Match[str]) -> dict[str, str]:
    return {k: v for k, v in m.groupdict().items() if v is not None and k != "span"}
