"""Precision and recall per category on labeled posts.

A labeled post is a JSON object `{"text", "account", "expect": [categories], ...}` (any PostContext
field may be given). A post counts as a true positive for a category when postlint reports that
category and the label expects it; an unexpected category is a false positive, a missed one a false
negative. Approved findings do not count as reported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .linter import Linter
from .models import CATEGORIES


@dataclass
class CategoryScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Miss:
    text: str
    expected: list[str]
    got: list[str]
    line: int


@dataclass
class Evaluation:
    posts: int = 0
    scores: dict[str, CategoryScore] = field(default_factory=lambda: {c: CategoryScore() for c in CATEGORIES})
    misses: list[Miss] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            "categories": {
                c: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn}
                for c, s in self.scores.items()
                if s.tp or s.fp or s.fn
            },
            "misses": [m.__dict__ for m in self.misses],
        }


def read_labeled(path: Path) -> list[dict[str, Any]]:
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not valid UTF-8") from None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise InputError(f"{path}:{n}: expected an object with a text")
        expect = rec.get("expect", [])
        if not isinstance(expect, list) or any(c not in CATEGORIES for c in expect):
            raise InputError(f"{path}:{n}: expect: expected a list of categories from the vocabulary")
        rec["_line"] = n
        records.append(rec)
    return records


def evaluate(linter: Linter, records: Iterable[dict[str, Any]]) -> Evaluation:
    ev = Evaluation()
    records = list(records)
    items = [{k: v for k, v in r.items() if k not in ("expect", "_line", "note")} for r in records]
    for rec, report in zip(records, linter.lint_many(items), strict=True):
        ev.posts += 1
        expected = set(rec.get("expect", []))
        got = report.categories
        for c in CATEGORIES:
            s = ev.scores[c]
            if c in got and c in expected:
                s.tp += 1
            elif c in got:
                s.fp += 1
            elif c in expected:
                s.fn += 1
        if got != expected:
            ev.misses.append(Miss(rec["text"], sorted(expected), sorted(got), rec.get("_line", 0)))
    return ev
