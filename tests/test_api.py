"""The library API: lint(), Linter, lint_many, context, approvals, media, threads, a trained model."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import spacy

import postlint
from postlint import PostContext

from .conftest import findings


def test_lint_returns_exact_findings() -> None:
    r = postlint.lint("Deputies arrested a man on Elm St. This crook had stolen from six homes.")
    assert findings(r) == [("PL103", "guilt-statement", "This crook")]
    f = r.findings[0]
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 36, 1, 46)
    assert f.severity == postlint.Severity.error
    assert f.suggestion is not None and f.suggestion.replacement == "The suspect" and not f.suggestion.safe


def test_routine_posts_are_clean(linter: postlint.Linter) -> None:
    routine = [
        "MISSING: Ava Lind, 14, last seen Friday near Pine Park wearing a red coat. Call 555-0143.",
        "Road closure: Main St between 3rd and 5th is closed until 6 pm for a water main repair.",
        "A 29-year-old man was charged with burglary. A charge is merely an accusation; he is presumed innocent.",
        "Thank you to Rosa's Bakery for the cookies! Our dispatchers loved them.",
        "Drunk drivers put innocent lives at risk. Plan a safe ride home this weekend.",
    ]
    for text in routine:
        assert linter.lint(text).findings == [], text


def test_lint_many_streams_in_order(linter: postlint.Linter) -> None:
    items = [
        "Road closed on Elm St.",
        ("The arsonist was arrested.", PostContext(account="official")),
        {"id": "r3", "text": "He is guilty as sin, the suspect we arrested.", "account": "official"},
    ]
    reports = list(linter.lint_many(items, batch_size=2))
    assert [r.id for r in reports] == [None, None, "r3"]
    assert [[f.rule for f in r.findings] for r in reports] == [[], ["PL103"], ["PL101"]]


def test_lint_many_reports_bad_records_in_place(linter: postlint.Linter) -> None:
    reports = list(linter.lint_many([{"id": 1, "text": "ok"}, {"id": 2}, {"id": 3, "text": "x", "account": "bogus"}], errors="report"))
    assert [r.error is None for r in reports] == [True, False, False]
    assert "account" in (reports[2].error or "")
    with pytest.raises(postlint.PostlintError):
        list(linter.lint_many([{"id": 2}]))


def test_front_matter_sets_context_and_offsets_stay_in_the_file(linter: postlint.Linter) -> None:
    text = "---\naccount: personal\nin_uniform: true\n---\nThe arsonist was arrested.\n"
    r = linter.lint(text)
    assert r.context.account == "personal" and r.context.in_uniform
    # PL103's clauses all apply to official accounts only: nothing on a personal account.
    assert r.findings == []
    r = linter.lint(text.replace("personal", "official"))
    f = r.findings[0]
    assert text.replace("personal", "official")[f.start : f.end] == "The arsonist" and f.line == 5 and f.column == 1


def test_bad_front_matter_is_an_input_error(linter: postlint.Linter) -> None:
    with pytest.raises(postlint.InputError, match="front matter: colour: unknown key"):
        linter.lint("---\ncolour: blue\n---\nhello")
    with pytest.raises(postlint.InputError, match="account"):
        linter.lint("---\naccount: maybe\n---\nhello")


def test_approval_keeps_the_finding_but_it_no_longer_fails(linter: postlint.Linter) -> None:
    text = "---\napprovals:\n  - {rule: guilt-label, by: Chief Ada Park, ref: memo 24-117}\n---\nThe arsonist was arrested.\n"
    r = linter.lint(text)
    assert [f.rule for f in r.findings] == ["PL103"]
    assert r.findings[0].approved == postlint.Approval(rule="guilt-label", by="Chief Ada Park", ref="memo 24-117")
    assert r.failing() == []


def test_media_captions_are_linted(linter: postlint.Linter) -> None:
    r = linter.lint("Great work today, team.", media=("Photo: the arsonist we arrested this morning",))
    assert [(f.rule, f.media, f.text) for f in r.findings] == [("PL103", 0, "the arsonist")]


def test_select_and_ignore() -> None:
    text = "Tom Reyes, 34, has been charged with arson. The arsonist is in custody."
    assert {f.rule for f in postlint.Linter(select=["missing-disclaimer"]).lint(text).findings} == {"PL104"}
    assert {f.rule for f in postlint.Linter(ignore=["PL104"]).lint(text).findings} == {"PL103"}
    with pytest.raises(postlint.ConfigError, match="unknown rule"):
        postlint.Linter(select=["PL999"])


def test_thread_safety(linter: postlint.Linter) -> None:
    texts = [f"The arsonist was arrested on day {i}." if i % 2 else f"Road {i} is closed." for i in range(200)]
    results: dict[int, list[str]] = {}

    def work(start: int) -> None:
        for i in range(start, len(texts), 4):
            results[i] = [f.rule for f in linter.lint(texts[i]).findings]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[i] == (["PL103"] if i % 2 else []) for i in range(len(texts)))


def test_a_trained_pipeline_is_used_when_asked(tmp_path: Path) -> None:
    """A saved pipeline with an entity ruler: its PERSON entities name a defendant the
    shipped name patterns cannot (no title, no listed first name, no age)."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": [{"LOWER": "zorba"}, {"LOWER": "quill"}]}])
    nlp.add_pipe("sentencizer")
    path = tmp_path / "tiny_pipeline"
    nlp.to_disk(path)
    text = "Zorba Quill was charged with fraud on Monday."
    assert postlint.Linter().lint(text).findings == []
    r = postlint.Linter(model=str(path)).lint(text)
    assert [(f.rule, f.text) for f in r.findings] == [("PL104", "was charged with")]
    assert "postlint_assertion" in postlint.Linter(model=str(path)).nlp.pipe_names


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(postlint.ConfigError, match="--model en_no_such_pipeline: cannot load"):
        postlint.Linter(model="en_no_such_pipeline")
