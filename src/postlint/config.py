"""User configuration: `[tool.postlint]` in pyproject.toml, `.postlint.toml`, or `--config FILE`."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .data import validate
from .errors import ConfigError
from .models import Account, Severity

DEFAULT_DISCLAIMER = (
    "A charge is merely an accusation; the accused is presumed innocent until and unless proven guilty."
)


class ElectionRoster(BaseModel):
    """This cycle's candidates, ballot measures and election dates, kept by the agency."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    candidates: tuple[str, ...] = ()
    measures: tuple[str, ...] = Field(default=(), description='e.g. "Measure B", "Proposition 12"')
    dates: tuple[str, ...] = Field(default=(), description='as written in posts, e.g. "November 3"')


class Config(BaseModel):
    """Settings a team keeps beside its drafts. Command-line options override them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    policy: str = "baseline"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.warning
    account: Account = "official"
    in_uniform: bool = False
    author_role: str | None = None
    model: str | None = None
    format: Literal["text", "json", "jsonl", "sarif", "github"] = "text"
    disclaimer: str = Field(default=DEFAULT_DISCLAIMER, min_length=1)
    personal_disclaimer: str = Field(
        default="The views in this post are my own and don't necessarily represent my employer's positions.",
        min_length=1,
    )
    rosters: tuple[str, ...] = Field(default=(), description="roster files (paths relative to the config file)")
    election: ElectionRoster = ElectionRoster()


def find_config(start: Path | None = None) -> Path | None:
    """The nearest .postlint.toml, or pyproject.toml with a [tool.postlint] table, upward from `start`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        dot = folder / ".postlint.toml"
        if dot.is_file():
            return dot
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                if "postlint" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                    return py
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("postlint", {})
        source = f"{path} [tool.postlint]"
    else:
        source = str(path)
    data = {k.replace("-", "_"): v for k, v in data.items()}
    cfg = validate(Config, data, source)
    if cfg.rosters:
        base = path.parent
        cfg = cfg.model_copy(update={"rosters": tuple(str((base / r).resolve()) for r in cfg.rosters)})
    return cfg
