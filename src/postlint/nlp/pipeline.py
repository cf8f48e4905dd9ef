"""Building the spaCy pipeline: once per process and per model name.

The default is `spacy.blank("en")` plus a rule-based sentencizer and postlint's own components, so
nothing has to be downloaded. A user who has a trained pipeline installed (a package name such as
`en_core_web_sm`, or a path to a saved pipeline) can pass it as `model`; its sentence boundaries and
entities are then used, and postlint's components are added on top.
"""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from . import assertion as _assertion  # noqa: F401  (registers the component factories)
from . import sentences as _sentences  # noqa: F401

_CACHE: dict[str, Language] = {}
_LOCK = threading.Lock()

# Trained components that postlint never reads; excluding them keeps a trained pipeline fast.
_UNUSED = ("lemmatizer", "textcat", "textcat_multilabel", "spancat", "span_finder", "coref")


def build_pipeline(model: str | None = None) -> Language:
    """The shared pipeline for `model` (None: the blank default). Built once, then reused."""
    key = model or ""
    with _LOCK:
        nlp = _CACHE.get(key)
        if nlp is None:
            nlp = _build(model)
            _CACHE[key] = nlp
        return nlp


def _build(model: str | None) -> Language:
    if not model:
        nlp = spacy.blank("en")
    else:
        try:
            nlp = spacy.load(model, exclude=list(_UNUSED))
        except OSError as e:
            first = str(e).splitlines()[0] if str(e) else "not found"
            raise ConfigError(
                f"--model {model}: cannot load this spaCy pipeline ({first[:160]}); "
                "install it (pip install <package>) or pass the path of a saved pipeline"
            ) from None
        except Exception as e:  # a corrupt or incompatible saved pipeline
            raise ConfigError(f"--model {model}: cannot load this spaCy pipeline: {type(e).__name__}: {e}") from None
    has_sents = any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer", "postlint_sentences"))
    if not has_sents:
        nlp.add_pipe("postlint_sentences")
    if "postlint_assertion" not in nlp.pipe_names:
        nlp.add_pipe("postlint_assertion", last=True)
    return nlp


# postlint's own components run only for posts where a detector needs them (most posts have no
# candidate at all): `analyse` skips them and `complete` runs them on demand.
LAZY = ("postlint_sentences", "postlint_assertion")


def lazy_only(nlp: Language) -> bool:
    """Whether every component is one of postlint's lazy ones (the blank default): then a Doc
    is only needed, and only built, when a detector asks for tokens."""
    return all(name in LAZY for name in nlp.pipe_names)


def analyse(nlp: Language, texts: list[str]) -> list[Doc]:
    """Docs for `texts`: tokenized and run through every component except the lazy ones."""
    eager = [(name, proc) for name, proc in nlp.pipeline if name not in LAZY]
    docs = (nlp.make_doc(t) for t in texts)
    for _name, proc in eager:
        docs = proc.pipe(docs) if hasattr(proc, "pipe") else (proc(d) for d in docs)
    return list(docs)


def complete(nlp: Language, doc: Doc) -> Doc:
    """Run the lazy components that `analyse` skipped (once per doc)."""
    if doc.user_data.get("postlint.complete"):
        return doc
    for name, proc in nlp.pipeline:
        if name in LAZY:
            doc = proc(doc)
    doc.user_data["postlint.complete"] = True
    return doc
