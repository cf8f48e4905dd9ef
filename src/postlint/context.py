"""PostContext from YAML front matter at the top of a draft.

A draft may start with

    ---
    account: personal
    in_uniform: true
    author_role: officer
    approvals:
      - {rule: PL101, by: Chief Ada Park, ref: memo 2024-117}
    ---

The front matter is removed from the text that is linted, but offsets still point into the whole
file, so line and column numbers match what the author sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError

from .data import describe_validation_error
from .errors import InputError
from .models import PostContext

_FIELDS = set(PostContext.model_fields)


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft split into its front matter settings and its body."""

    text: str  # the whole original text
    body_start: int  # where the body starts in `text`
    settings: dict[str, Any]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


def split_front_matter(text: str, source: str = "<text>") -> Draft:
    """Separate YAML front matter (between two `---` lines at the very top) from the body."""
    start = 1 if text.startswith("\ufeff") else 0
    if not text.startswith("---", start) or text[start + 3 : start + 4] not in ("\n", "\r"):
        return Draft(text, 0, {})
    first_nl = text.index("\n", start)
    pos = first_nl + 1
    end = -1
    while pos <= len(text):
        nl = text.find("\n", pos)
        line = text[pos : (nl if nl != -1 else len(text))].rstrip("\r")
        if line.strip() in ("---", "..."):
            end = pos
            body_start = nl + 1 if nl != -1 else len(text)
            break
        if nl == -1:
            break
        pos = nl + 1
    if end == -1:
        return Draft(text, 0, {})  # an opening rule with no closing one is not front matter
    raw = text[first_nl + 1 : end]
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as e:
        problem = getattr(e, "problem", None) or "invalid YAML"
        raise InputError(f"{source}: front matter: {problem}") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: front matter: expected key: value lines")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise InputError(f"{source}: front matter: {unknown[0]}: unknown key (expected one of {', '.join(sorted(_FIELDS))})")
    return Draft(text, body_start, data)


def make_context(base: PostContext | None, overrides: dict[str, Any], source: str = "<text>") -> PostContext:
    """`base` with `overrides` applied (front matter or record fields), validated."""
    data = (base or PostContext()).model_dump()
    data.update({k: v for k, v in overrides.items() if k in _FIELDS and v is not None})
    for key in ("approvals", "media"):
        if isinstance(data.get(key), list):
            data[key] = tuple(data[key])
    try:
        return PostContext.model_validate(data)
    except ValidationError as e:
        raise InputError(describe_validation_error(source, e)) from None
