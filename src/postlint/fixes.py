"""Applying fixes to a draft: safe ones with --fix, unsafe ones only with --unsafe-fixes."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .models import Finding, Fix


def choose(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """The fixes to apply: not approved, safe unless `unsafe`, no two touching the same characters."""
    fixes: list[Fix] = []
    for f in findings:
        fx = f.suggestion
        if fx is None or f.approved is not None or (not fx.safe and not unsafe):
            continue
        if any(fx == g for g in fixes):
            continue
        if fx.start == fx.end and any(g.start == g.end == fx.start and g.replacement == fx.replacement for g in fixes):
            continue
        if any(g.start < fx.end and fx.start < g.end for g in fixes):
            continue
        fixes.append(fx)
    return fixes


def apply(text: str, fixes: Iterable[Fix]) -> str:
    """`text` with `fixes` applied, last first so offsets stay valid."""
    for fx in sorted(fixes, key=lambda x: (x.start, x.end), reverse=True):
        text = text[: fx.start] + fx.replacement + text[fx.end :]
    return text


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` by `text` all at once: a temporary file beside it, then a rename."""
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".postlint", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
