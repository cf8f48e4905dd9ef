"""Policy packs: every quote is in the policy it cites, packs validate, context decides scope."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import postlint
from postlint.errors import ConfigError
from postlint.models import CATEGORIES
from postlint.policy import BASELINE, _read_pack, shipped_packs, shipped_rules

from .conftest import SHARED

PACK_IDS = ["jefferson-county-so-pp363", "municipal-pd", "jackson-pd-5.0", "model-policy", "colchester-pd-go9"]


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip()


def test_the_five_packs_and_baseline_ship() -> None:
    assert set(shipped_packs()) == {*PACK_IDS, BASELINE}


@pytest.mark.skipif(not (SHARED / "policies").is_dir(), reason="shared/policies not present")
@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_every_quote_is_in_the_policy(pack_id: str) -> None:
    pack = shipped_packs()[pack_id]
    text = _norm((SHARED / "policies" / pack.source).read_text(encoding="utf-8"))
    for clause in pack.clauses:
        assert _norm(clause.quote) in text, f"{pack_id} {clause.id}: quote not found in {pack.source}"


def test_baseline_is_the_union() -> None:
    packs = shipped_packs()
    union = sum(len(packs[p].clauses) for p in PACK_IDS)
    assert len(packs[BASELINE].clauses) == union


def test_clause_categories_are_the_vocabulary() -> None:
    for pack in shipped_packs().values():
        for c in pack.clauses:
            assert set(c.categories) <= set(CATEGORIES)
            assert c.lintable or c.reason


def test_every_rule_category_is_enforced_by_some_clause() -> None:
    enforced = {cat for p in shipped_packs().values() for c in p.clauses if c.lintable for cat in c.categories}
    for r in shipped_rules():
        assert r.category in enforced, f"{r.code}: no clause forbids {r.category}"


def test_malformed_pack_names_file_key_and_expectation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: X\nsource: x.txt\nclauses:\n  - id: A\n    title: t\n    quote: q\n    categories: [gossip]\n")
    with pytest.raises(ConfigError) as e:
        _read_pack(bad)
    msg = str(e.value)
    assert str(bad) in msg and "clauses.0.categories.0" in msg and "expected" in msg
    assert "\n" not in msg


def test_not_lintable_clause_needs_a_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: X\nsource: x.txt\nclauses:\n  - id: A\n    title: t\n    quote: q\n    lintable: false\n")
    with pytest.raises(ConfigError, match="says why"):
        _read_pack(bad)


GUILT = "The arsonist was arrested at his home on Friday."


def test_a_single_pack_cites_only_its_own_clauses() -> None:
    r = postlint.lint(GUILT, policy="jackson-pd-5.0")
    assert [(c.policy, c.clause) for f in r.findings for c in f.clauses] == [("jackson-pd-5.0", "5.04.A.4.c")]


def test_baseline_cites_every_policy_that_forbids_it() -> None:
    r = postlint.lint(GUILT)
    cited = {(c.policy, c.clause) for c in r.findings[0].clauses}
    assert cited == {("colchester-pd-go9", "II.a.iii.1.c"), ("jackson-pd-5.0", "5.04.A.4.c"), ("municipal-pd", "IV.B.3")}


def test_a_pack_file_by_path(tmp_path: Path) -> None:
    pack = tmp_path / "ours.yaml"
    pack.write_text(
        "id: ours\ntitle: Our policy\nsource: ours.txt\nclauses:\n"
        "  - id: '7'\n    title: No guilt\n    quote: Do not say anyone is guilty.\n    severity: warning\n"
        "    categories: [guilt-statement]\n"
    )
    r = postlint.Linter(str(pack)).lint(GUILT)
    assert [(f.rule, f.severity.value, f.clauses[0].clause) for f in r.findings] == [("PL103", "warning", "7")]


def test_unknown_policy_is_a_one_line_error() -> None:
    with pytest.raises(ConfigError, match="unknown policy 'nope'"):
        postlint.Linter("nope")


def test_every_rule_pattern_compiles() -> None:
    linter = postlint.Linter()
    for det in linter.detectors:
        for patterns in det.compiled.values():
            for cp in patterns:
                assert cp.rx.pattern == cp.body


def test_parsed_data_cache_round_trips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint import data

    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(data, "_SHIPPED", None)
    fresh = data.shipped_yaml()
    assert list(tmp_path.glob("postlint/rules-*.marshal")), "the parsed data was cached"
    monkeypatch.setattr(data, "_SHIPPED", None)
    monkeypatch.setattr(data, "read_yaml", lambda p: (_ for _ in ()).throw(AssertionError("cache not used")))
    assert data.shipped_yaml() == fresh
    monkeypatch.setattr(data, "_SHIPPED", None)


def test_stale_cache_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint import data

    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path))
    folder = tmp_path / "postlint"
    folder.mkdir()
    for i in range(6):  # entries left by earlier versions of the rules
        old = folder / f"rules-old{i}.marshal"
        old.write_bytes(b"")
        os.utime(old, ns=(i * 10**9, i * 10**9))
    monkeypatch.setattr(data, "_SHIPPED", None)
    data.shipped_yaml()
    left = sorted(f.name for f in folder.glob("rules-*.marshal"))
    assert len(left) == data._CACHE_KEEP
    assert "rules-old5.marshal" in left and "rules-old0.marshal" not in left
    monkeypatch.setattr(data, "_SHIPPED", None)


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint import data

    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("POSTLINT_NO_CACHE", "1")
    monkeypatch.setattr(data, "_SHIPPED", None)
    data.shipped_yaml()
    assert not list(tmp_path.rglob("*.marshal"))
    monkeypatch.setattr(data, "_SHIPPED", None)
