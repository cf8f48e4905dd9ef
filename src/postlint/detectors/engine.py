"""The matching mechanism every detector shares.

A rule's patterns (phrases or regexes over the normalized text, with `{{lexicon}}` references) find
candidate spans; a cheap trigger-word gate skips patterns whose words are absent from the post;
post-level lexicons (`requires_any`, `unless_any`) check the rest of the post; the assertion status of
the candidate's tokens decides whether the rule is cancelled. Family detectors subclass `Detector`
and add only what is particular to their family (validators, rosters, subjects).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..config import Config
from ..data import read_shipped, rules_dir
from ..errors import ConfigError
from ..models import FixSpec, PostContext, RuleDef, Severity
from ..nlp.assertion import assertion_status, sentence_bounds
from ..nlp.names import Name, person_names
from ..roster import Mention, Roster

# {{name}}: a lexicon as a case-insensitive alternation; {{=name}}: with its entries' case kept,
# for use inside a case-sensitive group such as (?-i:{{=party}}).
_LEX_REF = regex.compile(r"\{\{\s*(=?)([a-z0-9_]+)\s*\}\}")
_WORD = re.compile(r"\w+")  # the stdlib engine is the faster one for this simple scan
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def gate_word(phrase: str) -> str:
    """The longest word of a phrase: a post that lacks it cannot contain the phrase."""
    words = _WORD.findall(phrase.lower())
    return max(words, key=len) if words else phrase.lower()


class Lexicons:
    """Named word and phrase lists from rules/lexicons/*.yaml."""

    def __init__(self, entries: dict[str, tuple[str, ...]]) -> None:
        self.entries = entries
        self._alt: dict[str, str] = {}
        self._index: dict[str, tuple[frozenset[str], dict[str, list[str]]]] = {}
        self._entry_cache: dict[str, regex.Pattern[str]] = {}

    @classmethod
    def load(cls, folder: Path | None = None) -> Lexicons:
        folder = folder or rules_dir() / "lexicons"
        entries: dict[str, tuple[str, ...]] = {}
        for path in sorted(folder.glob("*.yaml")):
            data = read_shipped(path) or {}
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

    def alternation(self, name: str, source: str = "", keep_case: bool = False) -> str:
        key = f"={name}" if keep_case else name
        alt = self._alt.get(key)
        if alt is None:
            alt = phrase_alternation(self.get(name, source), keep_case)
            self._alt[key] = alt
        return alt

    def expand(self, pattern: str, source: str = "") -> str:
        return _LEX_REF.sub(lambda m: self.alternation(m.group(2), source, bool(m.group(1))), pattern)

    def _entries_index(self, name: str) -> tuple[frozenset[str], dict[str, list[str]]]:
        """(single-word entries, gate word -> the entries with that gate word)."""
        index = self._index.get(name)
        if index is None:
            singles: set[str] = set()
            by_gate: dict[str, list[str]] = {}
            for entry in self.get(name):
                parts = _WORD.findall(entry.lower())
                if len(parts) == 1 and parts[0] == entry.lower():
                    singles.add(parts[0])
                by_gate.setdefault(gate_word(entry), []).append(entry)
            index = (frozenset(singles), by_gate)
            self._index[name] = index
        return index

    def _entry_rx(self, entry: str) -> regex.Pattern[str]:
        """A small regex for one entry, compiled the first time a post contains its gate word."""
        rx = self._entry_cache.get(entry)
        if rx is None:
            rx = regex.compile(bounded(entry, phrase_alternation([entry])), regex.I)
            self._entry_cache[entry] = rx
        return rx

    def present(self, name: str, text: str, words: frozenset[str] | None = None) -> bool:
        """Whether any entry of the lexicon occurs (as whole words, any case) in `text`.

        `words` is the text's lower-case word set when the caller has it. A single-word entry is
        present when its word is; a phrase is tried (with its own small regex) only when its
        longest word is present, so a post is never scanned with the whole alternation."""
        if words is None:
            words = frozenset(_WORD.findall(text.lower()))
        singles, by_gate = self._entries_index(name)
        if not singles.isdisjoint(words):
            return True
        return any(self._entry_rx(e).search(text) for w in by_gate.keys() & words for e in by_gate[w])

    def spans(self, name: str, text: str, words: frozenset[str]) -> list[tuple[int, int]]:
        """Where the lexicon's entries occur in `text` (gated the same way)."""
        _, by_gate = self._entries_index(name)
        return sorted(m.span() for w in by_gate.keys() & words for e in by_gate[w] for m in self._entry_rx(e).finditer(text))


def bounded(phrase: str, body: str) -> str:
    """`body` (the regex for `phrase`) with word boundaries where the phrase starts or ends with a
    word character: "shit" must not match inside "shitake", but "% off" follows a digit."""
    start = r"(?<![\w-])" if phrase[:1].isalnum() else ""
    end = r"(?![\w-]|['’]\w)" if phrase[-1:].isalnum() else ""  # not "Ass'n"
    return f"{start}{body}{end}"


def phrase_alternation(phrases: Iterable[str], keep_case: bool = False) -> str:
    """A non-capturing alternation of literal phrases, longest first, any whitespace between words."""
    parts = sorted({p if keep_case else p.lower() for p in phrases}, key=len, reverse=True)
    alts = [r"\s+".join(regex.escape(w) for w in p.split()) for p in parts]
    if keep_case:
        # A lower-case entry ("the radical left") may still open a sentence ("The radical left").
        alts = [f"[{a[0]}{a[0].upper()}]{a[1:]}" if a[:1].islower() else a for a in alts]
    return "(?:" + "|".join(alts) + ")"


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
    """One post as the detectors see it: its text, context, a few cached facts, and the Doc.

    The Doc may be built on first use (`make_doc`): most posts open no detector's gate, and then
    nothing needs their tokens."""

    _doc: Doc | None
    context: PostContext
    lexicons: Lexicons
    finish: Callable[[Doc], object] | None = None  # completes a lazily analysed doc (see nlp.pipeline)
    rosters: tuple[Roster, ...] = ()
    _tokens: frozenset[str] | None = None
    _present: dict[str, bool] = field(default_factory=dict)
    _names: list[Name] | None = None
    _sents: list[tuple[int, int]] | None = None
    _text: str | None = None
    _mentions: dict[str, list[Mention]] = field(default_factory=dict)
    make_doc: Callable[[str], Doc] | None = None
    _flags: frozenset[str] | None = None

    @property
    def doc(self) -> Doc:
        if self._doc is None:
            assert self.make_doc is not None, "a DocView needs a Doc or a way to make one"
            self._doc = self.make_doc(self.text)
        return self._doc

    @property
    def text(self) -> str:
        # spaCy rebuilds Doc.text from its tokens on every access: keep it once.
        if self._text is None:
            self._text = self.doc.text
        return self._text

    @property
    def tokens(self) -> frozenset[str]:
        """The post's lower-case words, for the trigger gate (one regex pass, no Token objects)."""
        if self._tokens is None:
            words = set(_WORD.findall(self.text.lower()))
            if "#" in self.text:  # "#VoteGarza" also opens the gates of "vote" and "garza"
                for tag in _HASHTAG.findall(self.text):
                    words.update(part.lower() for part in _CAMEL.findall(tag))
            self._tokens = frozenset(words)
        return self._tokens

    def has(self, lexicon: str) -> bool:
        v = self._present.get(lexicon)
        if v is None:
            v = self.lexicons.present(lexicon, self.text, self.tokens)
            self._present[lexicon] = v
        return v

    def scope_flags(self) -> frozenset[str]:
        """The scope conditions the post meets, from its context and, on a personal account, its
        own words: `in_uniform`, `identifies_employee`, `speaks_for_department`."""
        if self._flags is None:
            ctx = self.context
            flags = set()
            if ctx.in_uniform:
                flags.add("in_uniform")
            if ctx.identifies_employee or (ctx.account == "personal" and self.has("self_identification")):
                flags.add("identifies_employee")
            if ctx.account == "personal" and self.has("speaks_for_department"):
                flags.add("speaks_for_department")
            self._flags = frozenset(flags)
        return self._flags

    def mentions(self, kind: str) -> list[Mention]:
        """Where the post mentions an entry of a roster of this kind (see postlint.roster)."""
        found = self._mentions.get(kind)
        if found is None:
            found = [m for r in self.rosters if r.kind == kind for m in r.mentions(self.text)]
            self._mentions[kind] = found
        return found

    @property
    def names(self) -> list[Name]:
        """People's names in the post (see nlp.names), found once per post."""
        if self._names is None:
            lx = self.lexicons
            self._names = person_names(
                self.doc,
                self.text,
                lx.get("civil_titles"),
                lx.get("rank_titles"),
                lx.get("office_titles"),
                lx.get("first_names"),
            )
        return self._names

    def _complete(self) -> None:
        if self.finish is not None:
            self.finish(self.doc)
            self.finish = None

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """Character bounds of the sentence holding [start, end)."""
        if self._sents is None:
            self._complete()
            self._sents = sentence_bounds(self.doc)
        if not len(self.doc):
            return 0, 0
        ts, _ = self.token_span(start, end)
        s, e = self._sents[min(ts, len(self.doc) - 1)]
        return self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1])

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:  # only whitespace: fall back to the nearest token
            for t in self.doc:
                if t.idx >= start:
                    return t.i, t.i + 1
            return len(self.doc) - 1, len(self.doc)
        return span.start, span.end

    def status(self, start: int, end: int) -> frozenset[str]:
        self._complete()
        ts, te = self.token_span(start, end)
        return assertion_status(self.doc, ts, te)


@dataclass(slots=True)
class CompiledPattern:
    """A rule pattern ready to run. Its regex is compiled on first use: a short draft usually
    passes few gates, and compiling every pattern would dominate a cold `postlint draft.txt`."""

    name: str
    source: str
    body: str
    flags: int
    gate: frozenset[str]
    kind: str
    severity: Severity | None
    fix: FixSpec | None
    requires_any: tuple[str, ...]
    unless_any: tuple[str, ...] = ()
    near_any: tuple[str, ...] = ()
    not_near_any: tuple[str, ...] = ()
    near: int = 40
    phrases: tuple[str, ...] = ()  # a phrase pattern: run one small regex per phrase whose gate word is present
    _rx: regex.Pattern[str] | None = None
    _by_gate: dict[str, list[str]] | None = None
    _phrase_rx: dict[str, regex.Pattern[str]] = field(default_factory=dict)

    @property
    def rx(self) -> regex.Pattern[str]:
        if self._rx is None:
            try:
                self._rx = regex.compile(self.body, self.flags)
            except regex.error as e:
                raise ConfigError(f"{self.source}.regex: invalid pattern: {e}") from None
        return self._rx

    def phrase_matches(self, text: str, words: frozenset[str]) -> Iterator[regex.Match[str]]:
        if self._by_gate is None:
            by_gate: dict[str, list[str]] = {}
            for ph in self.phrases:
                by_gate.setdefault(gate_word(ph), []).append(ph)
            self._by_gate = by_gate
            self._phrase_rx = {}
        for w in self._by_gate.keys() & words:
            for ph in self._by_gate[w]:
                rx = self._phrase_rx.get(ph)
                if rx is None:
                    keep = not (self.flags & regex.I)
                    rx = regex.compile(bounded(ph, f"(?P<span>{phrase_alternation([ph], keep)})"), self.flags)
                    self._phrase_rx[ph] = rx
                yield from rx.finditer(text)


class Detector:
    """Runs a family's rules over a post. Subclasses refine `accept` and may add `extra` hits."""

    family: str = ""

    def __init__(self, rules: list[RuleDef], lexicons: Lexicons, nlp: Language, config: Config | None = None) -> None:
        self.rules = rules
        self.lexicons = lexicons
        self.nlp = nlp
        self.config = config or Config()
        self.compiled: dict[str, list[CompiledPattern]] = {
            r.code: [self._compile(r, i) for i in range(len(r.patterns))] for r in rules
        }
        # gate word -> (rule index, pattern index): one set intersection per post finds what to try.
        self.gate_index: dict[str, list[tuple[int, int]]] = {}
        for ri, r in enumerate(rules):
            for pi, cp in enumerate(self.compiled[r.code]):
                for w in cp.gate:
                    self.gate_index.setdefault(w, []).append((ri, pi))
        self.gate_words = frozenset(self.gate_index)
        for r in rules:
            for lex in (*r.requires_any, *r.unless_any):
                lexicons.get(lex, f"rule {r.code}")

    # -- compiling -------------------------------------------------------------------------------

    def _compile(self, rule: RuleDef, i: int) -> CompiledPattern:
        p = rule.patterns[i]
        source = f"rule {rule.code} patterns[{i}]"
        if bool(p.phrases) == bool(p.regex):
            raise ConfigError(f"{source}: expected exactly one of `phrases` or `regex`")
        # V0: simple case folding. (V1's full Unicode case folding makes case-insensitive
        # alternations about three times slower, and no rule needs it.)
        flags = regex.V0 if p.case_sensitive else regex.V0 | regex.I
        phrases: tuple[str, ...] = ()
        if p.phrases:
            phrases = tuple(
                w for ph in p.phrases for w in (self.lexicons.get(ph[1:], source) if ph.startswith("@") else (ph,))
            )
            body = "|".join(bounded(ph, f"(?P<span>{phrase_alternation([ph], p.case_sensitive)})") for ph in phrases)
            gate = {gate_word(ph) for ph in phrases}
        else:
            assert p.regex is not None
            body = self.lexicons.expand(p.regex, source)
            if not p.triggers:
                raise ConfigError(f"{source}.triggers: a regex pattern names the words that gate it")
            gate = set()
            for trig in p.triggers:
                if trig.startswith("@"):
                    gate |= {gate_word(w) for w in self.lexicons.get(trig[1:], source)}
                elif _WORD.fullmatch(trig):
                    gate.add(trig.lower())
                else:
                    raise ConfigError(f"{source}.triggers: {trig!r}: expected a single word or @lexicon")
        fix = rule.fix if p.fix is None else (p.fix or None)
        for lex in (*p.requires_any, *p.unless_any, *p.near_any, *p.not_near_any):
            self.lexicons.get(lex, source)
        return CompiledPattern(
            p.name or f"{rule.slug}-{i}", source, body, flags, frozenset(gate), p.kind, p.severity, fix,
            p.requires_any, p.unless_any, p.near_any, p.not_near_any, p.near, phrases,
        )

    # -- matching --------------------------------------------------------------------------------

    def detect(self, view: DocView) -> Iterator[Hit]:
        present = self.gate_words.intersection(view.tokens)
        if present:
            active: dict[int, set[int]] = {}
            for w in present:
                for ri, pi in self.gate_index[w]:
                    active.setdefault(ri, set()).add(pi)
            for ri in sorted(active):
                rule = self.rules[ri]
                if view.context.account in rule.accounts:
                    yield from self.match_rule(rule, view, sorted(active[ri]))
        yield from self.extra(view)

    def candidates(
        self, rule: RuleDef, view: DocView, which: list[int] | None = None
    ) -> Iterator[tuple[CompiledPattern, regex.Match[str]]]:
        """Matches of the rule's patterns (those listed in `which`, or all whose gate is open)."""
        patterns = self.compiled[rule.code]
        for i in which if which is not None else range(len(patterns)):
            cp = patterns[i]
            if which is None and cp.gate.isdisjoint(view.tokens):
                continue
            if cp.requires_any and not any(view.has(x) for x in cp.requires_any):
                continue
            if cp.unless_any and any(view.has(x) for x in cp.unless_any):
                continue
            for m in self._matches(cp, view):
                if cp.near_any or cp.not_near_any:
                    before = view.text[max(0, m.start() - cp.near) : m.start()]
                    if cp.near_any and not any(self.lexicons.present(x, before) for x in cp.near_any):
                        continue
                    if any(self.lexicons.present(x, before) for x in cp.not_near_any):
                        continue
                yield cp, m

    def _matches(self, cp: CompiledPattern, view: DocView) -> Iterator[regex.Match[str]]:
        text = view.text
        if cp.phrases:
            yield from cp.phrase_matches(text, view.tokens)
            return
        if cp.near_any:
            # Context words are required just before a match: search only after each of them.
            seen: set[tuple[int, int]] = set()
            for lex in cp.near_any:
                for _, cue_end in self.lexicons.spans(lex, text, view.tokens):
                    for m in cp.rx.finditer(text, cue_end, min(len(text), cue_end + cp.near + 60), overlapped=True):
                        if m.span() not in seen and m.start() - cue_end <= cp.near:
                            seen.add(m.span())
                            yield m
            return
        yield from cp.rx.finditer(text, overlapped=True)

    def match_rule(self, rule: RuleDef, view: DocView, which: list[int] | None = None) -> Iterator[Hit]:
        found = []
        for cp, m in self.candidates(rule, view, which):
            start, end = m.span("span") if "span" in m.re.groupindex and m.group("span") else m.span()
            if end > start:
                found.append((start, end, cp, m))
        if not found:
            return
        strict = self.strict(rule, view)
        if strict is None:
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
        emitted: list[tuple[int, int]] = []
        for cluster in clusters:
            survivors: list[Hit] = []
            for start, end, cp, m in cluster:
                status = view.status(start, end)
                if status.intersection(rule.cancelled_by):
                    continue
                severity = Severity.error if strict is not None else cp.severity
                detail = {**_groups(m), **(strict or {})}
                hit = Hit(rule, start, end, cp.kind, severity, _label(status), detail, cp.fix)
                accepted = self.accept(hit, view, m)
                if accepted is not None:
                    survivors.append(accepted)
            if not survivors:
                continue
            first = survivors[0]
            end = max(h.end for h in survivors)
            hit = first if end == first.end else replace(first, end=end)
            # A family's `accept` may widen a hit (to take in who it is about): one finding per place.
            if any(s < hit.end and hit.start < e for s, e in emitted):
                continue
            emitted.append((hit.start, hit.end))
            yield hit
            if once:
                return

    # -- family hooks ----------------------------------------------------------------------------

    def strict(self, rule: RuleDef, view: DocView) -> dict[str, str] | None:
        """Details when the post calls for the strictest reading of `rule` (its post-context
        conditions are waived and every hit is an error); None for the ordinary reading."""
        return None

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
