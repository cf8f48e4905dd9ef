"""Finding and reading the shipped data (rules/, lexicons, policy packs) with one-line errors."""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import ConfigError

M = TypeVar("M", bound=BaseModel)


def rules_dir() -> Path:
    """The rules/ folder: inside the installed wheel, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if (candidate / "modifiers.yaml").is_file():
            return candidate
    raise ConfigError(f"{here}: the rules/ folder shipped with postlint is missing")


# libyaml's C loader when PyYAML was built with it (about ten times faster at start-up).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)  # noqa: S506 - a safe loader
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ConfigError(f"{path}:{where}: invalid YAML: {problem}") from None


def describe_validation_error(source: str, err: ValidationError) -> str:
    """One line: the file, the key path, and what was expected."""
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
    msg = first["msg"]
    if first["type"] == "missing":
        msg = "required key is missing"
    elif first["type"] == "extra_forbidden":
        msg = "unknown key"
    elif first["type"] == "literal_error":
        msg = f"expected {first['ctx'].get('expected', 'one of the allowed values')}"
    more = len(err.errors()) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{source}: {loc}: {msg}{tail}"


def validate(model: type[M], data: Any, source: str) -> M:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: (top level): expected a mapping of keys, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise ConfigError(describe_validation_error(source, e)) from None


# --------------------------------------------------------------------------------------------------
# A cache of the shipped data, parsed. PyYAML builds objects in Python, which costs tens of
# milliseconds on every start; the parsed data (plain dicts, lists, strings and numbers) is kept with
# `marshal` in the user's cache folder, keyed by each file's path, size and modification time, so an
# edited rule file is read afresh. POSTLINT_NO_CACHE=1 turns it off; POSTLINT_CACHE_DIR moves it.
# --------------------------------------------------------------------------------------------------

_SHIPPED: dict[str, Any] | None = None
_SHIPPED_LOCK = threading.Lock()


_CACHE_KEEP = 4  # cache entries kept: a few installed versions may share one cache folder


def _cache_dir() -> Path | None:
    if os.environ.get("POSTLINT_NO_CACHE"):
        return None
    base = os.environ.get("POSTLINT_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "postlint" if base else None


def shipped_yaml() -> dict[str, Any]:
    """Every YAML file under rules/, parsed, by path relative to rules/ (from the cache if current)."""
    global _SHIPPED
    with _SHIPPED_LOCK:
        if _SHIPPED is not None:
            return _SHIPPED
        root = rules_dir()
        files = sorted(root.rglob("*.yaml"))
        stamp = hashlib.sha256()
        for f in files:
            st = f.stat()
            stamp.update(f"{f.relative_to(root)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
        cache_dir = _cache_dir()
        cache = cache_dir / f"rules-{stamp.hexdigest()[:24]}.marshal" if cache_dir else None
        if cache is not None and cache.is_file():
            try:
                _SHIPPED = marshal.loads(cache.read_bytes())
                return _SHIPPED
            except (OSError, ValueError, EOFError, TypeError):
                pass
        _SHIPPED = {str(f.relative_to(root)): read_yaml(f) for f in files}
        if cache is not None:
            _write_cache(cache, _SHIPPED)
        return _SHIPPED


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    try:
        blob = marshal.dumps(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rules-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
        # Every edit of a rule file makes a new cache entry: keep only the few newest.
        entries = sorted(path.parent.glob("rules-*.marshal"), key=lambda f: f.stat().st_mtime_ns, reverse=True)
        for stale in entries[_CACHE_KEEP:]:
            stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # a cache is an optimisation: a read-only home or exotic data just means no cache


def read_shipped(path: Path) -> Any:
    """A shipped YAML file, parsed (through the cache); any other file is read directly."""
    try:
        rel = str(path.resolve().relative_to(rules_dir().resolve()))
    except ValueError:
        return read_yaml(path)
    data = shipped_yaml()
    return data[rel] if rel in data else read_yaml(path)
