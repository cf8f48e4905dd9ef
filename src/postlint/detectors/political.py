"""Political activity: endorsements, campaigning, partisan statements, ballot measures.

Beyond the shared mechanism, this family asks who a vote, an endorsement or a campaign is for. A
target is political when it carries a political title ("Senator Avila"), is on the agency's election
roster (config `[election]`), is a shipped officeholder (rules/data/officeholders.yaml), or the post
is about an election and the target is a person's name. So "vote for Officer Jane Doe in the Officer
of the Year awards" and "vote for Rex in our K9 calendar contest" pass. The roster's election dates
make a post electoral, and its measures (`roster_measures`) are caught by name wherever a side is
taken on them ("help us pass the Safe Streets Levy"). For rules with
`civic_report_exempt`, a sentence that reports the election as a public-safety matter (stolen yard
signs, a motorcade's road closures) is civic information and is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Any

import regex

from ..data import read_shipped, rules_dir
from .engine import Detector, DocView, Hit

# Taking a side on a measure: "vote yes on", "support", "oppose", "defeat", "pass", "reject".
_SIDE = regex.compile(
    r"\b(?:vote\s+(?:yes|no|for|against)(?:\s+on)?|say\s+(?:yes|no)\s+to|support|oppose|defeat|pass|reject|"
    r"approve|back|help\s+us\s+pass|yes\s+on|no\s+on)\b",
    regex.I,
)


_VOTE = regex.compile(r"(?:vote|voting|voted|cast|re-?elect|reelect|elect)\b", regex.I)


def _alternation(items: tuple[str, ...]) -> regex.Pattern[str] | None:
    words = [" ".join(i.split()) for i in items if i.strip()]
    if not words:
        return None
    alt = "|".join(r"\s+".join(regex.escape(w) for w in i.split()) for i in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", regex.I)


class PoliticalDetector(Detector):
    family = "political"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        titles = self.lexicons.get("political_title")
        self._title = regex.compile(rf"^(?:{'|'.join(regex.escape(t) for t in sorted(titles, key=len, reverse=True))})\.?\s", regex.I)
        election = self.config.election
        self.roster_names = frozenset(" ".join(c.lower().split()) for c in election.candidates)
        self.roster_surnames = frozenset(c.split()[-1].lower() for c in election.candidates if c.split())
        self._dates = _alternation(election.dates)
        self._measures = _alternation(election.measures)
        self._measure_rules = [r for r in self.rules if r.options.get("roster_measures")]

    @cached_property
    def officeholders(self) -> tuple[frozenset[str], frozenset[str]]:
        """Full names and surnames of shipped officeholders (loaded on first use)."""
        path = rules_dir() / "data" / "officeholders.yaml"
        data = read_shipped(path) if path.is_file() else {}
        people = [n for p in (data or {}).get("people", []) for n in (p.get("name", ""), *p.get("aliases", []))]
        full = frozenset(" ".join(n.lower().split()) for n in people if n)
        surnames = frozenset(n.split()[-1].lower() for n in people if n.split())
        return full, surnames

    def accept(self, hit: Hit, view: DocView, match: regex.Match[str]) -> Hit | None:
        opts = hit.rule.options
        if opts.get("civic_report_exempt"):
            s, e = view.sentence(hit.start, hit.end)
            if view.lexicons.present("civic_report", view.text[s:e]):
                return None
        if not opts.get("political_target"):
            return hit
        target = hit.detail.get("target", "")
        if not target or self._is_political(target, view, match):
            return hit if target else None
        return None

    def electoral(self, view: DocView) -> bool:
        """The post is about an election: election words, campaign items, or a rostered election date."""
        return (
            view.has("election_context")
            or view.has("campaign_item")
            or bool(self._dates and self._dates.search(view.text))
        )

    def extra(self, view: DocView) -> Iterator[Hit]:
        """A measure on the agency's election roster, with a side taken in its sentence."""
        if not self._measures or not self._measure_rules:
            return
        rule = self._measure_rules[0]
        if view.context.account not in rule.accounts:
            return
        for m in self._measures.finditer(view.text):
            s, e = view.sentence(m.start(), m.end())
            side = _SIDE.search(view.text, s, e)
            if side is None or rule.cancelled_by and view.status(side.start(), m.end()).intersection(rule.cancelled_by):
                continue
            start, end = min(side.start(), m.start()), max(side.end(), m.end())
            yield Hit(rule, start, end, "a position on a ballot measure", None, "affirmed", {}, rule.fix)

    def _is_political(self, target: str, view: DocView, match: regex.Match[str]) -> bool:
        if self._title.match(target + " ") or match.groupdict().get("strong"):
            return True
        name = " ".join(self._title.sub("", target + " ").split()).lower()
        full, surnames = self.officeholders
        if name in self.roster_names or name in full:
            return True
        last = name.split()[-1] if name else ""
        electoral = self.electoral(view)
        if last in self.roster_surnames or (last in surnames and electoral):
            return True
        if not electoral:
            return False
        # A person's name in a post about an election or a campaign (not a pet's, a place's or a
        # contest entry's): the target is one of the names found, or two capitalized words, or a tag.
        ts, te = match.span("target")
        if any(n.start < te and ts < n.end for n in view.names):
            return True
        if len(name.split()) >= 2 or match.group("span").startswith("#"):
            return True
        # A lone surname after a vote ("vote for Garza") when the post is about an election.
        if not _VOTE.match(match.group("span")):
            return False
        return view.has("election_context") or bool(self._dates and self._dates.search(view.text))
