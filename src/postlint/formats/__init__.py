"""Output formats. Each module renders a list of Reports; `render(name, ...)` picks one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..models import Report
from . import github, json_, sarif, text
from .common import finding_dict

FORMATS = {
    "text": text.render,
    "json": json_.render,
    "jsonl": json_.render_lines,
    "sarif": sarif.render,
    "github": github.render,
}


def render(name: str, reports: Iterable[Report], out: TextIO, *, show_source: bool = False) -> None:
    FORMATS[name](reports, out, show_source=show_source)


__all__ = ["FORMATS", "finding_dict", "render"]
