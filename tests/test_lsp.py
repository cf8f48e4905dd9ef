"""The editor integration: diagnostics and code actions, and a real stdio session."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import postlint
from postlint.lsp import code_actions, diagnostic, utf16_position

pytest.importorskip("pygls")


def test_utf16_positions_count_surrogate_pairs() -> None:
    text = "🚓🚓 The arsonist was arrested.\nLine two"
    start = text.index("The arsonist")
    assert utf16_position(text, start) == (0, 5)  # each emoji is two UTF-16 units, plus a space
    assert utf16_position(text, text.index("two")) == (1, 5)


def test_diagnostic_and_code_action(linter: postlint.Linter) -> None:
    text = "---\naccount: official\n---\n🚓 The arsonist was arrested.\n"
    report = linter.lint(text)
    (f,) = report.findings
    d = diagnostic(report, f)
    assert d["code"] == "PL103" and d["severity"] == 1 and d["source"] == "postlint"
    assert d["range"] == {"start": {"line": 3, "character": 3}, "end": {"line": 3, "character": 15}}
    assert "jackson-pd-5.0 5.04.A.4.c" in d["message"]
    (action,) = code_actions(report, "file:///draft.txt")
    assert action["kind"] == "quickfix" and not action["isPreferred"]
    (edit,) = action["edit"]["changes"]["file:///draft.txt"]
    assert edit["newText"] == "The suspect" and edit["range"] == d["range"]


class _Client:
    """A minimal LSP client over the server's stdio, with a reader thread so nothing can hang."""

    def __init__(self, args: list[str]) -> None:
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox: queue.Queue[dict] = queue.Queue()  # type: ignore[type-arg]
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.inbox.put(json.loads(out.read(length)))

    def send(self, msg: dict) -> None:  # type: ignore[type-arg]
        body = json.dumps({"jsonrpc": "2.0", **msg}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.proc.stdin.flush()

    def wait_for(self, pred, timeout: float = 60) -> dict:  # type: ignore[no-untyped-def,type-arg]
        deadline = time.monotonic() + timeout
        while True:
            msg = self.inbox.get(timeout=max(0.1, deadline - time.monotonic()))
            assert msg.get("method") != "window/showMessage", msg
            if pred(msg):
                return msg


def test_stdio_session(tmp_path: Path) -> None:
    uri = (tmp_path / "draft.txt").as_uri()
    client = _Client([sys.executable, "-m", "postlint.cli", "lsp"])
    try:
        client.send({"id": 1, "method": "initialize", "params": {
            "processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {},
            "initializationOptions": {"policy": "colchester-pd-go9"}}})
        msg = client.wait_for(lambda m: m.get("id") == 1)
        assert msg["result"]["capabilities"]["codeActionProvider"]
        client.send({"method": "initialized", "params": {}})
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": "The arsonist was arrested today."}}})
        msg = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        (d,) = msg["params"]["diagnostics"]
        assert d["code"] == "PL103" and "colchester-pd-go9 II.a.iii.1.c" in d["message"]
        assert d["range"]["start"] == {"line": 0, "character": 0}
        client.send({"id": 2, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}})
        msg = client.wait_for(lambda m: m.get("id") == 2)
        assert msg["result"][0]["edit"]["changes"][uri][0]["newText"] == "The suspect"
        # A change that removes the problem clears the diagnostics.
        client.send({"method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2},
                     "contentChanges": [{"text": "A man was arrested today and charged with arson."}]}})
        msg = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        assert msg["params"]["diagnostics"] == []
        client.send({"id": 3, "method": "shutdown", "params": None})
        client.wait_for(lambda m: m.get("id") == 3)
        client.send({"method": "exit", "params": None})
        client.proc.wait(timeout=20)
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
