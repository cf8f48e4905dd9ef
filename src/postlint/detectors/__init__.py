"""One detector per rule family. A rule names its family in `detector:`."""

from __future__ import annotations

from .conduct import ConductDetector
from .engine import Detector, DocView, Hit, Lexicons
from .identity import IdentityDetector
from .political import PoliticalDetector
from .privacy import PrivacyDetector
from .proceedings import ProceedingsDetector

DETECTORS: dict[str, type[Detector]] = {
    cls.family: cls
    for cls in (ProceedingsDetector, PoliticalDetector, IdentityDetector, PrivacyDetector, ConductDetector)
}

__all__ = ["DETECTORS", "Detector", "DocView", "Hit", "Lexicons"]
