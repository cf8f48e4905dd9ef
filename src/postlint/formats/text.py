"""`--format text`: `path:line:col: CODE [severity] message`, then the clauses it breaks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..models import Report


def render(reports: Iterable[Report], out: TextIO, *, show_source: bool = False) -> None:
    total = 0
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    files = 0
    for r in reports:
        files += 1
        name = r.path or (f"record {r.id}" if r.id is not None else "<stdin>")
        if r.error:
            continue
        for f in r.findings:
            total += 1
            counts[f.severity.value] += 1
            where = f"{name}:{f.line}:{f.column}" + (f" (media {f.media + 1})" if f.media is not None else "")
            approved = f" [approved by {f.approved.by}{', ' + f.approved.ref if f.approved.ref else ''}]" if f.approved else ""
            out.write(f"{where}: {f.rule} [{f.severity.value}] {f.message}{approved}\n")
            if show_source:
                source = r.text if f.media is None else r.context.media[f.media]
                _source(out, source, f.start, f.end)
            if f.why_in_scope:
                out.write(f"    in scope: {f.why_in_scope}\n")
            for c in f.clauses:
                out.write(f"    breaks {c.policy} {c.clause} ({c.title}): \"{_short(c.quote)}\"\n")
            if f.suggestion:
                safety = "safe fix" if f.suggestion.safe else "suggestion (unsafe)"
                out.write(f"    {safety}: {f.suggestion.description}\n")
    if total:
        parts = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items() if n)
        out.write(f"Found {total} finding{'s' if total != 1 else ''} ({parts}).\n")
    else:
        out.write(f"All clear: no findings in {files} draft{'s' if files != 1 else ''}.\n")


def _short(quote: str, limit: int = 140) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


def _source(out: TextIO, text: str, start: int, end: int) -> None:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if line_end == -1:
        line_end = len(text)
    line = text[line_start:line_end].replace("\t", " ")
    width = max(1, min(end, line_end) - start)
    out.write(f"    | {line}\n    | {' ' * (start - line_start)}{'^' * width}\n")
