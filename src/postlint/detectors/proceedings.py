"""Criminal proceedings: guilt or innocence statements, pending prosecutions, missing presumption of
innocence. Everything this family needs is expressed by its rules' patterns, context lexicons and
assertion statuses, so it uses the shared mechanism as it is."""

from __future__ import annotations

from .engine import Detector


class ProceedingsDetector(Detector):
    family = "proceedings"
