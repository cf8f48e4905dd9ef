"""A fast rule-based sentence splitter for the default (blank) pipeline.

spaCy's `sentencizer` visits every Token object in Python; this component reads the token array
once (`Doc.to_array`), marks a sentence start after sentence-final punctuation or a line break
(letting closing quotes and brackets stay with their sentence), and writes the result back with
`Doc.from_array`. A trained pipeline's parser or senter is used instead when one is loaded.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..data import read_shipped, rules_dir

_ENDS = (".", "!", "?", "...", "…", "!!", "!!!", "??", "?!", "!?", "\n", "\n\n", "\n\n\n", " \n", "\n ", "\r\n")
_CLOSERS = ('"', "'", ")", "]", "”", "’", "»")


_START = numpy.uint64(1)
_INSIDE = numpy.array(-1, dtype="int64").astype("uint64")  # SENT_START's "not a start", as spaCy stores it


class FastSentences:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        strings = nlp.vocab.strings
        self.ends = frozenset(strings.add(s) for s in _ENDS)
        self.closers = frozenset(strings.add(s) for s in _CLOSERS)
        self.stop = strings.add(".")
        # rules/lexicons/names.yaml: after these the stop ends the abbreviation, not the sentence
        titles = (read_shipped(rules_dir() / "lexicons" / "names.yaml") or {}).get("title_abbreviations") or ()
        self.titles = frozenset(strings.add(v) for t in titles for v in (t, t.upper(), t.lower()))

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        starts = numpy.full((n, 1), _INSIDE, dtype="uint64")
        starts[0, 0] = _START
        ended = False
        ends, closers, stop, titles = self.ends, self.closers, self.stop, self.titles
        prev = 0
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            if orth in ends:
                ended = not (orth == stop and prev in titles)
                prev = orth
                continue
            prev = orth
            if orth in closers:
                continue  # a closing quote or bracket stays with the sentence it closes
            if ended:
                starts[i, 0] = _START
                ended = False
        doc.from_array([SENT_START], starts)
        return doc


@Language.factory("postlint_sentences")
def make_sentences(nlp: Language, name: str) -> FastSentences:
    return FastSentences(nlp, name)
