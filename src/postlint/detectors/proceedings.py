"""Criminal proceedings: guilt or innocence statements, pending prosecutions, the presumption of
innocence.

Beyond the shared mechanism, this family asks who a statement is about:
- `about: arrestee` - a guilt label counts only when it refers to someone arrested or charged: the
  post says someone was (the rule's `requires_any`), and the label's own sentence is not an appeal
  for a perpetrator who is still being sought.
- `requires_person: true` - the post names a member of the public (not an officer or official).
"""

from __future__ import annotations

import regex

from .engine import Detector, DocView, Hit


class ProceedingsDetector(Detector):
    family = "proceedings"

    def accept(self, hit: Hit, view: DocView, match: regex.Match[str]) -> Hit | None:
        opts = hit.rule.options
        if opts.get("about") == "arrestee" and not self._about_arrestee(hit, view):
            return None
        if opts.get("requires_person") and not any(n.how not in ("rank", "office") for n in view.names):
            return None
        return hit

    def _about_arrestee(self, hit: Hit, view: DocView) -> bool:
        s, e = view.sentence(hit.start, hit.end)
        return not self.lexicons.present("still_sought", view.text[s:e])
