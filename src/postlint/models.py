"""The contracts between postlint's stages, as pydantic models.

Everything that crosses a stage boundary (context in, rules and packs loaded from data, findings out)
is one of these models, so a malformed rule file or a bad API argument fails early with a clear message.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Category = Literal[
    "guilt-statement",
    "pending-prosecution",
    "political-activity",
    "undercover-identity",
    "officer-safety",
    "tactical-disclosure",
    "confidential-information",
    "private-information",
    "obscenity",
    "bias",
    "harassment-threat",
    "reckless-conduct",
    "private-business",
    "unauthorized-representation",
    "copyright",
    "religious-expression",
    "missing-disclaimer",
]
CATEGORIES: tuple[str, ...] = get_args(Category)

AssertionStatus = Literal["negated", "hypothetical", "adjudicated", "hedged", "attributed", "generic"]
ASSERTION_STATUSES: tuple[str, ...] = get_args(AssertionStatus)


class Severity(str, Enum):
    """How serious a finding is. Ordered: suggestion < warning < error."""

    suggestion = "suggestion"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self.value]


_SEVERITY_RANK = {"suggestion": 0, "warning": 1, "error": 2}

Account = Literal["official", "personal"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------------------------------
# Context of a post
# --------------------------------------------------------------------------------------------------


class Approval(_Strict):
    """Express written permission for content a rule would otherwise report (kept in the report)."""

    rule: str = Field(description="rule code, slug or category the approval covers")
    by: str = Field(min_length=1, description="who approved it")
    ref: str = Field(default="", description="reference: memo number, email date, ticket")


class PostContext(_Strict):
    """Who is posting, where, and how. Decides which policy clauses are in scope."""

    account: Account = "official"
    in_uniform: bool = Field(
        default=False, description="the post or its media shows the uniform, badge or agency logo"
    )
    author_role: str | None = Field(default=None, description="e.g. elected-sheriff, officer, pio")
    identifies_employee: bool = Field(
        default=False, description="the post or profile identifies the writer as an employee"
    )
    approvals: tuple[Approval, ...] = ()
    media: tuple[str, ...] = Field(default=(), description="captions and alt text of attached media")

    @field_validator("author_role")
    @classmethod
    def _role(cls, v: str | None) -> str | None:
        return v.strip().lower().replace(" ", "-").replace("_", "-") if v else v


# --------------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------------


class ClauseRef(_Strict):
    policy: str
    clause: str
    title: str
    quote: str


class Reference(_Strict):
    """A secondary (legal or professional) reference that sharpens a rule, e.g. ABA Model Rule 3.6."""

    source: str
    quote: str


class Fix(_Strict):
    """A replacement of original characters [start, end) by `replacement`."""

    description: str
    start: int
    end: int
    replacement: str
    safe: bool = False


class Finding(_Strict):
    rule: str
    slug: str
    category: Category
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str = Field(description="the original characters of the span")
    message: str
    clauses: tuple[ClauseRef, ...] = ()
    references: tuple[Reference, ...] = ()
    suggestion: Fix | None = None
    assertion: str = Field(default="affirmed", description="assertion status of the statement")
    why_in_scope: str = Field(default="", description="which part of the context made it a violation")
    approved: Approval | None = None
    media: int | None = Field(default=None, description="index into PostContext.media when found in a caption")
    path: str | None = None


class Report(BaseModel):
    """The result of linting one post."""

    model_config = ConfigDict(extra="forbid")

    text: str
    policy: str
    context: PostContext
    findings: list[Finding] = Field(default_factory=list)
    path: str | None = None
    id: str | None = None
    error: str | None = Field(default=None, description="why this input could not be linted")

    def failing(self, fail_on: Severity = Severity.warning) -> list[Finding]:
        """Findings that fail a run: at or above `fail_on` and not approved."""
        return [f for f in self.findings if f.approved is None and f.severity.rank >= fail_on.rank]

    @property
    def categories(self) -> set[str]:
        return {f.category for f in self.findings if f.approved is None}


# --------------------------------------------------------------------------------------------------
# Rules (rules/<family>/*.yaml)
# --------------------------------------------------------------------------------------------------


class FixSpec(_Strict):
    kind: Literal["replace", "append", "redact", "remove"]
    replacement: str = ""
    safe: bool = False
    description: str = ""


class Pattern(_Strict):
    """One way a rule finds candidates.

    `phrases` are literal phrases (case-insensitive, any whitespace between words); `regex` is a
    pattern in the `regex` module's syntax where `{{lexicon}}` expands to a shipped word list and
    the named group `span` (if present) marks what is reported. `triggers` are lower-case words of
    which at least one must occur in the post for the pattern to be tried at all (a cheap gate).
    """

    name: str = ""
    phrases: tuple[str, ...] = Field(default=(), description="literal phrases, or @lexicon for all of a lexicon's entries")
    regex: str | None = None
    triggers: tuple[str, ...] = ()
    case_sensitive: bool = False
    kind: str = Field(default="", description="what kind of statement this is, named in the message")
    severity: Severity | None = Field(default=None, description="overrides the rule's severity")
    fix: FixSpec | Literal[False] | None = Field(
        default=None, description="overrides the rule's fix; false: no fix for this pattern"
    )
    requires_any: tuple[str, ...] = Field(
        default=(), description="lexicons of which one must occur in the post for this pattern"
    )
    unless_any: tuple[str, ...] = Field(
        default=(), description="lexicons whose presence in the post cancels this pattern"
    )
    near_any: tuple[str, ...] = Field(
        default=(), description="context words: lexicons of which one must occur just before the match"
    )
    not_near_any: tuple[str, ...] = Field(
        default=(), description="lexicons that must not occur just before the match"
    )
    near: int = Field(default=40, ge=1, le=400, description="how many characters before the match count as near")


class Examples(_Strict):
    fire: tuple[str, ...] = Field(min_length=1)
    pass_: tuple[str, ...] = Field(alias="pass", min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class RuleExample(_Strict):
    bad: str
    good: str


class RuleDef(_Strict):
    code: str = Field(pattern=r"^PL\d{3}$")
    slug: str = Field(pattern=r"^[a-z][a-z0-9-]+$")
    category: Category
    severity: Severity
    detector: str
    summary: str
    why: str
    message: str
    use_instead: str
    example: RuleExample
    patterns: tuple[Pattern, ...] = ()
    requires_any: tuple[str, ...] = Field(
        default=(), description="lexicons of which one must occur somewhere in the post"
    )
    unless_any: tuple[str, ...] = Field(
        default=(), description="lexicons whose presence anywhere in the post cancels the rule"
    )
    cancelled_by: tuple[AssertionStatus, ...] = ()
    yields_to: tuple[Category, ...] = Field(
        default=(), description="categories whose findings, where they overlap this rule's, say it better"
    )
    accounts: tuple[Account, ...] = ("official", "personal")
    options: dict[str, object] = Field(default_factory=dict)
    fix: FixSpec | None = None
    references: tuple[Reference, ...] = ()
    examples: Examples

    def matches_selector(self, selector: str) -> bool:
        s = selector.strip().lower()
        return s in (self.code.lower(), self.slug, self.category) or (
            s.startswith("pl") and self.code.lower().startswith(s)
        )


# --------------------------------------------------------------------------------------------------
# Policy packs (rules/policies/*.yaml)
# --------------------------------------------------------------------------------------------------


class Applies(_Strict):
    """When a clause is in scope for a post."""

    accounts: tuple[Account, ...] = ("official", "personal")
    personal_requires_any: tuple[Literal["in_uniform", "identifies_employee", "speaks_for_department"], ...] = Field(
        default=(),
        description="on a personal account, the clause applies only if one of these holds",
    )
    exempt_roles: tuple[str, ...] = ()


class Clause(_Strict):
    id: str
    title: str
    quote: str
    severity: Severity = Severity.error
    categories: tuple[Category, ...] = ()
    rules: tuple[str, ...] = Field(
        default=(), description="if given, only these rules (code or slug) of the categories enforce it"
    )
    applies: Applies = Applies()
    lintable: bool = True
    reason: str = Field(default="", description="why no check of a post can enforce it")

    @model_validator(mode="after")
    def _coherent(self) -> "Clause":
        if self.lintable and not self.categories:
            raise ValueError("a lintable clause names the categories it forbids")
        if not self.lintable and not self.reason:
            raise ValueError("a clause that is not lintable says why (reason)")
        return self


class PolicyPack(_Strict):
    id: str
    title: str
    source: str = Field(description="file name in the policies folder the quotes come from")
    agency: str = ""
    date: str = ""
    clauses: tuple[Clause, ...]
