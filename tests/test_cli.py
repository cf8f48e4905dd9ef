"""The command line: exit codes, formats, batch, bad input, fixes, config."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from postlint.cli import main

GUILTY = "The arsonist was arrested at his home on Friday.\n"
CLEAN = "Road closure: Main St is closed until 6 pm.\n"
CHARGED = "Tom Reyes, 34, of Elm St has been charged with burglary.\n"


def run(args: list[str], stdin: str | bytes | None = None, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    if cwd is not None:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        return runner.invoke(main, args, input=stdin, catch_exceptions=False)
    finally:
        if cwd is not None:
            os.chdir(old)


@pytest.fixture()
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "guilty.txt").write_text(GUILTY)
    (tmp_path / "clean.md").write_text(CLEAN)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "charged.txt").write_text(CHARGED)
    (tmp_path / "sub" / "notes.csv").write_text("The arsonist,was here\n")
    return tmp_path


def test_text_output_and_exit_1(drafts: Path) -> None:
    r = run([str(drafts / "guilty.txt")], cwd=drafts)
    assert r.exit_code == 1
    first = r.output.splitlines()[0]
    assert first.startswith(f"{drafts / 'guilty.txt'}:1:1: PL103 [error] This labels a person")
    assert "breaks jackson-pd-5.0 5.04.A.4.c" in r.output


def test_clean_exit_0(drafts: Path) -> None:
    r = run([str(drafts / "clean.md")], cwd=drafts)
    assert r.exit_code == 0 and "All clear" in r.output


def test_folder_is_recursive_for_txt_and_md(drafts: Path) -> None:
    r = run([str(drafts), "--format", "json"], cwd=drafts)
    data = json.loads(r.stdout)
    assert sorted({Path(f["path"]).name for f in data}) == ["charged.txt", "guilty.txt"]
    # a suggestion alone does not fail the run by default, an error does
    assert r.exit_code == 1


def test_fail_on(drafts: Path) -> None:
    assert run([str(drafts / "sub" / "charged.txt")], cwd=drafts).exit_code == 0
    assert run([str(drafts / "sub" / "charged.txt"), "--fail-on", "suggestion"], cwd=drafts).exit_code == 1
    assert run([str(drafts / "guilty.txt"), "--fail-on", "bogus"], cwd=drafts).exit_code == 2


def test_json_fields(drafts: Path) -> None:
    r = run([str(drafts / "guilty.txt"), "--format", "json"], cwd=drafts)
    (f,) = json.loads(r.stdout)
    for key in ("path", "rule", "slug", "category", "severity", "start", "end", "line", "column",
                "end_line", "end_column", "message", "clauses", "suggestion"):
        assert key in f
    assert (f["rule"], f["slug"], f["category"], f["start"], f["end"]) == ("PL103", "guilt-label", "guilt-statement", 0, 12)
    assert {"policy", "clause", "title", "quote"} <= set(f["clauses"][0])


def test_show_source_caret(drafts: Path) -> None:
    r = run([str(drafts / "guilty.txt"), "--show-source"], cwd=drafts)
    assert "    | The arsonist was arrested" in r.output
    assert "    | ^^^^^^^^^^^^\n" in r.output


def test_stdin(drafts: Path) -> None:
    r = run(["-", "--format", "json"], stdin=GUILTY, cwd=drafts)
    assert r.exit_code == 1 and json.loads(r.stdout)[0]["path"] is None


def test_jsonl_batch_one_line_per_input_in_order(drafts: Path) -> None:
    lines = [
        {"id": "a", "text": CLEAN, "account": "official"},
        {"id": "b", "text": GUILTY, "account": "official"},
        {"id": "c", "text": GUILTY, "account": "personal"},
    ]
    src = "\n".join(json.dumps(x) for x in lines) + "\nnot json\n"
    r = run(["--input-format", "jsonl", "--format", "jsonl", "-"], stdin=src, cwd=drafts)
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", "b", "c", "<stdin>:4"]
    assert [len(o["findings"]) for o in out] == [0, 1, 0, 0]
    assert "not JSON" in out[3]["error"]
    assert r.exit_code == 2  # a bad input line is an input error; the others were still linted


@pytest.mark.parametrize(
    "content, message",
    [(b"\xff\xfe\x00h\x00i", "binary file"), (b"caf\xe9 au lait", "not valid UTF-8")],
)
def test_bad_files_exit_2_and_others_still_linted(drafts: Path, content: bytes, message: str) -> None:
    bad = drafts / "bad.txt"
    bad.write_bytes(content)
    r = run([str(bad), str(drafts / "guilty.txt")], cwd=drafts)
    assert r.exit_code == 2
    assert message in r.stderr
    assert "PL103" in r.stdout


def test_empty_file_is_clean(drafts: Path) -> None:
    (drafts / "empty.txt").write_text("")
    assert run([str(drafts / "empty.txt")], cwd=drafts).exit_code == 0


def test_missing_file_and_unknown_options(drafts: Path) -> None:
    r = run(["nope.txt"], cwd=drafts)
    assert r.exit_code == 2 and "nope.txt: no such file" in r.stderr
    assert run(["--policy", "nope", str(drafts / "guilty.txt")], cwd=drafts).exit_code == 2
    assert run(["--select", "PL999", str(drafts / "guilty.txt")], cwd=drafts).exit_code == 2
    assert run(["--frobnicate", str(drafts / "guilty.txt")], cwd=drafts).exit_code == 2


def test_policy_and_account_options(drafts: Path) -> None:
    r = run([str(drafts / "guilty.txt"), "--account", "personal"], cwd=drafts)
    assert r.exit_code == 0
    r = run([str(drafts / "guilty.txt"), "--policy", "model-policy"], cwd=drafts)
    assert r.exit_code == 0  # the model policy has no guilt clause


def test_config_file_is_found_upward(drafts: Path) -> None:
    (drafts / ".postlint.toml").write_text('policy = "jackson-pd-5.0"\nfail-on = "suggestion"\n')
    r = run([str(drafts / "sub" / "charged.txt"), "--format", "json"], cwd=drafts / "sub")
    (f,) = json.loads(r.stdout)
    assert [c["policy"] for c in f["clauses"]] == ["jackson-pd-5.0"] and r.exit_code == 1


def test_pyproject_table(drafts: Path) -> None:
    (drafts / "pyproject.toml").write_text('[tool.postlint]\nignore = ["PL103"]\n')
    assert run([str(drafts / "guilty.txt")], cwd=drafts).exit_code == 0


def test_broken_config_is_one_line_exit_2(drafts: Path) -> None:
    (drafts / ".postlint.toml").write_text('policy = "baseline"\nfail_on = "loud"\n')
    r = run([str(drafts / "guilty.txt")], cwd=drafts)
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and ".postlint.toml: fail_on:" in r.stderr
    (drafts / ".postlint.toml").write_text("policy = [unclosed\n")
    r = run([str(drafts / "guilty.txt")], cwd=drafts)
    assert r.exit_code == 2 and "invalid TOML" in r.stderr


def test_no_file_is_touched_without_fix(drafts: Path) -> None:
    p = drafts / "sub" / "charged.txt"
    before = p.read_bytes(), p.stat().st_mtime_ns
    run([str(p)], cwd=drafts)
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


def test_fix_applies_safe_fixes_only(drafts: Path) -> None:
    p = drafts / "both.txt"
    p.write_text(CHARGED + "The arsonist is in custody.\n")
    r = run([str(p), "--fix"], cwd=drafts)
    fixed = p.read_text()
    assert "presumed innocent until and unless proven guilty" in fixed
    assert "The arsonist" in fixed  # unsafe: needs --unsafe-fixes
    assert "applied 1 fix" in r.stderr
    run([str(p), "--fix", "--unsafe-fixes"], cwd=drafts)
    assert "The suspect is in custody." in p.read_text()
    assert not [x for x in drafts.iterdir() if x.name.startswith(".both.txt")]  # no temp file left


def test_diff_shows_without_writing(drafts: Path) -> None:
    p = drafts / "sub" / "charged.txt"
    r = run([str(p), "--diff"], cwd=drafts)
    assert p.read_text() == CHARGED
    assert "+Tom Reyes, 34, of Elm St has been charged with burglary. A charge is merely an accusation" in r.output


def test_sarif_and_github(drafts: Path) -> None:
    r = run([str(drafts / "guilty.txt"), "--format", "sarif"], cwd=drafts)
    sarif = json.loads(r.stdout)
    res = sarif["runs"][0]["results"][0]
    assert res["ruleId"] == "PL103" and res["level"] == "error"
    assert res["locations"][0]["physicalLocation"]["region"]["startColumn"] == 1
    r = run([str(drafts / "guilty.txt"), "--format", "github"], cwd=drafts)
    assert r.output.startswith("::error file=") and "title=PL103 guilt-label::" in r.output


def test_subcommands() -> None:
    r = run(["rules"])
    assert r.exit_code == 0 and "PL101" in r.output and "guilt-assertion" in r.output
    r = run(["explain", "guilt-label"])
    assert r.exit_code == 0
    for part in ("What it does", "Why is this bad?", "Example", "Use instead", "jackson-pd-5.0 5.04.A.4.c", "How context changes"):
        assert part in r.output
    assert run(["explain", "nope"]).exit_code == 2
    r = run(["policies", "--coverage", "jefferson-county-so-pp363"])
    assert "not lintable" in r.output and "Employee Internet Postings para. 5" in r.output
    assert run(["policies", "--coverage", "nope"]).exit_code == 2


def test_huge_draft_is_linted_in_pieces(drafts: Path) -> None:
    body = ("Officers attended a call on Elm Street. " * 6000) + "The arsonist was arrested.\n" + ("Road closed. " * 9000)
    p = drafts / "huge.txt"
    p.write_text(body)
    r = run([str(p), "--format", "json"], cwd=drafts)
    (f,) = json.loads(r.stdout)
    assert body[f["start"] : f["end"]] == "The arsonist" and r.exit_code == 1


def test_too_large_file_is_a_clear_error(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import postlint.cli as cli

    monkeypatch.setattr(cli, "MAX_BYTES", 100)
    p = drafts / "big.txt"
    p.write_text("x" * 200)
    r = run([str(p)], cwd=drafts)
    assert r.exit_code == 2 and "too large" in r.stderr


def test_control_and_odd_unicode_never_crash(drafts: Path) -> None:
    p = drafts / "odd.txt"
    p.write_text("\x07\x1b[31mThe \u202earsonist\u202c was arrested\ufeff. \U0001F6A8\n", encoding="utf-8")
    r = run([str(p), "--format", "json"], cwd=drafts)
    (f,) = json.loads(r.stdout)
    assert f["rule"] == "PL103"
