from __future__ import annotations

from pathlib import Path

import pytest

import postlint

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def linter() -> postlint.Linter:
    return postlint.Linter()


def findings(report: postlint.Report) -> list[tuple[str, str, str]]:
    """(rule, category, original text of the span) for each finding: what a test asserts."""
    return [(f.rule, f.category, report.text[f.start : f.end]) for f in report.findings]
