"""Plain-words documentation generated from the rule and pack data: `postlint explain`,
`postlint policies`, and the pages under docs/ (see `render_rule_page` and `render_pack_page`)."""

from __future__ import annotations

import textwrap

from .errors import ConfigError
from .models import Clause, PolicyPack, RuleDef
from .policy import BASELINE, shipped_packs, shipped_rules


def find_rule(selector: str) -> RuleDef:
    s = selector.strip().lower()
    for r in shipped_rules():
        if s in (r.code.lower(), r.slug):
            return r
    raise ConfigError(f"unknown rule {selector!r}: give a code (PL101) or a slug (see `postlint rules`)")


def scope_words(clause: Clause) -> str:
    """When a clause applies, in words."""
    a = clause.applies
    parts = []
    if "official" in a.accounts:
        parts.append("official accounts")
    if "personal" in a.accounts:
        if a.personal_requires_any:
            conds = {
                "in_uniform": "in uniform or showing the agency logo",
                "identifies_employee": "identifying the writer as an employee or speaking for the department",
                "speaks_for_department": "speaking for the department",
            }
            parts.append("personal accounts when the post is " + " or ".join(conds[c] for c in a.personal_requires_any))
        else:
            parts.append("personal accounts")
    text = " and ".join(parts)
    if a.exempt_roles:
        text += f" (not for: {', '.join(a.exempt_roles)})"
    return text


def clauses_for(rule: RuleDef) -> list[tuple[str, Clause]]:
    out = []
    for pid, pack in shipped_packs().items():
        if pid == BASELINE:
            continue
        for c in pack.clauses:
            if c.lintable and rule.category in c.categories and (
                not c.rules or rule.code in c.rules or rule.slug in c.rules
            ):
                out.append((pid, c))
    return out


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent)


def explain_rule(selector: str) -> str:
    r = find_rule(selector)
    lines = [
        f"{r.code} {r.slug}",
        f"category: {r.category}    default severity: {r.severity.value}    accounts: {', '.join(r.accounts)}",
        "",
        "What it does",
        _wrap(r.summary, "  "),
        "",
        "Why is this bad?",
        _wrap(r.why, "  "),
        "",
        "Example",
        _wrap(r.example.bad, "  "),
        "",
        "Use instead",
        _wrap(r.example.good, "  "),
        "",
        _wrap(r.use_instead, "  "),
    ]
    if r.cancelled_by:
        lines += ["", "Not reported when the statement is", _wrap(", ".join(r.cancelled_by), "  ")]
    lines += ["", "Policy clauses it enforces, and when each applies"]
    cl = clauses_for(r)
    if not cl:
        lines.append("  (none of the shipped policies)")
    for pid, c in cl:
        lines.append(f"  {pid} {c.id}: {c.title} [{c.severity.value}]")
        lines.append(_wrap(f'"{c.quote}"', "      "))
        lines.append(_wrap(f"applies to: {scope_words(c)}", "      "))
    lines += ["", "How context changes the verdict", _wrap(context_summary(r, cl), "  ")]
    if r.references:
        lines += ["", "References"]
        for ref in r.references:
            lines.append(f"  {ref.source}")
            lines.append(_wrap(f'"{ref.quote}"', "      "))
    if r.fix:
        safety = "safe: applied by --fix" if r.fix.safe else "unsafe: applied only with --fix --unsafe-fixes"
        lines += ["", "Fix", f"  {r.fix.description or r.fix.kind} ({safety})"]
    return "\n".join(lines)


def context_summary(rule: RuleDef, clauses: list[tuple[str, Clause]]) -> str:
    official = sorted({pid for pid, c in clauses if "official" in c.applies.accounts})
    personal_any = sorted({pid for pid, c in clauses if "personal" in c.applies.accounts and not c.applies.personal_requires_any})
    personal_cond = sorted({pid for pid, c in clauses if "personal" in c.applies.accounts and c.applies.personal_requires_any})
    exempt = sorted({role for _, c in clauses for role in c.applies.exempt_roles})
    parts = []
    if "official" in rule.accounts:
        parts.append(f"Official account: reported under {', '.join(official) or 'no shipped policy'}.")
    if "personal" in rule.accounts:
        if personal_any:
            parts.append(f"Personal account: always reported under {', '.join(personal_any)}.")
        if personal_cond:
            parts.append(
                "Personal account in uniform, showing the logo or identifying the writer as an employee: "
                f"also reported under {', '.join(personal_cond)}."
            )
        if not personal_any and not personal_cond:
            parts.append("Personal account: not reported by any shipped policy.")
    else:
        parts.append("Personal account: this rule does not run.")
    if exempt:
        parts.append(f"Author role {', '.join(exempt)} is exempt where a clause says so.")
    return " ".join(parts)


def list_packs() -> str:
    lines = []
    for pid, p in shipped_packs().items():
        lintable = sum(c.lintable for c in p.clauses)
        lines.append(f"{pid:<28} {lintable:>3} lintable / {len(p.clauses):>3} clauses  {p.title}")
    lines.append("\n`postlint policies --coverage ID` lists a pack's clauses and the rules that enforce each.")
    return "\n".join(lines)


def coverage(pack_id: str) -> str:
    packs = shipped_packs()
    if pack_id not in packs:
        raise ConfigError(f"unknown policy {pack_id!r}: expected one of {', '.join(sorted(packs))}")
    pack = packs[pack_id]
    return "\n".join(coverage_lines(pack))


def rules_enforcing(clause: Clause) -> list[RuleDef]:
    return [
        r
        for r in shipped_rules()
        if r.category in clause.categories and (not clause.rules or r.code in clause.rules or r.slug in clause.rules)
    ]


def coverage_lines(pack: PolicyPack) -> list[str]:
    lines = [f"{pack.id}: {pack.title}", ""]
    for c in pack.clauses:
        if c.lintable:
            rules = rules_enforcing(c)
            enforced = ", ".join(f"{r.code} {r.slug}" for r in rules) or "no rule yet for " + ", ".join(c.categories)
            lines.append(f"{c.id}  {c.title}  [{c.severity.value}; {scope_words(c)}]")
            lines.append(f"    categories: {', '.join(c.categories)}")
            lines.append(f"    enforced by: {enforced}")
        else:
            lines.append(f"{c.id}  {c.title}  [not lintable]")
            lines.append(_wrap(f"why: {c.reason}", "    "))
    return lines
