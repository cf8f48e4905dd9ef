"""`--format json`: one JSON list of findings; `--format jsonl`: one line per input."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..models import Report
from .common import finding_dict as _finding


def render(reports: Iterable[Report], out: TextIO, *, show_source: bool = False) -> None:
    items = [_finding(f, r.path) for r in reports for f in r.findings]
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_lines(reports: Iterable[Report], out: TextIO, *, show_source: bool = False) -> None:
    for r in reports:
        rec: dict[str, object] = {}
        if r.id is not None:
            rec["id"] = r.id
        if r.path is not None:
            rec["path"] = r.path
        if r.error is not None:
            rec["error"] = r.error
        rec["findings"] = [_finding(f, r.path) for f in r.findings]
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        out.flush()
