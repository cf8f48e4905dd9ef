"""The political family: context decides (account, uniform, employee, elected sheriff), the election
roster, evasions, and each policy's own clause."""

from __future__ import annotations

import pytest

import postlint
from postlint.config import Config, ElectionRoster

ENDORSE = "Vote for Mark Hale for district attorney on November 3!"
PARTISAN = "Democrats are destroying this city."


def rules_of(r: postlint.Report) -> list[str]:
    return [f.rule for f in r.findings]


def test_official_account_any_political_activity(linter: postlint.Linter) -> None:
    r = linter.lint(ENDORSE)
    assert rules_of(r) == ["PL201"]
    f = r.findings[0]
    assert f.why_in_scope == "official account"
    assert r.text[f.start : f.end] == "Vote for Mark Hale"
    assert "Mark Hale" in f.message
    cited = {(c.policy, c.clause) for c in f.clauses}
    assert {("colchester-pd-go9", "II.a.iii.1.d"), ("jackson-pd-5.0", "5.04.A.4.d"), ("municipal-pd", "IV.B.4"),
            ("model-policy", "IV Specific Restrictions item 6"), ("jefferson-county-so-pp363", "Employee Internet Postings para. 5")} <= cited


def test_personal_account_plain_is_quiet(linter: postlint.Linter) -> None:
    assert linter.lint(ENDORSE, account="personal").findings == []
    assert linter.lint(PARTISAN, account="personal").findings == []


def test_personal_in_uniform_breaks_jefferson_and_says_why(linter: postlint.Linter) -> None:
    r = linter.lint(PARTISAN, account="personal", in_uniform=True)
    (f,) = r.findings
    assert "in uniform or showing the agency logo" in f.why_in_scope
    assert ("jefferson-county-so-pp363", "Employee Internet Postings para. 5") in {(c.policy, c.clause) for c in f.clauses}


def test_personal_identifying_as_employee(linter: postlint.Linter) -> None:
    r = linter.lint("As a police officer, I say vote for Mark Hale for district attorney.", account="personal")
    (f,) = r.findings
    assert f.why_in_scope == "personal account, identifies the writer as an employee"
    policies = {c.policy for c in f.clauses}
    assert "model-policy" in policies and "colchester-pd-go9" in policies


def test_personal_speaking_for_the_department(linter: postlint.Linter) -> None:
    r = linter.lint("The department supports Mark Hale for district attorney.", account="personal")
    by_rule = {f.rule: f for f in r.findings}
    assert sorted(by_rule) == ["PL201", "PL510"]  # an endorsement, and speaking for the department
    assert by_rule["PL201"].why_in_scope == "personal account, speaks for the department"


def test_elected_sheriff_is_exempt_where_jefferson_says_so() -> None:
    jeff = postlint.Linter("jefferson-county-so-pp363")
    text = "Re-elect Sheriff Dana Cole! #ColeForSheriff"
    assert rules_of(jeff.lint(text, account="personal", in_uniform=True)) == ["PL201", "PL201"]
    assert jeff.lint(text, account="personal", in_uniform=True, author_role="elected-sheriff").findings == []
    # The other policies have no such exemption.
    model = postlint.Linter("model-policy")
    assert model.lint(text, account="personal", in_uniform=True, author_role="elected-sheriff").findings


def test_each_pack_applies_its_own_clause() -> None:
    text = "Vote for Mark Hale for district attorney."
    for pack, clause in [("colchester-pd-go9", "II.a.iii.1.d"), ("jackson-pd-5.0", "5.04.A.4.d"),
                         ("municipal-pd", "IV.B.4"), ("model-policy", "IV Specific Restrictions item 6")]:
        (f,) = postlint.Linter(pack).lint(text).findings
        assert clause in [c.clause for c in f.clauses]


@pytest.mark.parametrize(
    "text",
    [
        "V0te for Mark Hale for district attorney!",
        "v o t e for Mark Hale for district attorney!",
        "Vo\u200bte for Mark Hale for district attorney!",
        "Ｖｏｔｅ ｆｏｒ Mark Hale for district attorney!",
        "D3mocrats are destroying this city.",
    ],
)
def test_evasions(linter: postlint.Linter, text: str) -> None:
    r = linter.lint(text)
    assert [f.category for f in r.findings] == ["political-activity"]
    f = r.findings[0]
    assert 0 <= f.start < f.end <= len(text)


def test_election_roster_names_candidates() -> None:
    roster = Config(election=ElectionRoster(candidates=("Dana Okafor",), measures=("Measure B",)))
    text = "We're proud to stand with Okafor in the election."
    with_roster = postlint.Linter(config=roster)
    assert rules_of(with_roster.lint("Vote for Okafor!")) == ["PL201"]
    assert rules_of(postlint.Linter().lint("Vote for Okafor!")) == []
    assert rules_of(with_roster.lint(text)) == ["PL201"]


def test_election_roster_measures_and_dates() -> None:
    roster = Config(election=ElectionRoster(measures=("Safe Streets Levy",), dates=("November 3",)))
    linter = postlint.Linter(config=roster)
    r = linter.lint("Help us pass the Safe Streets Levy so we can hire more deputies!")
    assert [(f.rule, r.text[f.start : f.end]) for f in r.findings] == [("PL203", "Help us pass the Safe Streets Levy")]
    assert linter.lint("The Safe Streets Levy is on the ballot; read the county voter guide.").findings == []
    # An election date makes a name after "vote for" a candidate's.
    assert [f.rule for f in linter.lint("On November 3, vote for Garza!").findings] == ["PL201"]
    assert postlint.Linter().lint("On November 3, vote for Garza!").findings == []


def test_civic_information_passes(linter: postlint.Linter) -> None:
    for text in (
        "Polls are open 7 am to 8 pm. Register to vote at the county clerk's office.",
        "Several campaign signs for Mark Hale were stolen on Elm St. Call us if you saw anything.",
        "Thank you, Senator Ruth Avila, for visiting our dispatch center today.",
        "The county budget passed last night, including funding for 12 new deputies.",
        "Vote for the best pumpkin at our fall festival!",
        "Volunteers joined the search party at dawn.",
    ):
        assert linter.lint(text).findings == [], text


def test_officeholder_named_without_a_title(linter: postlint.Linter) -> None:
    # The shipped officeholder list knows Ted Cruz; a name alone is enough in an election post.
    r = linter.lint("Vote for Cruz in the primary!")
    assert [(f.rule, r.text[f.start : f.end]) for f in r.findings] == [("PL201", "Vote for Cruz")]
    assert linter.lint("Vote for Cruz in our chili cook-off!").findings == []


def test_officeholder_script_builds_the_list(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    import yaml

    from .conftest import ROOT

    leg = tmp_path / "leg.csv"
    leg.write_text("last_name,first_name,nickname,type,state,party\nSchumer,Charles,Chuck,sen,NY,Democrat\nCole,Tom,,rep,OK,Republican\n")
    gov = tmp_path / "gov.csv"
    gov.write_text("State,Abb,Name\nNew Jersey,NJ,PhilMurphy\n")
    out = tmp_path / "officeholders.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_officeholders.py"), "--legislators", str(leg),
         "--governors", str(gov), "--as-of", "2026-01-01", "--out", str(out)],
        check=True, capture_output=True,
    )
    data = yaml.safe_load(out.read_text())
    names = {p["name"]: p for p in data["people"]}
    assert names["Chuck Schumer"]["office"] == "U.S. Senator" and names["Chuck Schumer"]["aliases"] == ["Charles Schumer"]
    assert names["Phil Murphy"]["office"] == "Governor"
    assert data["as_of"] == "2026-01-01"
