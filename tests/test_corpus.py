"""The labeled corpus (written for this project) through `postlint eval`, with floors per category;
and, when ../shared/corpus is present, the flag rate on real agency tweets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import postlint
from postlint.evaluate import evaluate, read_labeled
from postlint.models import CATEGORIES

from .conftest import ROOT, SHARED

STRICT = {"guilt-statement", "pending-prosecution", "political-activity", "undercover-identity"}


@pytest.fixture(scope="module")
def evaluation():  # type: ignore[no-untyped-def]
    records = [r for f in sorted((ROOT / "tests" / "corpus").glob("*.jsonl")) for r in read_labeled(f)]
    return records, evaluate(postlint.Linter(), records)


def test_corpus_is_large_and_balanced(evaluation) -> None:  # type: ignore[no-untyped-def]
    records, _ = evaluation
    assert len(records) >= 150 + 60 + 60 + 80 + 80
    negatives = [r for r in records if not r["expect"]]
    assert len(negatives) >= len(records) * 0.4, "hard negatives and routine posts"
    covered = {c for r in records for c in r["expect"]}
    assert covered == set(CATEGORIES), f"every category has labeled posts: missing {set(CATEGORIES) - covered}"


@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall_floors(evaluation, category: str) -> None:  # type: ignore[no-untyped-def]
    _, ev = evaluation
    score = ev.scores[category]
    floor = 0.95 if category in STRICT else 0.90
    misses = [m.text for m in ev.misses if category in m.expected or category in m.got]
    assert score.precision >= floor, f"{category} precision {score.precision:.3f}: {misses}"
    assert score.recall >= floor, f"{category} recall {score.recall:.3f}: {misses}"


def test_eval_command_reports_the_same(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from postlint.cli import main

    r = CliRunner().invoke(main, ["eval", str(ROOT / "tests" / "corpus" / "labeled.jsonl"), "--format", "json"])
    data = json.loads(r.stdout)
    assert data["posts"] >= 430 and "guilt-statement" in data["categories"]


TWEETS = SHARED / "corpus" / "uk_police_tweets.jsonl"


@pytest.mark.skipif(not TWEETS.is_file(), reason="shared/corpus not present")
def test_routine_agency_tweets_are_rarely_flagged() -> None:
    texts = [json.loads(line)["text"] for line in TWEETS.open(encoding="utf-8")]
    flagged = sum(1 for r in postlint.Linter().lint_many(texts) if r.findings)
    assert flagged / len(texts) < 0.02, f"{flagged} of {len(texts)} routine tweets flagged"
