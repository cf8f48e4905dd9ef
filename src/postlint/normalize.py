"""Text normalization for matching, with a map back to the original characters.

Drafts arrive with typographic quotes, full-width letters, zero-width characters, homoglyphs and
deliberate evasions ("v0te", "a$$", "v o t e"). Rules are written against plain text, so every draft
is folded to a matching form first. Every character of the matching form remembers which original
character it came from, so a finding always points at what the author actually typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Characters dropped outright: zero-width and bidi controls, soft hyphen, BOM.
_DROP = {
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u2061", "\u2062", "\u2063",
    "\u2064", "\ufeff", "\u00ad", "\u034f", "\u180e", "\u202a", "\u202b", "\u202c", "\u202d",
    "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
}  # fmt: skip

# Cyrillic and Greek letters that look like Latin ones.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
        "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "к": "k", "м": "m",
        "т": "t", "в": "b", "н": "h",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
        "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
        "α": "a", "ο": "o", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t", "υ": "u",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
        "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)  # fmt: skip

# Digits and symbols used for letters inside words ("v0te", "p0lice", "a$$", "b!tch").
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
# Words holding a digit or symbol that may stand for a letter.
_WORDISH = re.compile(r"[A-Za-z0-9@$!]*[0-9@$!][A-Za-z0-9@$!]*")
# Four or more single letters split by one repeated separator: "v o t e", "v.o.t.e", "v-o-t-e".
_SPACED = re.compile(r"(?<![A-Za-z])[A-Za-z](?:([ .\-_*])[A-Za-z])(?:\1[A-Za-z]){2,}(?![A-Za-z])")


@dataclass(frozen=True, slots=True)
class Normalized:
    """The matching form of a text and, for each of its characters, the original index."""

    original: str
    text: str
    index: Sequence[int]  # len(text) + 1 entries; the last is len(original)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the matching form to the original text."""
        if end <= start:
            o = self.index[start]
            return o, o
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1
        # A folded original character may have expanded to several (NFKD of a ligature): take it whole.
        while o_end < len(self.original) and unicodedata.combining(self.original[o_end]):
            o_end += 1
        return o_start, o_end


def _fold_char(c: str) -> str:
    if c in _DROP:
        return ""
    if c < "\u0080":
        return c if (c >= " " or c in "\n\t") else (" " if c == "\r" else "")
    cat = unicodedata.category(c)
    if cat in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return "" if cat != "Cc" else " "
    c = c.translate(_HOMOGLYPHS)
    if c < "\u0080":
        return c
    d = unicodedata.normalize("NFKD", c)
    return "".join(ch for ch in d if not unicodedata.combining(ch)) or ""


@lru_cache(maxsize=4096)
def _folded(c: str) -> str:
    return _fold_char(c)


def _leet_fold(chars: list[str]) -> None:
    """Fold digits/symbols that stand for letters inside words, in place (one char for one char)."""
    s = "".join(chars)
    for m in _WORDISH.finditer(s):
        word = m.group()
        letters = sum(ch.isalpha() for ch in word)
        if letters == len(word) or (letters < 2 and not word.endswith("$$")):
            continue
        if "@" in word and (m.end() < len(s) and s[m.end()] == "." or word.startswith("@")):
            continue  # an e-mail address or a handle, not a spelling
        base = m.start()
        for i, ch in enumerate(word):
            rep = _LEET.get(ch)
            if rep is None:
                continue
            left = chars[base + i - 1] if i else ""  # already folded: "b00bs" folds left to right
            right = word[i + 1] if i + 1 < len(word) else ""
            inside = left.isalpha() and (right.isalpha() or right in _LEET)
            # "a$$", "cla$$": dollar signs closing a word stand for s.
            trailing = ch == "$" and left.isalpha() and word[i:].strip("$") == ""
            if inside or trailing:
                chars[base + i] = rep


def normalize(text: str) -> Normalized:
    """Fold `text` to its matching form, keeping the map back to original characters."""
    folded = text
    one_for_one = True
    if not text.isascii() or _has_ctrl(text):
        # Most drafts' special characters (curly quotes, accents, emoji, full-width letters) fold to
        # exactly one character each: one str.translate call, and the offsets stay the same.
        table = {}
        for c in set(text):
            if c >= "\u0080" or c < " ":
                f = _folded(c)
                if len(f) != 1:
                    one_for_one = False
                    break
                if f != c:
                    table[ord(c)] = f
        if one_for_one:
            folded = text.translate(table) if table else text
    if one_for_one:
        index: list[int] | range = range(len(text) + 1)
        chars = None
        if "$" in folded or "@" in folded or "!" in folded or _has_leet_digit(folded):
            chars = list(folded)
            _leet_fold(chars)
            folded = "".join(chars)
        if _SPACED.search(folded) is None:
            return Normalized(text, folded, index)
        out, index = list(folded), list(range(len(text)))
    else:
        out = []
        index = []
        # Terminal colour codes pasted with a draft ("\x1b[31m") go whole, not just their ESC.
        skip = {i for m in _ANSI.finditer(text) for i in range(m.start(), m.end())} if "\x1b" in text else ()
        for i, c in enumerate(text):
            if i in skip:
                continue
            for ch in _folded(c):
                out.append(ch)
                index.append(i)
        _leet_fold(out)
    folded = "".join(out)
    # Collapse spaced-out words: drop the separators, keep the letters' original positions.
    if _SPACED.search(folded):
        keep = [True] * len(folded)
        for m in _SPACED.finditer(folded):
            start = m.start()
            # "a f u c k": the article (or "I") before a spaced-out word is a word of its own.
            if folded[start] in "aAI" and (m.end() - start) >= 9:
                start += 2
            for j in range(start + 1, m.end(), 2):
                keep[j] = False
        folded = "".join(ch for ch, k in zip(folded, keep, strict=True) if k)
        index = [ix for ix, k in zip(index, keep, strict=True) if k]
    return Normalized(text, folded, (*index, len(text)))


_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
_LEET_DIGIT = re.compile(r"[A-Za-z][0-9!]+[A-Za-z]")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _has_leet_digit(text: str) -> bool:
    return _LEET_DIGIT.search(text) is not None


def _has_ctrl(text: str) -> bool:
    return _CTRL.search(text) is not None
