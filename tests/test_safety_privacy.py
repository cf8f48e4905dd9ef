"""Officer safety and privacy beyond the rule examples: the protected-identity roster, captions,
redaction fixes, validators, and who the detail is about."""

from __future__ import annotations

from pathlib import Path

import pytest

import postlint
from postlint import fixes
from postlint.roster import add_terms

from .conftest import findings


@pytest.fixture()
def protected(tmp_path: Path) -> postlint.Linter:
    path = tmp_path / "protected.yaml"
    add_terms(path, "protected-identities", ["Rico Vance", "R. Vance", "@nightowl77"])
    return postlint.Linter(rosters=[str(path)])


def test_protected_identity_is_an_error_and_never_echoed(protected: postlint.Linter, tmp_path: Path) -> None:
    text = "Happy birthday to RICO  VANCE and @nightowl77 from the squad!"
    r = protected.lint(text, account="personal")
    assert [(f.rule, f.severity.value, text[f.start : f.end]) for f in r.findings] == [
        ("PL302", "error", "RICO  VANCE"),
        ("PL302", "error", "@nightowl77"),
    ]
    for f in r.findings:
        assert "vance" not in f.message.lower() and "nightowl" not in f.message.lower()
    roster_text = (tmp_path / "protected.yaml").read_text().lower()
    assert "vance" not in roster_text and "nightowl" not in roster_text
    # The safe fix removes the name.
    fixed = fixes.apply(text, fixes.choose(r.findings))
    assert fixed == "Happy birthday to [name removed] and [name removed] from the squad!"


def test_captions_are_checked(linter: postlint.Linter) -> None:
    r = linter.lint("Great day at the range.", media=("Det. Mike Ruiz, our top undercover buyer",))
    assert [(f.rule, f.media) for f in r.findings] == [("PL301", 0)]


def test_sting_with_arrest_totals_and_no_officer_passes(linter: postlint.Linter) -> None:
    text = "Undercover officers posing as buyers arrested 14 people in a sting at the Elm St motel."
    assert linter.lint(text).findings == []


def test_officer_named_in_sting_fires_on_both_accounts(linter: postlint.Linter) -> None:
    text = "Shout out to Det. Mike Ruiz for posing as a buyer in the motel sting!"
    for account in ("official", "personal"):
        assert [f.rule for f in linter.lint(text, account=account).findings] == ["PL301"]


def test_private_identifiers_are_redacted_safely(linter: postlint.Linter) -> None:
    text = "The complainant's number is 617-555-0134 and her SSN is 123-45-6789."
    r = linter.lint(text)
    assert findings(r) == [
        ("PL403", "private-information", "617-555-0134"),
        ("PL403", "private-information", "123-45-6789"),
    ]
    assert all(f.suggestion and f.suggestion.safe for f in r.findings)
    assert fixes.apply(text, fixes.choose(r.findings)) == "The complainant's number is [redacted] and her SSN is [redacted]."


@pytest.mark.parametrize("ssn", ["000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000"])
def test_invalid_ssns_are_not_ssns(linter: postlint.Linter, ssn: str) -> None:
    assert linter.lint(f"Reference number {ssn} for your records.").findings == []


def test_agency_numbers_and_appeals_pass(linter: postlint.Linter) -> None:
    for text in (
        "Call us on 617-555-0100 with any information.",
        "Contact Det. Ruiz at 617-555-0199.",
        "MISSING: Ava Lind, 14. Her mother asks anyone who sees her to call 617-555-0143.",
    ):
        assert linter.lint(text).findings == [], text


def test_calls_for_service_only_on_personal_accounts(linter: postlint.Linter) -> None:
    text = "Dispatch just sent us to a domestic at 412 Oak St again."
    assert [f.rule for f in linter.lint(text, account="personal").findings] == ["PL402"]
    assert linter.lint(text, account="official").findings == []


def test_live_tactics_stop_when_the_scene_is_clear(linter: postlint.Linter) -> None:
    live = "Standoff on Elm St right now: SWAT is staged behind the church."
    over = "The standoff on Elm St has ended peacefully. SWAT was staged behind the church."
    assert [f.rule for f in linter.lint(live).findings] == ["PL304"]
    assert linter.lint(over).findings == []


def test_suspects_home_is_not_an_officers(linter: postlint.Linter) -> None:
    assert linter.lint("Officers arrested the suspect, who lives on Birch Lane.").findings == []
    r = linter.lint("Officer Ann Lee lives on Birch Lane, two doors from the school.", account="personal")
    assert [f.rule for f in r.findings] == ["PL303"]


def test_officer_home_address_is_one_officer_safety_finding() -> None:
    text = "Officer Grant lives at 1402 Maple Drive, so neighbors, send your thank-you cards there!"
    report = postlint.lint(text)
    assert [(f.rule, f.category, text[f.start : f.end]) for f in report.findings] == [
        ("PL303", "officer-safety", "Officer Grant lives at 1402 Maple Drive")
    ]
    # the same address of a member of the public is still private information
    text = "The caller lives at 1402 Maple Drive and keeps phoning us."
    assert [(f.rule, text[f.start : f.end]) for f in postlint.lint(text).findings] == [("PL403", "1402 Maple Drive")]
