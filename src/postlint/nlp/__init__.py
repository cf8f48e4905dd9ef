"""The spaCy side of postlint: the pipeline and the project's own components."""

from .assertion import AssertionModifiers, Modifier, assertion_status
from .pipeline import build_pipeline

__all__ = ["AssertionModifiers", "Modifier", "assertion_status", "build_pipeline"]
