"""Normalization: evasions fold to plain text, offsets always point at the original characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import postlint
from postlint.normalize import normalize


def test_folds_evasions() -> None:
    cases = {
        "He is gu\u200bilty": "He is guilty",
        "Ｔｈｅ ａｒｓｏｎｉｓｔ": "The arsonist",
        "gu\u0456lty": "guilty",  # Cyrillic i
        "v0te f0r him": "vote for him",
        "a$$": "ass",
        "v o t e": "vote",
        "It\u2019s": "It's",
    }
    for raw, folded in cases.items():
        assert normalize(raw).text == folded, raw


def test_leaves_ordinary_text_alone() -> None:
    for text in ("Meet at 10am on the M25", "Call 555-0100 or email tips@pd.example.org", "U.S.A. and F.B.I.", "Win $500"):
        assert normalize(text).text == text


def test_evasions_are_caught_and_point_at_what_was_typed() -> None:
    text = "Arrested today: Ｔｈｅ a\u200brsonist is in custody."
    r = postlint.lint(text)
    assert [(f.rule, text[f.start : f.end]) for f in r.findings] == [("PL103", "Ｔｈｅ a\u200brsonist")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_offsets_stay_in_bounds_and_ordered(text: str) -> None:
    n = normalize(text)
    assert len(n.index) == len(n.text) + 1
    assert all(0 <= i <= len(text) for i in n.index)
    assert list(n.index) == sorted(n.index)
    for a in range(0, len(n.text) + 1, 7):
        s, e = n.span_to_original(a, min(len(n.text), a + 5))
        assert 0 <= s <= e <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_lint_never_crashes_and_spans_are_valid(text: str) -> None:
    r = postlint.lint(text)
    for f in r.findings:
        assert 0 <= f.start <= f.end <= len(text)


def test_names_end_at_a_possessive() -> None:
    from postlint.detectors import DocView

    linter = postlint.Linter()
    for text, expected in [
        ("A man was charged after a carjacking on St Mark's Square, Fernhill.", []),
        ("Sgt. Ray Cole's truck is parked outside.", ["Ray Cole"]),
        ("Tom Reyes, 34, was charged.", ["Tom Reyes"]),
    ]:
        view = DocView(None, postlint.PostContext(), linter.lexicons, _text=text, make_doc=linter._make_doc)
        assert [text[n.start : n.end] for n in view.names] == expected, text
