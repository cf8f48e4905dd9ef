"""Confidential and private information.

The shared mechanism carries most of this family: validated patterns (Social Security numbers,
North American and UK phone numbers, street addresses, dates of birth, licence numbers) with context
words that must or must not stand just before them ("his number is" against "call us on"), and
post-level lexicons that exempt missing-person and wanted-person appeals. The one question left for
this detector is who is named: a victim, juvenile, witness or caller must be a member of the public,
not an officer or an official named with their title, nor a pseudonym that protects them ("Jane
Doe"); where the cue is weak ("X was stalked") the words must be a name the name finder recognises.
"""

from __future__ import annotations

import regex

from .engine import Detector, DocView, Hit


class PrivacyDetector(Detector):
    family = "privacy"

    def accept(self, hit: Hit, view: DocView, match: regex.Match[str]) -> Hit | None:
        groups = match.groupdict()
        if groups.get("person"):
            ps, pe = match.span("person")
            if self.lexicons.present("pseudonym", groups["person"]):
                return None  # "Jane Doe" protects the victim
            for n in view.names:
                if n.how in ("rank", "office") and n.start < pe and ps < n.end:
                    return None
            # With a weak cue ("X was stalked"), the words must be a person's name that was found.
            if groups.get("found_name") and not any(n.start < pe and ps < n.end for n in view.names):
                return None
        return hit
