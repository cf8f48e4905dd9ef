"""Finding people's names without a trained model.

A name is a title or rank before capitalized words ("Sgt. Dana Ruiz", "Mr Hale"), a shipped first
name before a capitalized surname ("Karen Whitfield"), or capitalized words followed by an age or
a date of birth ("Tom Reyes, 34," / "Zara Quinn (27/12/1985)"). When the pipeline sets entities
(a trained model or an entity ruler), its PERSON entities are added. Each name says how it was
found, so a detector can tell an officer ("rank") from a member of the public.

One regex finds runs of capitalized words (with the word before them); the classification is a few
set look-ups, so the cost does not grow with the length of the name lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from spacy.tokens import Doc

# A run of capitalized words or abbreviations ("UPDATE Sgt. Dana Ruiz", "Tom Reyes").
_RUN = regex.compile(r"(?<![\w])[A-Z][A-Za-z0-9'-]*\.?(?:[ \t]+[A-Z][A-Za-z0-9'-]*\.?)*")
_CONTRACTIONS = frozenset(
    f"{w}'s" for w in ("that", "it", "here", "there", "what", "who", "he", "she", "let", "where", "how")
)
_WORDS = regex.compile(r"[A-Z][A-Za-z0-9'-]*\.?")
# A name-shaped word: "Ruiz", "McPhillips", "DeSantis", "O'Neill", "Lujan-Grisham", or an initial.
_NAMEISH = regex.compile(r"(?:[A-Z]')?[A-Z](?:[a-z]+|[a-z]*[A-Z][a-z]+)(?:-[A-Z]?[a-z]+)?|[A-Z]\.?")
_AGE_OR_DOB = regex.compile(
    r"(?:,\s*(?:aged?\s*)?\d{1,2}\s*,|\s*\(\s*(?:\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*\)"
    r"|,\s*aged?\s+\d{1,2}\b|,\s*\d{1,2}\s+(?:of|from)\b)"
)


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    how: str  # "civil", "rank", "office" (after such a title), "first-name", "age", "entity"
    title_start: int = -1  # where the title before the name starts ("Det. Mike Ruiz"), or -1


@lru_cache(maxsize=8)
def _titles(civil: tuple[str, ...], rank: tuple[str, ...], office: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for how, words in (("civil", civil), ("rank", rank), ("office", office)):
        for w in words:
            out[w.lower().rstrip(".")] = how
    return out


def person_names(
    doc: Doc,
    text: str,
    civil: tuple[str, ...],
    rank: tuple[str, ...],
    office: tuple[str, ...],
    first: tuple[str, ...],
) -> list[Name]:
    """People's names in `text` (the Doc's text), in order, without overlaps."""
    titles = _titles(civil, rank, office)
    firsts = _first_names(first)
    found: list[Name] = []
    for m in _RUN.finditer(text):
        words = []
        for w in _WORDS.finditer(m.group()):
            text_, end_ = w.group(), w.end()
            if text_.lower() in _CONTRACTIONS:  # "That's Officer Lina Patel": not a possessive
                continue
            if text_.endswith("'s"):  # "Ray Cole's truck": the name is "Ray Cole", and ends there
                words.append((w.start(), end_ - 2, text_[:-2]))
                break
            words.append((w.start(), end_, text_))
        base = m.start()
        i = 0
        while i < len(words):
            two = f"{words[i][2]} {words[i + 1][2]}".rstrip(".").lower() if i + 1 < len(words) else ""
            one = words[i][2].rstrip(".").lower()
            how, skip = (titles[two], 2) if two in titles else (titles.get(one), 1)
            while how and i + skip < len(words):  # stacked titles: "Deputy Assistant Commissioner"
                nxt = words[i + skip][2].rstrip(".").lower()
                if nxt not in titles:
                    break
                skip += 1
            if how:
                name = _name_words(words, i + skip, 3)
                if name:
                    found.append(
                        Name(base + words[i + skip][0], base + words[i + skip + name - 1][1], how, base + words[i][0])
                    )
                    i += skip + name
                    continue
            if words[i][2] in firsts:
                name = _name_words(words, i, 3)
                if name >= 2:
                    found.append(Name(base + words[i][0], base + words[i + name - 1][1], "first-name"))
                    i += name
                    continue
            i += 1
        # Capitalized words right before an age or a date of birth: "Tom Reyes, 34," "Zara Quinn (27/12/1985)"
        if _AGE_OR_DOB.match(text, m.end()):
            tail = [w for w in words[-3:] if _NAMEISH.fullmatch(w[2])]
            while tail and tail[0][2].rstrip(".").lower() in titles:
                tail = tail[1:]
            if len(tail) >= 2:
                found.append(Name(base + tail[0][0], base + tail[-1][1], "age"))
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "PER"):
            found.append(Name(ent.start_char, ent.end_char, "entity"))
    found.sort(key=lambda n: (n.start, -n.end))
    out: list[Name] = []
    for n in found:
        if not out or n.start >= out[-1].end:
            out.append(n)
    return out


def _name_words(words: list[tuple[int, int, str]], start: int, most: int) -> int:
    """How many words from `start` look like parts of a name (at most `most`)."""
    n = 0
    while start + n < len(words) and n < most and _NAMEISH.fullmatch(words[start + n][2]):
        n += 1
    return n


@lru_cache(maxsize=8)
def _first_names(first: tuple[str, ...]) -> frozenset[str]:
    return frozenset(first)
