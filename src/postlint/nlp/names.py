"""Finding people's names without a trained model.

A name is a title or rank before capitalized words ("Sgt. Dana Ruiz", "Mr Hale"), a shipped first
name before a capitalized surname ("Karen Whitfield"), or capitalized words followed by an age or
a date of birth ("Tom Reyes, 34," / "Zara Quinn (27/12/1985)"). When the pipeline sets entities
(a trained model or an entity ruler), its PERSON entities are added. Each name says how it was
found, so a detector can tell an officer ("rank") from a member of the public.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from spacy.tokens import Doc

_CAP = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_INITIAL = r"[A-Z]\.?"
_AGE_OR_DOB = (
    r"(?:,\s*(?:aged?\s*)?\d{1,2}\s*,|\s*\(\s*(?:\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*\)"
    r"|,\s*aged?\s+\d{1,2}\b|,\s*\d{1,2}\s+(?:of|from)\b)"
)


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    how: str  # "civil", "rank", "office" (after such a title), "first-name", "age", "entity"


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(regex.escape(t) for t in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=8)
def _compiled(
    civil: tuple[str, ...], rank: tuple[str, ...], office: tuple[str, ...], first: tuple[str, ...]
) -> regex.Pattern[str]:
    name_after_title = rf"{_CAP}(?:\s+{_INITIAL})?(?:\s+{_CAP})?"
    return regex.compile(
        rf"(?<![\w])(?:"
        rf"(?:{_alt(civil)})\.?\s+(?P<civil>{name_after_title})"
        rf"|(?:{_alt(rank)})\.?\s+(?P<rank>{name_after_title})"
        rf"|(?:{_alt(office)})\.?\s+(?P<office>{name_after_title})"
        rf"|(?P<first_name>(?:{_alt(first)})(?:\s+{_INITIAL})?\s+{_CAP}(?:\s+{_CAP})?)"
        rf"|(?P<age>{_CAP}(?:\s+{_CAP}){{1,2}})(?={_AGE_OR_DOB})"
        rf")(?![\w])"
    )


def person_names(
    doc: Doc,
    civil: tuple[str, ...],
    rank: tuple[str, ...],
    office: tuple[str, ...],
    first: tuple[str, ...],
) -> list[Name]:
    """People's names in `doc`, in order, without overlaps (the first way found wins)."""
    found: list[Name] = []
    for m in _compiled(civil, rank, office, first).finditer(doc.text):
        how = next(k for k, v in m.groupdict().items() if v is not None)
        s, e = m.span(how)
        found.append(Name(s, e, how.replace("_", "-")))
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "PER"):
            found.append(Name(ent.start_char, ent.end_char, "entity"))
    found.sort(key=lambda n: (n.start, -n.end))
    out: list[Name] = []
    for n in found:
        if not out or n.start >= out[-1].end:
            out.append(n)
    return out
