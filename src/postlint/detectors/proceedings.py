"""Criminal proceedings: guilt or innocence statements, pending prosecutions, the presumption of
innocence.

Beyond the shared mechanism, this family asks who a statement is about:
- `about: arrestee` - a guilt label counts only when it refers to someone arrested or charged: the
  post says someone was (the rule's `requires_any`), and the label's own sentence is not an appeal
  for a perpetrator who is still being sought.
- an open-case roster: a post that mentions a rostered case gets the strictest reading of the guilt
  and pending-prosecution rules (no context needed, every hit an error, the case named).
- `requires_person: true` - the charge names its defendant: a member of the public (not an officer
  or official) is named in the sentence of the charge or the next one, and not as the victim
  ("charged with the murder of Gary Warner").
"""

from __future__ import annotations

from typing import Any

import regex

from ..models import RuleDef
from .engine import Detector, DocView, Hit


class ProceedingsDetector(Detector):
    family = "proceedings"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "... the murder of 31-year-old Gary Warner": a name right after these words is the victim's.
        self._victim = regex.compile(
            rf"\b{self.lexicons.alternation('victim_of')}(?:\s+of)?(?:\s+(?:a|an|the|\S+-year-old))*\s*$", regex.I
        )

    def strict(self, rule: RuleDef, view: DocView) -> dict[str, str] | None:
        """A post that mentions a case on the agency's open-case roster is read strictly."""
        if rule.category not in ("guilt-statement", "pending-prosecution"):
            return None
        cases = view.mentions("open-cases")
        return {"case": cases[0].label} if cases else None

    def accept(self, hit: Hit, view: DocView, match: regex.Match[str]) -> Hit | None:
        opts = hit.rule.options
        if opts.get("about") == "arrestee" and not self._about_arrestee(hit, view):
            return None
        if opts.get("requires_person") and not self._names_defendant(hit, view):
            return None
        return hit

    def _names_defendant(self, hit: Hit, view: DocView) -> bool:
        s, e = view.sentence(hit.start, hit.end)
        if e < len(view.text):
            e = view.sentence(e, e + 1)[1]  # and the next sentence
        for name in view.names:
            if name.how in ("rank", "office") or not (s <= name.start < e):
                continue
            before = view.text[max(s, name.start - 40) : name.start]
            if self._victim.search(before) is None:
                return True
        return False

    def _about_arrestee(self, hit: Hit, view: DocView) -> bool:
        s, e = view.sentence(hit.start, hit.end)
        return not self.lexicons.present("still_sought", view.text[s:e])
