"""Writes docs/rules/*.md and docs/policies/*.md from the rule and pack data, so the pages and
`postlint explain` never disagree. Run `python -m postlint.docgen [DOCS_DIR]` (or `make docs`);
a test fails when a page is out of date."""

from __future__ import annotations

import sys
from pathlib import Path

from .explain import clauses_for, context_summary, coverage_lines, scope_words
from .models import RuleDef
from .policy import BASELINE, shipped_packs, shipped_rules


def rule_page(r: RuleDef) -> str:
    lines = [
        f"# {r.code} `{r.slug}`",
        "",
        f"Category: `{r.category}` · default severity: `{r.severity.value}` · accounts: {', '.join(r.accounts)}",
        "",
        "## What it does",
        "",
        " ".join(r.summary.split()),
        "",
        "## Why is this bad?",
        "",
        " ".join(r.why.split()),
        "",
        "## Example",
        "",
        f"> {r.example.bad}",
        "",
        "## Use instead",
        "",
        f"> {r.example.good}",
        "",
        " ".join(r.use_instead.split()),
        "",
    ]
    if r.cancelled_by:
        lines += ["## Not reported when the statement is", "", ", ".join(r.cancelled_by), ""]
    lines += ["## Policy clauses", ""]
    cl = clauses_for(r)
    for pid, c in cl:
        lines.append(f"- **{pid} {c.id}**, {c.title} (`{c.severity.value}`; {scope_words(c)}): \"{' '.join(c.quote.split())}\"")
    if not cl:
        lines.append("- none of the shipped policies")
    lines += ["", "## How context changes the verdict", "", context_summary(r, cl), ""]
    if r.references:
        lines += ["## References", ""]
        lines += [f"- {ref.source}: \"{ref.quote}\"" for ref in r.references]
        lines.append("")
    if r.fix:
        safety = "safe, applied by `--fix`" if r.fix.safe else "unsafe, applied only with `--fix --unsafe-fixes`"
        lines += ["## Fix", "", f"{r.fix.description or r.fix.kind} ({safety})", ""]
    lines += ["## Examples that must fire", ""]
    lines += [f"- {ex}" for ex in r.examples.fire]
    lines += ["", "## Examples that must pass", ""]
    lines += [f"- {ex}" for ex in r.examples.pass_]
    lines.append("")
    return "\n".join(lines)


def pack_page(pack_id: str) -> str:
    pack = shipped_packs()[pack_id]
    body = coverage_lines(pack)
    head = [f"# Policy pack `{pack.id}`", "", f"{pack.title}. Agency: {pack.agency or '-'}. Date: {pack.date or '-'}.", ""]
    if pack.source:
        head += [f"Source document: `shared/policies/{pack.source}`.", ""]
    head += ["Each clause with the categories it forbids, when it applies, and the rules that enforce it:", "", "```"]
    return "\n".join(head + body[2:] + ["```", ""])


def pages() -> dict[str, str]:
    out = {f"rules/{r.code}-{r.slug}.md": rule_page(r) for r in shipped_rules()}
    for pid in shipped_packs():
        if pid != BASELINE:
            out[f"policies/{pid}.md"] = pack_page(pid)
    index = ["# Rules", "", "| code | slug | category | severity | summary |", "|---|---|---|---|---|"]
    for r in shipped_rules():
        index.append(f"| [{r.code}]({r.code}-{r.slug}.md) | `{r.slug}` | `{r.category}` | {r.severity.value} | {r.summary} |")
    out["rules/README.md"] = "\n".join(index) + "\n"
    return out


def write(docs: Path) -> list[Path]:
    written = []
    for rel, text in pages().items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    for stale in list((docs / "rules").glob("PL*.md")):
        if f"rules/{stale.name}" not in pages():
            stale.unlink()
            written.append(stale)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
    for p in write(target):
        print(f"wrote {p}")
