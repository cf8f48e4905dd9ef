"""`--format sarif`: SARIF 2.1.0, for code-scanning dashboards and archive audits."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..models import Report
from ..policy import shipped_rules

_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}


def render(reports: Iterable[Report], out: TextIO, *, show_source: bool = False) -> None:
    from .. import __version__

    results = []
    for r in reports:
        for f in r.findings:
            result = {
                "ruleId": f.rule,
                "level": _LEVEL[f.severity.value],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": r.path or (f"record-{r.id}" if r.id else "stdin")},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": f.end_column,
                                "charOffset": f.start,
                                "charLength": f.end - f.start,
                            },
                        }
                    }
                ],
                "properties": {
                    "category": f.category,
                    "clauses": [c.model_dump() for c in f.clauses],
                },
            }
            if f.approved:
                result["suppressions"] = [
                    {"kind": "external", "justification": f"approved by {f.approved.by} {f.approved.ref}".strip()}
                ]
            results.append(result)
    rules = [
        {
            "id": r.code,
            "name": r.slug,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": " ".join(r.why.split())},
            "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
            "properties": {"category": r.category},
        }
        for r in shipped_rules()
    ]
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "postlint", "version": __version__, "rules": rules}}, "results": results}],
    }
    json.dump(doc, out, indent=2, ensure_ascii=False)
    out.write("\n")
