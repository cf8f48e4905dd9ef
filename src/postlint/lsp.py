"""The editor integration: a Language Server Protocol server (`postlint lsp`, over stdio).

Any editor with an LSP client (VS Code, Neovim, Emacs, Sublime, Helix...) can run it. On every
open and change of a plain-text or Markdown draft it publishes postlint's findings as diagnostics
(positions in UTF-16 code units, as the protocol requires), and offers each finding's fix as a
quick-fix code action. Settings come from the client's `initializationOptions`
(`{"policy": "...", "account": "personal", "in_uniform": true, "author_role": "..."}`), from the
nearest `.postlint.toml` / `pyproject.toml`, and per draft from its YAML front matter.

Needs the `lsp` extra: `pip install 'postlint[lsp]'`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import __version__
from .config import Config, find_config, load_config
from .errors import PostlintError
from .linter import Linter
from .models import Finding, Report, Severity

SOURCE = "postlint"
_SEVERITY = {Severity.error: 1, Severity.warning: 2, Severity.suggestion: 4}  # Error, Warning, Hint


def utf16_position(text: str, offset: int) -> tuple[int, int]:
    """(line, character) of a character offset, the character counted in UTF-16 code units."""
    line = text.count("\n", 0, offset)
    line_start = text.rfind("\n", 0, offset) + 1
    return line, len(text[line_start:offset].encode("utf-16-le")) // 2


def diagnostic(report: Report, f: Finding) -> dict[str, Any]:
    """A finding as an LSP Diagnostic (plain data, so it can be tested without a client)."""
    text = report.text if f.media is None else report.context.media[f.media]
    sl, sc = utf16_position(text, f.start)
    el, ec = utf16_position(text, f.end)
    clauses = "; ".join(f"{c.policy} {c.clause}" for c in f.clauses)
    message = f.message + (f" (breaks {clauses})" if clauses else "")
    if f.approved:
        message += f" [approved by {f.approved.by}]"
    return {
        "range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}},
        "severity": 4 if f.approved else _SEVERITY[f.severity],
        "code": f.rule,
        "source": SOURCE,
        "message": message,
        "data": {"slug": f.slug, "category": f.category},
    }


def code_actions(report: Report, uri: str) -> list[dict[str, Any]]:
    """Each finding's fix as a quick-fix code action (a workspace edit)."""
    actions = []
    for f in report.findings:
        fx = f.suggestion
        if fx is None or f.media is not None:
            continue
        sl, sc = utf16_position(report.text, fx.start)
        el, ec = utf16_position(report.text, fx.end)
        edit = {"range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}, "newText": fx.replacement}
        actions.append(
            {
                "title": f"{f.rule}: {fx.description}" + ("" if fx.safe else " (changes meaning: check it)"),
                "kind": "quickfix",
                "isPreferred": fx.safe,
                "diagnostics": [diagnostic(report, f)],
                "edit": {"changes": {uri: [edit]}},
            }
        )
    return actions


class Session:
    """What the server keeps between requests: one Linter per (settings, folder)."""

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.options = {k: v for k, v in (options or {}).items() if v is not None}
        self._linters: dict[str, Linter] = {}

    def linter_for(self, path: Path | None) -> Linter:
        found = find_config(path.parent) if path is not None else None
        key = str(found)
        if key not in self._linters:
            config = load_config(found) if found else Config()
            allowed = {k: v for k, v in self.options.items() if k in Config.model_fields}
            config = Config.model_validate({**config.model_dump(), **allowed})
            self._linters[key] = Linter(config.policy, config=config)
        return self._linters[key]

    def lint(self, text: str, path: Path | None) -> Report:
        return self.linter_for(path).lint(text, path=str(path) if path else None)


def serve() -> None:  # pragma: no cover - exercised through a real stdio client in the tests
    try:
        from lsprotocol import types
        from pygls.lsp.server import LanguageServer
        from pygls.uris import to_fs_path
    except ImportError:
        raise PostlintError("the language server needs the lsp extra: pip install 'postlint[lsp]'") from None

    server = LanguageServer(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    state: dict[str, Any] = {"session": Session(), "reports": {}}

    def publish(ls: LanguageServer, uri: str) -> None:
        doc = ls.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri)) if uri.startswith("file:") else None
        try:
            report = state["session"].lint(doc.source, path)
        except PostlintError as e:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"postlint: {e}"))
            return
        state["reports"][uri] = report
        diags = [types.Diagnostic(**_converted(types, diagnostic(report, f))) for f in report.findings if f.media is None]
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diags))

    @server.feature(types.INITIALIZE)
    def initialize(ls: LanguageServer, params: types.InitializeParams) -> None:
        state["session"] = Session(params.initialization_options if isinstance(params.initialization_options, dict) else None)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        state["reports"].pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION)
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        report = state["reports"].get(params.text_document.uri)
        if report is None:
            return []
        out = []
        for a in code_actions(report, params.text_document.uri):
            edits = [types.TextEdit(range=_range(types, e["range"]), new_text=e["newText"]) for e in a["edit"]["changes"][params.text_document.uri]]
            out.append(
                types.CodeAction(
                    title=a["title"],
                    kind=types.CodeActionKind.QuickFix,
                    is_preferred=a["isPreferred"],
                    diagnostics=[types.Diagnostic(**_converted(types, d)) for d in a["diagnostics"]],
                    edit=types.WorkspaceEdit(changes={params.text_document.uri: edits}),
                )
            )
        return out

    server.start_io()


def _range(types: Any, r: dict[str, Any]) -> Any:
    return types.Range(
        start=types.Position(line=r["start"]["line"], character=r["start"]["character"]),
        end=types.Position(line=r["end"]["line"], character=r["end"]["character"]),
    )


def _converted(types: Any, d: dict[str, Any]) -> dict[str, Any]:
    return {
        "range": _range(types, d["range"]),
        "severity": types.DiagnosticSeverity(d["severity"]),
        "code": d["code"],
        "source": d["source"],
        "message": d["message"],
        "data": d["data"],
    }
