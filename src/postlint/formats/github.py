"""`--format github`: workflow commands that annotate a pull request's files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..models import Report

_LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}


def _escape(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render(reports: Iterable[Report], out: TextIO, *, show_source: bool = False) -> None:
    for r in reports:
        for f in r.findings:
            if f.approved:
                continue
            path = _escape(r.path or "stdin").replace(",", "%2C").replace(":", "%3A")
            out.write(
                f"::{_LEVEL[f.severity.value]} file={path},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={f.rule} {f.slug}::{_escape(f.message)}\n"
            )
