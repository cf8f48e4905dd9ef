"""The `postlint` command.

    postlint [OPTIONS] [PATHS]...      lint drafts (the default command, also `postlint check`)
    postlint rules                     the rules, as a table
    postlint explain CODE|SLUG         what a rule does, why, an example, the clauses it enforces
    postlint policies [--coverage ID]  the policy packs and their clauses
    postlint eval FILE.jsonl           precision and recall on labeled posts

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 a usage, configuration or input error.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from . import fixes
from .config import find_config, load_config
from .errors import InputError, PostlintError
from .formats import FORMATS, render
from .linter import Linter, fail_threshold
from .models import PostContext, Report

MAX_BYTES = 64 * 1024 * 1024
DRAFT_SUFFIXES = (".txt", ".md")


class _DefaultGroup(click.Group):
    """`postlint draft.txt` means `postlint check draft.txt`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args.insert(0, "check")
        return super().parse_args(ctx, args)


def _fail(message: str) -> None:
    click.echo(f"postlint: error: {message}", err=True)


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="postlint", prog_name="postlint")
def main() -> None:
    """Lint a police or sheriff's department social-media draft against agency policy."""


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--policy", help="Policy pack id (see `postlint policies`) or a pack file. Default: baseline.")
@click.option("--account", type=click.Choice(["official", "personal"]), help="Where the post goes. Default: official.")
@click.option("--in-uniform/--not-in-uniform", default=None, help="The post or its media shows the uniform, badge or logo.")
@click.option("--author-role", help="Who writes it, e.g. officer, pio, elected-sheriff.")
@click.option("--select", multiple=True, help="Only these rules: code, code prefix, slug or category (repeat or comma-separate).")
@click.option("--ignore", multiple=True, help="Skip these rules: code, code prefix, slug or category.")
@click.option("--fail-on", help="Lowest severity that fails the run: suggestion, warning (default) or error.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Output format. Default: text.")
@click.option("--input-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="jsonl: each line is a record {\"id\",\"text\",\"account\",\"in_uniform\",...}.")
@click.option("--model", help="A trained spaCy pipeline to use (package name or path). Default: none needed.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="A TOML config file.")
@click.option("--roster", "rosters", multiple=True, type=click.Path(path_type=str), help="A roster file (open cases or protected identities); repeatable.")
@click.option("--show-source", is_flag=True, help="Show the line with a caret under each finding.")
@click.option("--fix", "do_fix", is_flag=True, help="Apply safe fixes to the files, in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that change meaning.")
@click.option("--diff", is_flag=True, help="Show the fixes as a diff instead of writing them.")
def check(
    paths: tuple[str, ...],
    policy: str | None,
    account: str | None,
    in_uniform: bool | None,
    author_role: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    fmt: str | None,
    input_format: str,
    model: str | None,
    config_path: Path | None,
    rosters: tuple[str, ...],
    show_source: bool,
    do_fix: bool,
    unsafe_fixes: bool,
    diff: bool,
) -> None:
    """Lint drafts: files, folders (.txt and .md, recursively) or - for standard input."""
    try:
        config = load_config(config_path if config_path is not None else find_config())
        overrides: dict[str, Any] = {
            "policy": policy, "account": account, "in_uniform": in_uniform, "author_role": author_role,
            "model": model, "format": fmt,
        }
        if select:
            overrides["select"] = _split(select)
        if ignore:
            overrides["ignore"] = _split(ignore)
        if fail_on:
            overrides["fail_on"] = fail_threshold(fail_on)
        if rosters:
            overrides["rosters"] = (*config.rosters, *rosters)
        config = config.model_copy(update={k: v for k, v in overrides.items() if v is not None})
        linter = Linter(config.policy, config=config)
    except PostlintError as e:
        _fail(str(e))
        sys.exit(2)

    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            _fail("no drafts given: name files or folders, or - for standard input")
            sys.exit(2)
        paths = ("-",)

    had_error = False
    failing = False
    reports: list[Report] = []
    streaming = config.format == "jsonl"
    out = sys.stdout

    def emit(report: Report) -> None:
        nonlocal had_error, failing
        if report.error:
            had_error = True
            _fail(report.error)
        failing = failing or bool(report.failing(config.fail_on))
        if streaming:
            render("jsonl", [report], out)
        else:
            reports.append(report)

    for source, text_or_error in _inputs(paths):
        if isinstance(text_or_error, InputError):
            emit(_error_report(linter, str(text_or_error), path=source))
            continue
        text = text_or_error
        if input_format == "jsonl":
            for report in _lint_records(linter, text, "<stdin>" if source == "-" else source):
                emit(report)
            continue
        try:
            report = linter.lint(text, path=None if source == "-" else source)
        except PostlintError as e:
            emit(_error_report(linter, str(e), path=source))
            continue
        emit(report)
        if do_fix or diff:
            _apply_fixes(report, source, text, unsafe_fixes, diff, out)

    if not streaming:
        render(config.format, [r for r in reports if not r.error], out, show_source=show_source)
    sys.exit(2 if had_error else 1 if failing else 0)


def _error_report(linter: Linter, message: str, *, path: str | None = None, id: str | None = None) -> Report:
    return Report(text="", policy=linter.policy.pack.id, context=PostContext(), path=path, id=id, error=message)


def _lint_records(linter: Linter, text: str, source: str, batch: int = 256) -> Iterator[Report]:
    """One Report per JSONL line, in order; a line that is not a JSON object gets an error Report."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    for i in range(0, len(lines), batch):
        items: list[dict[str, Any] | Report] = []
        for n, line in lines[i : i + batch]:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                items.append(_error_report(linter, f"{source}:{n}: not JSON ({e.msg})", id=f"{source}:{n}"))
                continue
            if not isinstance(rec, dict):
                items.append(_error_report(linter, f"{source}:{n}: expected a JSON object", id=f"{source}:{n}"))
                continue
            items.append(rec)
        linted = linter.lint_many([x for x in items if isinstance(x, dict)], errors="report")
        for x in items:
            yield x if isinstance(x, Report) else next(linted)


def _apply_fixes(report: Report, source: str, text: str, unsafe: bool, diff: bool, out: TextIO) -> None:
    chosen = fixes.choose(report.findings, unsafe=unsafe)
    if not chosen:
        return
    fixed = fixes.apply(text, chosen)
    if diff:
        name = source if source != "-" else "stdin"
        out.writelines(difflib.unified_diff(
            text.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{name}", f"b/{name}"
        ))
        if not fixed.endswith("\n"):
            out.write("\n\\ No newline at end of file\n")
        return
    if source == "-":
        out.write(fixed)
        return
    fixes.write_atomic(Path(source), fixed)
    click.echo(f"{source}: applied {len(chosen)} fix{'es' if len(chosen) != 1 else ''}", err=True)


def _inputs(paths: tuple[str, ...]) -> Iterator[tuple[str, str | InputError]]:
    """(name, text) for each draft, or (name, InputError) for one that cannot be read."""
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read() if sys.stdin is not None else b""
            yield "-", _decode(data, "<stdin>")
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(
                f for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in DRAFT_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
            for f in files:
                yield str(f), _read(f)
        elif path.exists():
            yield p, _read(path)
        else:
            yield p, InputError(f"{p}: no such file or folder")


def _read(path: Path) -> str | InputError:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return InputError(f"{path}: too large ({size // (1024 * 1024)} MiB; drafts up to {MAX_BYTES // (1024 * 1024)} MiB)")
        data = path.read_bytes()
    except PermissionError:
        return InputError(f"{path}: permission denied")
    except OSError as e:
        return InputError(f"{path}: cannot read: {e.strerror or e}")
    return _decode(data, str(path))


def _decode(data: bytes, name: str) -> str | InputError:
    if b"\x00" in data[:8192]:
        return InputError(f"{name}: binary file, not a text draft")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        return InputError(f"{name}: not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); save the draft as UTF-8")


# --------------------------------------------------------------------------------------------------
# Subcommands
# --------------------------------------------------------------------------------------------------


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_cmd(fmt: str) -> None:
    """List every rule: code, slug, category, severity and what it catches."""
    from .policy import shipped_rules

    rules = shipped_rules()
    if fmt == "json":
        click.echo(json.dumps([r.model_dump(mode="json", by_alias=True) for r in rules], indent=2))
        return
    w_slug = max(len(r.slug) for r in rules)
    w_cat = max(len(r.category) for r in rules)
    click.echo(f"{'CODE':<6} {'SLUG':<{w_slug}} {'CATEGORY':<{w_cat}} {'SEVERITY':<10} SUMMARY")
    for r in rules:
        click.echo(f"{r.code:<6} {r.slug:<{w_slug}} {r.category:<{w_cat}} {r.severity.value:<10} {r.summary}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain a rule: what it does, why it matters, an example, what to write instead, its clauses."""
    from .explain import explain_rule

    try:
        click.echo(explain_rule(rule))
    except PostlintError as e:
        _fail(str(e))
        sys.exit(2)


@main.command()
@click.option("--coverage", "pack_id", help="Show one pack's clauses with the rules that enforce each.")
def policies(pack_id: str | None) -> None:
    """List the policy packs, or one pack's clauses and how each is enforced."""
    from .explain import coverage, list_packs

    try:
        click.echo(coverage(pack_id) if pack_id else list_packs())
    except PostlintError as e:
        _fail(str(e))
        sys.exit(2)


@main.command("eval")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--policy", default="baseline", show_default=True, help="Policy pack to evaluate with.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--show-misses/--no-misses", default=True, show_default=True)
def eval_cmd(file: Path, policy: str, fmt: str, show_misses: bool) -> None:
    """Precision and recall per category on labeled posts ({"text","account","expect":[...]} per line)."""
    from .evaluate import evaluate, read_labeled

    try:
        ev = evaluate(Linter(policy), read_labeled(file))
    except PostlintError as e:
        _fail(str(e))
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(ev.as_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(f"{ev.posts} labeled posts, policy {policy}\n")
    click.echo(f"{'CATEGORY':<28} {'PRECISION':>9} {'RECALL':>7} {'TP':>4} {'FP':>4} {'FN':>4}")
    for cat, s in ev.scores.items():
        if s.tp or s.fp or s.fn:
            click.echo(f"{cat:<28} {s.precision:>9.3f} {s.recall:>7.3f} {s.tp:>4} {s.fp:>4} {s.fn:>4}")
    if show_misses and ev.misses:
        click.echo(f"\n{len(ev.misses)} posts where the categories differ:")
        for m in ev.misses:
            click.echo(f"  line {m.line}: expected {m.expected or '[]'}, got {m.got or '[]'}: {m.text[:110]!r}")


@main.group()
def roster() -> None:
    """Rosters of open cases or protected identities, stored as salted hashes."""


@roster.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("terms", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(["open-cases", "protected-identities"]), required=True)
@click.option("--case", "case", help="For open cases: the reference shown in findings (e.g. CR-2024-0117).")
def roster_add(file: Path, terms: tuple[str, ...], kind: str, case: str | None) -> None:
    """Add one case or one person: all their names, aliases, handles or case numbers (TERMS)."""
    from .roster import add_terms

    try:
        entry = add_terms(file, kind, list(terms), case)  # type: ignore[arg-type]
    except PostlintError as e:
        _fail(str(e))
        sys.exit(2)
    click.echo(f"{file}: added {entry.label} ({len(entry.hashes)} term{'s' if len(entry.hashes) != 1 else ''}, hashed)")


@roster.command("show")
@click.argument("file", type=click.Path(path_type=Path))
def roster_show(file: Path) -> None:
    """What a roster holds: its kind and each entry's label and number of terms (never the terms)."""
    from .data import read_yaml, validate
    from .roster import RosterFile

    try:
        data = validate(RosterFile, read_yaml(file), str(file))
    except PostlintError as e:
        _fail(str(e))
        sys.exit(2)
    click.echo(f"{file}: {data.kind}, {len(data.entries)} entr{'y' if len(data.entries) == 1 else 'ies'}")
    for e in data.entries:
        click.echo(f"  {e.label}: {len(e.hashes)} term{'s' if len(e.hashes) != 1 else ''}")


@main.command()
def lsp() -> None:
    """Run the language server on standard input and output (for editor integrations)."""
    from .lsp import serve

    try:
        serve()
    except PostlintError as e:
        _fail(str(e))
        sys.exit(2)


if __name__ == "__main__":
    main()
