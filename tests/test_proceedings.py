"""The proceedings family beyond its rule examples: kinds in messages, the open-case roster, the
configured disclaimer, fixes that change legal meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import postlint
from postlint.cli import main
from postlint.config import Config
from postlint.errors import ConfigError
from postlint.roster import Roster, add_terms

from .conftest import findings


@pytest.mark.parametrize(
    "text, rule, kind",
    [
        ("Dale Ortiz was arrested Friday. He's facing decades behind bars.", "PL110", "prediction of the sentence"),
        ("Arrest made. It's an open-and-shut case.", "PL111", "opinion on the strength of the case"),
        ("Arrested after the crash, he refused a breath test.", "PL112", "a refusal to take a test"),
        ("The man arrested Tuesday confessed to the robbery.", "PL113", "a confession"),
        ("Arrested again: this repeat offender is back.", "PL114", "statement about criminal record"),
        ("He was released on bail hours later. The judge is a joke.", "PL115", "commentary on the court"),
    ],
)
def test_each_finding_names_its_kind(linter: postlint.Linter, text: str, rule: str, kind: str) -> None:
    (f,) = [f for f in linter.lint(text).findings if f.rule == rule]
    assert f.category == "pending-prosecution"
    assert kind in f.message
    assert {c.policy for c in f.clauses} == {"colchester-pd-go9", "jackson-pd-5.0", "municipal-pd"}
    assert f.references, "ABA Model Rule 3.6 is cited as a secondary reference"


def test_decided_cases_are_public_record(linter: postlint.Linter) -> None:
    for text in (
        "Tom Reyes was convicted of burglary; his DNA matched the scene and he has 14 prior convictions.",
        "The jury heard overwhelming evidence. Ray Lind was sentenced to life in prison.",
    ):
        assert [f.category for f in linter.lint(text).findings] == [], text


@pytest.fixture()
def cases(tmp_path: Path) -> Path:
    path = tmp_path / "cases.yaml"
    add_terms(path, "open-cases", ["Dale Ortiz", "D-Rock", "CR-2024-0117"], "CR-2024-0117")
    add_terms(path, "open-cases", ["Karen Whitfield"], "CR-2024-0201")
    return path


def test_roster_file_holds_no_names(cases: Path) -> None:
    text = cases.read_text()
    for term in ("Dale", "Ortiz", "Rock", "Karen", "Whitfield"):
        assert term.lower() not in text.lower()
    r = Roster.load(cases)
    assert r.kind == "open-cases" and set(r.by_hash.values()) == {"CR-2024-0117", "CR-2024-0201"}


def test_rostered_case_gets_the_strictest_reading(cases: Path) -> None:
    strict = postlint.Linter(rosters=[str(cases)])
    plain = postlint.Linter()
    # No arrest or court words: the ordinary reading has nothing to attach the opinion to.
    text = "Update on d-rock: the video speaks for itself."
    assert plain.lint(text).findings == []
    (f,) = strict.lint(text).findings
    assert (f.rule, f.severity.value, text[f.start : f.end]) == ("PL111", "error", "the video speaks for itself")
    assert "open case CR-2024-0117" in f.message
    assert "d-rock" not in f.message.lower()
    # Mentions are matched on the folded text: spacing, case and look-alike letters do not hide them.
    (f,) = strict.lint("KAREN   WHITFІELD: the proof is undeniable.").findings
    assert "CR-2024-0201" in f.message
    assert strict.lint("Karen Whitfield won the bake-off.").findings == []


def test_roster_from_config_and_cli(cases: Path, tmp_path: Path) -> None:
    cfg = tmp_path / ".postlint.toml"
    cfg.write_text(f'rosters = ["{cases.name}"]\n')
    draft = tmp_path / "d.txt"
    draft.write_text("Dale Ortiz update: the footage tells the whole story.\n")
    r = CliRunner().invoke(main, [str(draft), "--config", str(cfg)])
    assert r.exit_code == 1 and "open case CR-2024-0117" in r.stdout
    r = CliRunner().invoke(main, ["roster", "show", str(cases)])
    assert "CR-2024-0117: 3 terms" in r.stdout and "Ortiz" not in r.stdout


def test_roster_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="needs --case"):
        add_terms(tmp_path / "x.yaml", "open-cases", ["A B"], None)
    add_terms(tmp_path / "p.yaml", "protected-identities", ["Agent X"])
    with pytest.raises(ConfigError, match="holds protected-identities"):
        add_terms(tmp_path / "p.yaml", "open-cases", ["A"], "C1")
    with pytest.raises(ConfigError, match="roster file not found"):
        postlint.Linter(rosters=[str(tmp_path / "missing.yaml")])


def test_configured_disclaimer_is_the_fix() -> None:
    cfg = Config(disclaimer="Charges are accusations; all are presumed innocent.")
    r = postlint.Linter(config=cfg).lint("Tom Reyes, 34, has been charged with burglary.")
    (f,) = r.findings
    assert f.suggestion and f.suggestion.safe
    assert f.suggestion.replacement == " Charges are accusations; all are presumed innocent."
    assert (f.suggestion.start, f.suggestion.end) == (len(r.text), len(r.text))


def test_confession_fix_is_unsafe_removal(linter: postlint.Linter) -> None:
    r = linter.lint("The man arrested Tuesday confessed to the robbery.")
    assert findings(r) == [("PL113", "pending-prosecution", "confessed to the robbery")]
    fx = r.findings[0].suggestion
    assert fx is not None and not fx.safe and fx.replacement == ""
