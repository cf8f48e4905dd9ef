"""Errors postlint reports to its user as one clear line (exit code 2 on the command line)."""

from __future__ import annotations


class PostlintError(Exception):
    """A usage, configuration or input error. `str(err)` is the one line shown to the user."""


class ConfigError(PostlintError):
    """A malformed rule, policy pack, roster or configuration file."""


class InputError(PostlintError):
    """An input that cannot be read as a draft: missing, unreadable, binary or not UTF-8."""
