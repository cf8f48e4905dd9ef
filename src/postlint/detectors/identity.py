"""Officer identity and safety: undercover identities, the protected-identity roster, officers'
homes and families, live tactics and staffing.

Beyond the shared mechanism, this family asks who a detail is about:
- `identifies_person` (undercover work): the term counts only when its sentence identifies someone:
  a person's name (with its title), a relative ("my husband") or the writer ("I've been working
  undercover"). "Undercover officers arrested 12 people" identifies nobody, and a handle may be an
  agency's (rostered handles are caught by the roster). The finding covers the identifier and the term.
- `officer_subject` (homes, vehicles, families): the detail counts only when it belongs to an officer:
  its sentence, or the one before, is about an officer (an officer word or a ranked name), or an
  employee is writing on their own account; and a named owner carries a rank, or a pronoun's nearest
  preceding name does.
- `roster: protected-identities`: any mention of a rostered name, alias or handle is an error, and
  the finding never repeats the roster entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import regex

from .engine import Detector, DocView, Hit

# The writer doing the work: "I've been working undercover", "I worked covert narcotics".
_SELF = regex.compile(
    r"\bI(?:'m|'ve|\s+am|\s+have|\s+was|\s+work|\s+worked|\s+do|\s+did|'ve\s+been|\s+have\s+been)"
    r"(?:\s+(?:been|working|worked|done|doing|spent|\w+ing))*\s+(?:\w+\s+){0,2}$"
)


_NEAR = 50  # characters between an identifier and the undercover term it is tied to


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


class IdentityDetector(Detector):
    family = "identity"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kin = regex.compile(rf"\b(?:my|our)\s+{self.lexicons.alternation('kin')}\b", regex.I)
        self._officer = regex.compile(rf"(?<![\w-]){self.lexicons.alternation('officer_word')}(?![\w-])", regex.I)
        self._roster_rules = [r for r in self.rules if r.options.get("roster") == "protected-identities"]

    def accept(self, hit: Hit, view: DocView, match: regex.Match[str]) -> Hit | None:
        opts = hit.rule.options
        if opts.get("identifies_person"):
            return self._identified(hit, view)
        if opts.get("officer_subject"):
            if not self._about_officer(hit, view) or not self._relative_of_officer(view, match):
                return None
        return hit

    def _relative_of_officer(self, view: DocView, match: regex.Match[str]) -> bool:
        """The person whose home, car or family it is must be an officer: a named owner who carries a
        rank here or elsewhere in the post, or a pronoun whose nearest preceding name does."""
        groups = match.groupdict()
        if groups.get("relative"):
            rs = match.start("relative")
            if any(n.how == "rank" and min(n.start, n.title_start % (n.end + 1)) <= rs < n.end for n in view.names):
                return False  # a colleague featured by rank
        if groups.get("owner"):
            owner_last = groups["owner"].split()[-1]
            return any(n.how == "rank" and view.text[n.start : n.end].split()[-1] == owner_last for n in view.names)
        if groups.get("pron"):
            before = [n for n in view.names if n.end <= match.start("pron")]
            return bool(before) and before[-1].how == "rank"
        return True

    def _identified(self, hit: Hit, view: DocView) -> Hit | None:
        s, e = view.sentence(hit.start, hit.end)
        if s > 0:  # "My brother works narcotics. Undercover life!": the person may be named just before
            s = view.sentence(max(0, s - 2), max(1, s - 1))[0]
        sentence = view.text[s:e]
        spans: list[tuple[int, int]] = []
        for n in view.names:  # officers named with their rank; others in the sentence may be suspects
            if s <= n.start < e and n.how == "rank":
                spans.append((n.title_start if n.title_start >= 0 else n.start, n.end))
        spans += [(s + m.start(), s + m.end()) for m in self._kin.finditer(sentence)]
        me = _SELF.search(view.text, max(s, hit.start - 40), hit.start)
        if me:
            spans.append((me.start(), me.start() + 1))
        # The identifier nearest to the term is the one the term is about, if it is near at all.
        spans = [sp for sp in spans if _gap(sp, (hit.start, hit.end)) <= _NEAR]
        if not spans:
            return None
        who = min(spans, key=lambda sp: _gap(sp, (hit.start, hit.end)))
        start, end = min(who[0], hit.start), max(who[1], hit.end)
        detail = {**hit.detail, "who": view.text[who[0] : who[1]], "term": view.text[hit.start : hit.end]}
        return replace(hit, start=start, end=end, detail=detail)

    def _about_officer(self, hit: Hit, view: DocView) -> bool:
        ctx = view.context
        if ctx.account == "personal" and (ctx.in_uniform or ctx.identifies_employee or view.has("self_identification")):
            return True  # an employee writing about "my partner" or a colleague
        s, e = view.sentence(hit.start, hit.end)
        if s > 0:
            s = view.sentence(max(0, s - 2), max(1, s - 1))[0]  # and the sentence before
        if self._officer.search(view.text, s, e):
            return True
        return any(n.how == "rank" and s <= n.start < e for n in view.names)

    def extra(self, view: DocView) -> Iterator[Hit]:
        if not self._roster_rules or view.context.account not in self._roster_rules[0].accounts:
            return
        rule = self._roster_rules[0]
        for m in view.mentions("protected-identities"):
            yield Hit(rule, m.start, m.end, "protected identity", None, "affirmed", {"label": m.label}, rule.fix)
