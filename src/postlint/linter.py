"""The Linter: owns the spaCy pipeline, the rules and the policy, and turns drafts into Reports.

Build one Linter and reuse it: the pipeline is loaded once per process, rules and patterns are
compiled once. `lint()` handles one draft; `lint_many()` streams many. With the blank default
pipeline a post is tokenized only if a detector needs its tokens; a trained pipeline runs through
`nlp.pipe` in batches. A Linter is safe to share between threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from spacy.tokens import Doc

from .config import Config
from .context import Draft, make_context, split_front_matter
from .detectors import DETECTORS, Detector, DocView, Hit, Lexicons
from .errors import ConfigError, PostlintError
from .models import Finding, Fix, FixSpec, PostContext, Report, RuleDef, Severity
from .nlp.pipeline import analyse, build_pipeline, complete, lazy_only
from .normalize import Normalized, normalize
from .policy import (
    Citation,
    PolicyView,
    clause_refs,
    load_policy,
    severity_for,
    shipped_rules,
)
from .roster import Roster

Item = str | tuple[str, PostContext] | Mapping[str, Any]

# Drafts longer than this (in characters) are analysed in pieces.
CHUNK = 100_000

_LEXICONS: Lexicons | None = None
_LEX_LOCK = threading.Lock()


def shipped_lexicons() -> Lexicons:
    global _LEXICONS
    with _LEX_LOCK:
        if _LEXICONS is None:
            _LEXICONS = Lexicons.load()
        return _LEXICONS


def select_rules(rules: Iterable[RuleDef], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[RuleDef]:
    """Rules chosen by code, code prefix, slug or category; an unknown selector is an error."""
    rules = list(rules)
    select, ignore = [s for s in select if s], [s for s in ignore if s]
    for sel in (*select, *ignore):
        if not any(r.matches_selector(sel) for r in rules):
            raise ConfigError(f"unknown rule, slug or category {sel!r} (see `postlint rules`)")
    chosen = [r for r in rules if not select or any(r.matches_selector(s) for s in select)]
    return [r for r in chosen if not any(r.matches_selector(s) for s in ignore)]


@dataclass(slots=True)
class _Prepared:
    draft: Draft
    norm: Normalized
    context: PostContext
    path: str | None
    id: str | None


class Linter:
    """Lints drafts against one policy pack."""

    def __init__(
        self,
        policy: str = "baseline",
        *,
        model: str | None = None,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        rosters: Iterable[str] = (),
        config: Config | None = None,
    ) -> None:
        self.config = config or Config()
        self.rosters = tuple(Roster.load(p) for p in (*self.config.rosters, *rosters))
        self.nlp = build_pipeline(model if model is not None else self.config.model)
        self.lexicons = shipped_lexicons()
        self.policy = PolicyView(load_policy(policy))
        self.rules = select_rules(shipped_rules(), select or self.config.select, ignore or self.config.ignore)
        by_family: dict[str, list[RuleDef]] = {}
        for r in self.rules:
            if r.detector not in DETECTORS:
                raise ConfigError(f"rule {r.code}: detector: unknown family {r.detector!r}")
            by_family.setdefault(r.detector, []).append(r)
        self.detectors: list[Detector] = [
            DETECTORS[fam](rules, self.lexicons, self.nlp, self.config) for fam, rules in sorted(by_family.items())
        ]
        self._yields = {r.code: frozenset(r.yields_to) for r in self.rules if r.yields_to}
        self._lock = threading.RLock()
        self._lazy = lazy_only(self.nlp)
        self._default_context = PostContext(
            account=self.config.account, in_uniform=self.config.in_uniform, author_role=self.config.author_role
        )

    # -- public API ------------------------------------------------------------------------------

    def lint(
        self,
        text: str,
        context: PostContext | None = None,
        *,
        path: str | None = None,
        id: str | None = None,
        **context_fields: Any,
    ) -> Report:
        """Lint one draft. Front matter at its top, then `context_fields`, refine `context`."""
        prep = self._prepare(text, context, context_fields, path, id)
        return self._report(prep, self._doc(prep.norm.text))

    def lint_many(
        self, items: Iterable[Item], *, batch_size: int = 256, errors: Literal["raise", "report"] = "raise"
    ) -> Iterator[Report]:
        """Lint a stream of drafts in order: strings, (text, context) pairs or records
        `{"id", "text", "account", "in_uniform", ...}`. Texts go through `nlp.pipe` in batches.

        With `errors="report"` an item that cannot be linted (no text, a bad context value) yields a
        Report whose `error` says why, so one output stays matched to each input."""
        batch: list[_Prepared | Report] = []
        for item in items:
            try:
                batch.append(self._prepare_item(item))
            except PostlintError as e:
                if errors == "raise":
                    raise
                rid = item.get("id") if isinstance(item, Mapping) else None
                batch.append(
                    Report(text="", policy=self.policy.pack.id, context=PostContext(),
                           id=None if rid is None else str(rid), error=str(e))
                )
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    # -- stages ----------------------------------------------------------------------------------

    def _prepare_item(self, item: Item) -> _Prepared:
        if isinstance(item, str):
            return self._prepare(item, None, {}, None, None)
        if isinstance(item, tuple):
            text, ctx = item
            return self._prepare(text, ctx, {}, None, None)
        if isinstance(item, Mapping):
            text = item.get("text")
            if not isinstance(text, str):
                raise PostlintError("record: text: expected a string")
            rid = item.get("id")
            fields = {k: v for k, v in item.items() if k not in ("id", "text", "path")}
            return self._prepare(text, None, fields, item.get("path"), None if rid is None else str(rid))
        raise PostlintError(f"cannot lint a {type(item).__name__}: expected text, (text, context) or a record")

    def _prepare(
        self, text: str, context: PostContext | None, fields: Mapping[str, Any], path: str | None, id: str | None
    ) -> _Prepared:
        if not isinstance(text, str):
            raise PostlintError(f"expected text (str), got {type(text).__name__}")
        source = path or (f"record {id}" if id is not None else "<text>")
        draft = split_front_matter(text, source)
        base = context or self._default_context
        overrides = {**draft.settings, **dict(fields)}
        ctx = make_context(base, overrides, source) if overrides else base
        return _Prepared(draft, normalize(draft.body), ctx, path, id)

    def _run_batch(self, batch: list[_Prepared | Report]) -> Iterator[Report]:
        if self._lazy:  # docs are made on demand, post by post
            for p in batch:
                yield p if isinstance(p, Report) else self._report(p, None)
            return
        small = [p.norm.text for p in batch if isinstance(p, _Prepared) and len(p.norm.text) <= CHUNK]
        with self._lock:
            docs = iter(analyse(self.nlp, small))
        for p in batch:
            if isinstance(p, Report):
                yield p
            else:
                yield self._report(p, next(docs) if len(p.norm.text) <= CHUNK else None)

    def _make_doc(self, text: str) -> Doc:
        with self._lock:
            return analyse(self.nlp, [text])[0]

    def _complete(self, doc: Doc) -> None:
        with self._lock:
            complete(self.nlp, doc)

    def _doc(self, text: str) -> Doc | None:
        """The analysed text, or None when it will be made on demand or analysed in chunks."""
        if len(text) > CHUNK or self._lazy:
            return None
        with self._lock:
            return analyse(self.nlp, [text])[0]

    def _report(self, prep: _Prepared, doc: Doc | None) -> Report:
        ctx = prep.context
        findings = self._text_findings(doc, prep.norm, ctx, prep.draft.text, prep.draft.body_start, None)
        for i, caption in enumerate(ctx.media):
            norm = normalize(caption)
            findings.extend(self._text_findings(self._doc(norm.text), norm, ctx, caption, 0, i))
        findings.sort(key=lambda f: (f.media if f.media is not None else -1, f.start, f.rule))
        # Every part was built and validated by postlint itself: no need to validate the whole again.
        return Report.model_construct(
            text=prep.draft.text, policy=self.policy.pack.id, context=ctx, findings=findings,
            path=prep.path, id=prep.id, error=None,
        )

    def _text_findings(
        self, doc: Doc | None, norm: Normalized, ctx: PostContext, full: str, offset: int, media: int | None
    ) -> list[Finding]:
        if doc is not None or len(norm.text) <= CHUNK:
            return self._findings(doc, norm.text, 0, norm, ctx, full, offset, media)
        # A very long draft is analysed a piece at a time, split at line breaks.
        out: list[Finding] = []
        for base, piece in chunks(norm.text):
            out.extend(self._findings(None, piece, base, norm, ctx, full, offset, media))
        return out

    def _findings(
        self,
        doc: Doc | None,
        text: str,
        base: int,
        norm: Normalized,
        ctx: PostContext,
        full: str,
        offset: int,
        media: int | None,
    ) -> list[Finding]:
        view = DocView(doc, ctx, self.lexicons, self._complete, self.rosters, _text=text, make_doc=self._make_doc)
        flags: frozenset[str] | None = None
        out: list[Finding] = []
        for det in self.detectors:
            for hit in det.detect(view):
                if flags is None:
                    flags = view.scope_flags()
                citations = self.policy.citations(hit.rule, ctx, flags)
                if not citations:
                    continue
                if base:
                    hit = replace(hit, start=hit.start + base, end=hit.end + base)
                out.append(self._finding(hit, citations, ctx, norm, full, offset, media))
        return _drop_yielding(out, self._yields)

    def _finding(
        self,
        hit: Hit,
        citations: list[Citation],
        ctx: PostContext,
        norm: Normalized,
        full: str,
        offset: int,
        media: int | None,
    ) -> Finding:
        rule = hit.rule
        s, e = norm.span_to_original(hit.start, hit.end)
        start, end = s + offset, e + offset
        line, col = line_col(full, start)
        end_line, end_col = line_col(full, end)
        severity = severity_for(hit.severity or rule.severity, citations)
        fields = {"kind": hit.kind or rule.category, "text": full[start:end], **hit.detail}
        message = rule.message.format_map(_Fields(fields))
        if "case" in hit.detail:
            message += f" This post mentions open case {hit.detail['case']}: any opinion, evidence or prediction about it is an error."
        return Finding(
            rule=rule.code,
            slug=rule.slug,
            category=rule.category,
            severity=severity,
            start=start,
            end=end,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            text=full[start:end],
            message=message,
            clauses=clause_refs(citations),
            references=rule.references,
            suggestion=self._fix(hit.fix, full, offset, start, end),
            assertion=hit.assertion,
            why_in_scope="; ".join(sorted({c.reason for c in citations})),
            approved=next((a for a in ctx.approvals if rule.matches_selector(a.rule)), None),
            media=media,
        )

    def _fix(self, spec: FixSpec | None, full: str, offset: int, start: int, end: int) -> Fix | None:
        if spec is None:
            return None
        values = _Fields({"disclaimer": self.config.disclaimer, "personal_disclaimer": self.config.personal_disclaimer})
        replacement = spec.replacement.format_map(values)
        description = spec.description or spec.kind
        if spec.kind == "append":
            body_end = len(full.rstrip())
            sep = "" if body_end == offset else " "
            return Fix(description=description, start=body_end, end=body_end, replacement=sep + replacement, safe=spec.safe)
        if spec.kind == "redact":
            replacement = replacement or "[redacted]"
        elif spec.kind == "remove":
            replacement = ""
        elif replacement and full[start:end][:1].isupper() and replacement[:1].islower():
            replacement = replacement[0].upper() + replacement[1:]
        return Fix(description=description, start=start, end=end, replacement=replacement, safe=spec.safe)


class _Fields(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _drop_yielding(findings: list[Finding], yields: dict[str, frozenset[str]]) -> list[Finding]:
    """Drop a finding whose rule yields to the category of another finding over the same text: an
    officer's home address is an officer-safety finding, not also a private-information one."""
    if not yields or len(findings) < 2:
        return findings
    return [
        f for f in findings
        if f.rule not in yields
        or not any(g.category in yields[f.rule] and g.start < f.end and f.start < g.end for g in findings)
    ]


def chunks(text: str, size: int | None = None) -> Iterator[tuple[int, str]]:
    """Pieces of at most `size` characters, cut after a line break (or a space) where possible."""
    size = size or CHUNK
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            cut = max(text.rfind("\n", pos, end), text.rfind(". ", pos, end))
            if cut <= pos:
                cut = text.rfind(" ", pos, end)
            end = cut + 1 if cut > pos else end
        yield pos, text[pos:end]
        pos = end


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def fail_threshold(value: str | Severity) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ConfigError(f"--fail-on: expected one of suggestion, warning, error (got {value!r})") from None
