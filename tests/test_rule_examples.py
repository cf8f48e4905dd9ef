"""Every rule's own examples run as tests: each `fire` example must produce a finding of that rule
on exactly the marked [[span]], each `pass` example no finding of that rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import postlint
from postlint.policy import shipped_rules

MARK = re.compile(r"\[\[(.+?)\]\]")


def _cases(kind: str):
    for rule in shipped_rules():
        examples = rule.examples.fire if kind == "fire" else rule.examples.pass_
        for i, ex in enumerate(examples):
            yield pytest.param(rule, ex, id=f"{rule.code}-{rule.slug}-{kind}{i}")


_LINTERS: dict[str, postlint.Linter] = {}


def _linter_for(rule: postlint.RuleDef, default: postlint.Linter, tmp_dir: Path) -> postlint.Linter:
    """The shared linter, or for a roster rule one with a roster built from the rule's example terms."""
    terms = rule.options.get("example_roster")
    if not terms:
        return default
    if rule.code not in _LINTERS:
        from postlint.roster import add_terms

        path = tmp_dir / f"{rule.code}-roster.yaml"
        for t in terms:  # type: ignore[union-attr]
            add_terms(path, rule.options["roster"], [t], f"entry-{t}")  # type: ignore[arg-type]
        _LINTERS[rule.code] = postlint.Linter(rosters=[str(path)])
    return _LINTERS[rule.code]


def _context(rule: postlint.RuleDef) -> dict[str, object]:
    # Personal-only rules are exercised as a personal post by an identified employee in uniform.
    if "official" in rule.accounts:
        return {"account": "official"}
    return {"account": "personal", "in_uniform": True, "identifies_employee": True}


@pytest.mark.parametrize("rule, example", list(_cases("fire")))
def test_fire_examples(linter: postlint.Linter, rule: postlint.RuleDef, example: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    linter = _linter_for(rule, linter, tmp_path_factory.getbasetemp())
    marks = list(MARK.finditer(example))
    assert marks, f"{rule.code}: a fire example marks its span with [[...]]: {example!r}"
    text = MARK.sub(lambda m: m.group(1), example)
    expected, shift = [], 0
    for m in marks:
        start = m.start() - shift
        expected.append((start, start + len(m.group(1))))
        shift += 4
    report = linter.lint(text, **_context(rule))
    got = [(f.start, f.end) for f in report.findings if f.rule == rule.code]
    assert got == expected, f"{rule.code} on {text!r}: expected spans {expected}, got {got} ({[text[s:e] for s, e in got]})"
    for f in report.findings:
        if f.rule == rule.code:
            assert f.category == rule.category
            assert f.clauses, "every finding cites at least one clause"


@pytest.mark.parametrize("rule, example", list(_cases("pass")))
def test_pass_examples(linter: postlint.Linter, rule: postlint.RuleDef, example: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    linter = _linter_for(rule, linter, tmp_path_factory.getbasetemp())
    report = linter.lint(example, **_context(rule))
    hits = [report.text[f.start : f.end] for f in report.findings if f.rule == rule.code]
    assert not hits, f"{rule.code} fired on a pass example {example!r}: {hits}"


def test_every_rule_has_examples_and_docs() -> None:
    from postlint.data import rules_dir

    for rule in shipped_rules():
        assert rule.examples.fire and rule.examples.pass_
        page = rules_dir().parent / "docs" / "rules" / f"{rule.code}-{rule.slug}.md"
        assert page.is_file(), f"docs page missing for {rule.code}: {page}"


def test_docs_pages_are_current() -> None:
    from postlint.data import rules_dir
    from postlint.docgen import pages

    docs = rules_dir().parent / "docs"
    for rel, text in pages().items():
        path = docs / rel
        assert path.is_file() and path.read_text(encoding="utf-8") == text, f"{rel} is out of date: run `make docs`"
