"""Rosters: lists an agency keeps of names that need special care, stored as salted hashes.

Two kinds:
- `open-cases`: defendants' names, aliases and case numbers of open cases. A post that mentions one
  gets the strictest reading of the proceedings rules, and the finding names the case by the label
  the agency gave it (a case reference, never the defendant's name).
- `protected-identities`: names, aliases and handles of officers working undercover. Any mention is
  an error, and the finding never echoes the entry.

The file holds only a random salt and keyed BLAKE2b digests of each normalized term, so it can sit
on every workstation without listing anyone. `postlint roster add` writes it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .data import read_yaml, validate
from .errors import ConfigError
from .fixes import write_atomic
from .normalize import normalize

RosterKind = Literal["open-cases", "protected-identities"]
_WORD = re.compile(r"\w+")
MAX_WORDS = 6


class RosterEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(description="shown in findings: a case reference, or 'entry N' for identities")
    hashes: tuple[str, ...] = Field(min_length=1)


class RosterFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: RosterKind
    salt: str = Field(pattern=r"^[0-9a-f]{32}$")
    entries: tuple[RosterEntry, ...] = ()


def term_words(term: str) -> list[str]:
    """A term as matched: folded like a draft, lower-case words."""
    return _WORD.findall(normalize(term).text.lower())


def digest(words: list[str], salt: str) -> str:
    return hashlib.blake2b(" ".join(words).encode("utf-8"), key=bytes.fromhex(salt), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # offsets in the text that was searched
    end: int
    label: str
    kind: RosterKind


class Roster:
    """A loaded roster file, ready to find mentions in a post."""

    def __init__(self, data: RosterFile, source: str = "") -> None:
        self.kind = data.kind
        self.salt = data.salt
        self.source = source
        self.by_hash = {h: e.label for e in data.entries for h in e.hashes}

    @classmethod
    def load(cls, path: str | Path) -> Roster:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"{path}: roster file not found")
        return cls(validate(RosterFile, read_yaml(path), str(path)), str(path))

    def mentions(self, text: str) -> list[Mention]:
        """Runs of 1 to 6 words of `text` whose digest is on the roster (longest first)."""
        if not self.by_hash:
            return []
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
        found: list[Mention] = []
        i = 0
        while i < len(words):
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                label = self.by_hash.get(digest([w for _, _, w in words[i : i + n]], self.salt))
                if label is not None:
                    start = words[i][0]
                    if start and text[start - 1] in "@#":  # a handle or tag: take its sign too
                        start -= 1
                    found.append(Mention(start, words[i + n - 1][1], label, self.kind))
                    i += n
                    break
            else:
                i += 1
        return found


def add_terms(path: Path, kind: RosterKind, terms: list[str], label: str | None = None) -> RosterEntry:
    """Add one entry (a case or a person) with its `terms` to the roster at `path` (created if new)."""
    terms = [t for t in terms if t.strip()]
    if not terms:
        raise ConfigError("roster add: give at least one name, alias, handle or case number")
    if path.exists():
        data = validate(RosterFile, read_yaml(path), str(path))
        if data.kind != kind:
            raise ConfigError(f"{path}: kind: this roster holds {data.kind}, not {kind}")
    else:
        data = RosterFile(kind=kind, salt=os.urandom(16).hex())
    for t in terms:
        if len(term_words(t)) > MAX_WORDS:
            raise ConfigError(f"roster add: a term has more than {MAX_WORDS} words")
    if kind == "open-cases" and not label:
        raise ConfigError("roster add: an open case needs --case, the reference shown in findings")
    entry = RosterEntry(
        label=label if kind == "open-cases" else f"entry {len(data.entries) + 1}",
        hashes=tuple(sorted({digest(term_words(t), data.salt) for t in terms})),
    )
    updated = data.model_copy(update={"entries": (*data.entries, entry)})
    header = (
        "# postlint roster: a salt and keyed digests only; no names are stored in this file.\n"
        "# Edit with `postlint roster add`.\n"
    )
    body = yaml.safe_dump(updated.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
    if path.exists():
        write_atomic(path, header + body)
    else:
        path.write_text(header + body, encoding="utf-8")
    return entry
