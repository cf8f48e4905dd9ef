"""Rules and policy packs: loading, validating, and deciding which clauses a hit breaks.

A policy pack lists an agency policy's clauses. A lintable clause names the categories of content it
forbids and when it applies (account kind, uniform, author role); the rules of those categories
enforce it. `baseline` is the union of every shipped pack, so a baseline finding cites the clause of
every policy that forbids it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .data import read_shipped, rules_dir, validate
from .errors import ConfigError
from .models import Clause, ClauseRef, PolicyPack, PostContext, RuleDef, Severity

BASELINE = "baseline"
_NOT_RULE_DIRS = {"policies", "lexicons", "data"}


def load_rules(folder: Path | None = None) -> list[RuleDef]:
    """Every rule under rules/<family>/*.yaml, validated, sorted by code."""
    folder = folder or rules_dir()
    rules: list[RuleDef] = []
    codes: dict[str, Path] = {}
    slugs: dict[str, Path] = {}
    for path in sorted(folder.glob("*/*.yaml")):
        if path.parent.name in _NOT_RULE_DIRS:
            continue
        rule = validate(RuleDef, read_shipped(path), str(path))
        for key, seen in ((rule.code, codes), (rule.slug, slugs)):
            if key in seen:
                raise ConfigError(f"{path}: {key}: already used by {seen[key]}")
            seen[key] = path
        rules.append(rule)
    return sorted(rules, key=lambda r: r.code)


@lru_cache(maxsize=1)
def shipped_rules() -> tuple[RuleDef, ...]:
    return tuple(load_rules())


def _read_pack(path: Path) -> PolicyPack:
    pack = validate(PolicyPack, read_shipped(path), str(path))
    ids = [c.id for c in pack.clauses]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ConfigError(f"{path}: clauses: clause id {sorted(dup)[0]} is listed twice")
    return pack


@lru_cache(maxsize=1)
def shipped_packs() -> dict[str, PolicyPack]:
    packs: dict[str, PolicyPack] = {}
    for path in sorted((rules_dir() / "policies").glob("*.yaml")):
        pack = _read_pack(path)
        packs[pack.id] = pack
    packs[BASELINE] = PolicyPack(
        id=BASELINE,
        title="Baseline: every clause of every shipped policy",
        source="",
        clauses=tuple(c for p in packs.values() for c in p.clauses),
    )
    return packs


def load_policy(name: str) -> PolicyPack:
    """A shipped pack by id, or a pack file by path."""
    packs = shipped_packs()
    if name in packs:
        return packs[name]
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return _read_pack(path)
    raise ConfigError(f"unknown policy {name!r}: expected one of {', '.join(sorted(packs))} or a pack file")


@dataclass(frozen=True, slots=True)
class Citation:
    clause: Clause
    policy: str
    reason: str


class PolicyView:
    """A pack prepared for fast look-ups: category -> clauses, with the pack each came from."""

    def __init__(self, pack: PolicyPack) -> None:
        self.pack = pack
        owner: dict[int, str] = {}
        if pack.id == BASELINE:
            for pid, p in shipped_packs().items():
                if pid != BASELINE:
                    owner.update({id(c): pid for c in p.clauses})
        self.by_category: dict[str, list[tuple[Clause, str]]] = {}
        for c in pack.clauses:
            if not c.lintable:
                continue
            for cat in c.categories:
                self.by_category.setdefault(cat, []).append((c, owner.get(id(c), pack.id)))

    def citations(self, rule: RuleDef, ctx: PostContext, flags: frozenset[str] = frozenset()) -> list[Citation]:
        """The clauses `rule` breaks in a post with this context; `flags` are the scope conditions
        the post meets (see `in_scope`)."""
        out = []
        for clause, policy in self.by_category.get(rule.category, ()):
            if clause.rules and rule.code not in clause.rules and rule.slug not in clause.rules:
                continue
            reason = in_scope(clause, ctx, flags)
            if reason:
                out.append(Citation(clause, policy, reason))
        return out


_CONDITION_WORDS = {
    "in_uniform": "in uniform or showing the agency logo",
    "identifies_employee": "identifies the writer as an employee",
    "speaks_for_department": "speaks for the department",
}


def in_scope(clause: Clause, ctx: PostContext, flags: frozenset[str] = frozenset()) -> str:
    """Why `clause` applies to a post in `ctx`, or "" when it does not.

    `flags` are the conditions the post meets: `in_uniform`, `identifies_employee`,
    `speaks_for_department` (from the context or from the post's own words). Speaking for the
    department also satisfies a clause that asks for the writer to be identified as an employee."""
    a = clause.applies
    if ctx.account not in a.accounts:
        return ""
    if ctx.author_role and ctx.author_role in a.exempt_roles:
        return ""
    if ctx.account == "official":
        return "official account"
    if not a.personal_requires_any:
        return "personal account"
    wanted = set(a.personal_requires_any)
    if "identifies_employee" in wanted:
        wanted.add("speaks_for_department")
    met = [_CONDITION_WORDS[f] for f in ("in_uniform", "identifies_employee", "speaks_for_department") if f in flags and f in wanted]
    return ("personal account, " + " and ".join(met)) if met else ""


def severity_for(rule_severity: Severity, citations: list[Citation]) -> Severity:
    """A rule's sureness, capped by the firmest clause it breaks ("shall not" vs. "is urged")."""
    cap = max((c.clause.severity for c in citations), key=lambda s: s.rank)
    return rule_severity if rule_severity.rank <= cap.rank else cap


def clause_refs(citations: list[Citation]) -> tuple[ClauseRef, ...]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in citations:
        key = (c.policy, c.clause.id)
        if key not in seen:
            seen.add(key)
            out.append(ClauseRef(policy=c.policy, clause=c.clause.id, title=c.clause.title, quote=c.clause.quote))
    return tuple(out)
