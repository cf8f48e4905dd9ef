"""postlint: lint a police or sheriff's department social-media draft against agency policy.

    >>> import postlint
    >>> report = postlint.lint("The arsonist was arrested on Friday.")
    >>> [(f.rule, f.category, f.text) for f in report.findings]
    [('PL103', 'guilt-statement', 'The arsonist')]
"""

from __future__ import annotations

import threading
from typing import Any

from .config import Config, load_config
from .errors import ConfigError, InputError, PostlintError
from .linter import Linter
from .models import (
    CATEGORIES,
    Approval,
    ClauseRef,
    Finding,
    Fix,
    PolicyPack,
    PostContext,
    Report,
    RuleDef,
    Severity,
)
from .policy import load_policy, shipped_packs, shipped_rules

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Approval",
    "ClauseRef",
    "Config",
    "ConfigError",
    "Finding",
    "Fix",
    "InputError",
    "Linter",
    "PolicyPack",
    "PostContext",
    "PostlintError",
    "Report",
    "RuleDef",
    "Severity",
    "lint",
    "load_config",
    "load_policy",
    "rules",
    "policies",
]

_DEFAULT: dict[tuple[str, str | None], Linter] = {}
_LOCK = threading.Lock()


def _linter(policy: str, model: str | None) -> Linter:
    with _LOCK:
        key = (policy, model)
        if key not in _DEFAULT:
            _DEFAULT[key] = Linter(policy, model=model)
        return _DEFAULT[key]


def lint(
    text: str,
    *,
    account: str = "official",
    in_uniform: bool = False,
    author_role: str | None = None,
    policy: str = "baseline",
    model: str | None = None,
    **context: Any,
) -> Report:
    """Lint one draft with a shared Linter for `policy` (built on first use, then reused)."""
    return _linter(policy, model).lint(
        text, account=account, in_uniform=in_uniform, author_role=author_role, **context
    )


def rules() -> tuple[RuleDef, ...]:
    """Every shipped rule."""
    return shipped_rules()


def policies() -> dict[str, PolicyPack]:
    """Every shipped policy pack by id, `baseline` included."""
    return shipped_packs()
