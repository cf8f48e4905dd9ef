"""The conduct family beyond its examples: severity tiers, evasions, scope of personal rules."""

from __future__ import annotations

import pytest

import postlint

from .conftest import findings


def severities(r: postlint.Report) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in r.findings]


def test_strong_profanity_is_an_error_mild_a_warning(linter: postlint.Linter) -> None:
    assert severities(linter.lint("This paperwork is bullshit.")) == [("PL501", "error")]
    assert severities(linter.lint("Damn, what a storm.")) == [("PL501", "warning")]
    assert severities(linter.lint("Another bunch of retards on the road.")) == [("PL502", "error")]


@pytest.mark.parametrize(
    "text, span",
    [
        ("What a f**k of a day.", "f**k"),
        ("Ｓｈｉｔ happens on the M60.", "Ｓｈｉｔ"),
        ("What a s.h.i.t show.", "s.h.i.t"),
        ("That was b!tch of a shift.", "b!tch"),
        ("fu\u200bck this weather", "fu\u200bck"),
    ],
)
def test_evasions_point_at_what_was_typed(linter: postlint.Linter, text: str, span: str) -> None:
    r = linter.lint(text)
    assert [(f.category, text[f.start : f.end]) for f in r.findings] == [("obscenity", span)]


def test_personal_account_conduct_needs_scope(linter: postlint.Linter) -> None:
    text = "This paperwork is bullshit."
    # Jefferson County's code of conduct reaches every personal post; the model policy only those
    # that identify the agency.
    jeff = postlint.Linter("jefferson-county-so-pp363")
    model = postlint.Linter("model-policy")
    assert [f.rule for f in jeff.lint(text, account="personal").findings] == ["PL501"]
    assert model.lint(text, account="personal").findings == []
    assert [f.rule for f in model.lint(text, account="personal", in_uniform=True).findings] == ["PL501"]


def test_personal_views_disclaimer_fix(linter: postlint.Linter) -> None:
    text = "As a deputy, I think the new pursuit policy will get someone killed."
    r = linter.lint(text, account="personal")
    assert findings(r) == [("PL511", "missing-disclaimer", "I think")]
    fx = r.findings[0].suggestion
    assert fx and fx.safe and fx.replacement.startswith(" The views in this post are my own")
    # Without anything identifying the writer as an employee, no disclaimer is asked for.
    assert linter.lint("I think the new pursuit policy will get someone killed.", account="personal").findings == []


def test_reckless_conduct_must_be_an_employees(linter: postlint.Linter) -> None:
    assert [f.rule for f in linter.lint("Hit 120 mph in the cruiser last night just for fun!", account="personal", in_uniform=True).findings] == ["PL507", "PL507"]
    assert linter.lint("Our officer clocked a driver at 120 mph on I-90. He was arrested.").findings == []


def test_speaking_for_department_is_a_personal_account_rule(linter: postlint.Linter) -> None:
    text = "Speaking for the department: we will not enforce the new ordinance."
    assert [f.rule for f in linter.lint(text, account="personal").findings] == ["PL510"]
    assert linter.lint(text, account="official").findings == []
