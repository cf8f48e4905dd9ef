"""The assertion-status component on its own: which statuses govern a word."""

from __future__ import annotations

import pytest

from postlint.nlp import assertion_status, build_pipeline


def status_of(text: str, word: str) -> set[str]:
    doc = build_pipeline()(text)
    idx = [t.i for t in doc if t.lower_ == word]
    assert idx, f"{word!r} not in {text!r}"
    return set(assertion_status(doc, idx[0], idx[0] + 1))


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("We are not saying he is guilty.", "guilty", {"negated"}),
        ("He entered a not-guilty plea.", "guilty", {"negated"}),
        ("He is presumed innocent until proven guilty.", "innocent", {"hypothetical"}),
        ("If convicted, she faces 10 years.", "faces", {"hypothetical"}),
        ("Smith was convicted by a jury last spring.", "jury", {"adjudicated"}),
        ("The alleged arsonist was arrested.", "arsonist", {"hedged"}),
        ("He did it, the victim's mother said.", "did", {"attributed"}),
        ('One neighbour shouted "he is guilty" at the scene.', "guilty", {"attributed"}),
        ("An arrest is not a conviction, and anyone who forgets that is wrong.", "conviction", {"generic", "negated"}),
        ("He has not been convicted of anything.", "anything", {"negated"}),
        ("He is guilty.", "guilty", set()),
        ("There is no doubt he is guilty.", "guilty", set()),
    ],
)
def test_statuses(text: str, word: str, expected: set[str]) -> None:
    assert status_of(text, word) == expected


def test_scope_stops_at_terminator() -> None:
    # "not" governs the words after it only up to "but".
    assert status_of("He is not the driver, but he is guilty.", "guilty") == set()


def test_scope_stays_in_sentence() -> None:
    assert status_of("Nobody was hurt. The man is guilty.", "guilty") == set()


@pytest.mark.parametrize(
    "text, sentences",
    [
        (
            "Photo of the vice squad: Sgt. Tom Ellis and Det. Ann Moreno. Great work!",
            ["Photo of the vice squad: Sgt. Tom Ellis and Det. Ann Moreno.", "Great work!"],
        ),
        ("Road closed. Use Elm St instead!\nUpdates to follow", ["Road closed.", "Use Elm St instead!", "Updates to follow"]),
        ("Arrested by LT. Ruiz. He is 34.", ["Arrested by LT. Ruiz.", "He is 34."]),
    ],
)
def test_sentences_split_at_ends_not_at_titles(text: str, sentences: list[str]) -> None:
    doc = build_pipeline()(text)
    assert [s.text.strip() for s in doc.sents] == sentences
