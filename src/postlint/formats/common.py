"""What several formats share."""

from __future__ import annotations

from typing import Any

from ..models import Finding


def finding_dict(f: Finding, path: str | None = None) -> dict[str, Any]:
    """The JSON shape of a finding (json, jsonl and the language server)."""
    d = f.model_dump(mode="json", exclude={"path"})
    return {"path": path if path is not None else f.path, **d}
