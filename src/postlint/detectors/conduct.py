"""Conduct: obscenity, bias, threats and intimidation, insults, reckless conduct, private business,
speaking for the department, copyright, religious expression.

Nearly all of it is word lists and phrases (rules/lexicons/conduct.yaml) run by the shared mechanism,
which already reads them on the folded text (so "f u c k" and "sh1t" are caught and "Penistone" is
not). Two questions remain for this detector:
- `employee_actor` (reckless conduct): the behaviour must be the writer's or a colleague's: the
  sentence speaks in the first person or of cruisers, shifts or service weapons (`employee_marker`), and is not
  about enforcing the law on someone else ("our officer clocked a driver at 120 mph").
- `requires_scope` (the personal-views disclaimer): the post must be in an employee's scope (in
  uniform, identifying the writer as an employee, or speaking for the department).
- `not_before_name`: a phrase ending in a name of God followed by a capitalized word is a person's
  name ("the jury took an hour to find Jesus Trevino guilty").
"""

from __future__ import annotations

import regex

from .engine import Detector, DocView, Hit

_NAME_AFTER = regex.compile(r"\s+[A-Z][a-z]")


class ConductDetector(Detector):
    family = "conduct"

    def accept(self, hit: Hit, view: DocView, match: regex.Match[str]) -> Hit | None:
        opts = hit.rule.options
        if opts.get("employee_actor") and not self._by_employee(hit, view):
            return None
        if opts.get("not_before_name") and _NAME_AFTER.match(view.text, hit.end):
            return None  # "find Jesus Trevino guilty": a person's name, not a creed
        scope = opts.get("requires_scope")
        if scope and scope not in view.scope_flags() and not (
            scope == "identifies_employee" and view.scope_flags() & {"in_uniform", "speaks_for_department"}
        ):
            return None
        return hit

    def _by_employee(self, hit: Hit, view: DocView) -> bool:
        s, e = view.sentence(hit.start, hit.end)
        sentence = view.text[s:e]
        if self.lexicons.present("enforcement_verb", sentence) or self.lexicons.present("arrest_context", sentence):
            return False
        return self.lexicons.present("employee_marker", sentence)
