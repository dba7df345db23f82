"""Plain labels beside ids: ``C-2 (protecting victims)``, ``complicity.investigations (investigations of complicit officials)``.

Readers who did not know the tool could not tell what ``C-2`` or ``tier.base.watch_list``
meant (issue 10 §3). Labels are data: a finding's ``label`` and a rule's ``title`` in
rules/*.yaml (``Assessment.labels``), a fact's ``label`` in the evidence codebook, and
for the derived history facts ``labels`` in plain.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tierengine.assessment.result import Assessment


@lru_cache(maxsize=1)
def fact_labels() -> dict[str, str]:
    from tierengine.evidence.codebook import labels
    from tierengine.render.plain import templates

    return {**templates()["labels"], **labels()}


def label(a: Assessment, ident: str) -> str:
    """The plain label of a finding, rule or fact id ('' when none is written)."""
    return a.labels.get(ident) or fact_labels().get(ident, "")


_ID = re.compile(r"(?<![\w.(-])([A-Za-z][\w-]*(?:\.[\w-]+)*)")


class Names:
    """Ids with their labels for one section of a report; with ``once``, a label is given at its
    first mention only (a rule without a title shares its finding's label), which keeps a
    terminal report short; HTML, read by folding sections open, labels every mention."""

    def __init__(self, a: Assessment, once: bool = True, labelled: bool = True):
        self.a, self.once, self.labelled, self.shown = a, once, labelled, set()

    def __call__(self, ident: str) -> str:
        text = label(self.a, ident) if self.labelled else ""
        if not text or (self.once and text in self.shown):
            return ident
        self.shown.add(text)
        return f"{ident} ({text})"

    def ids(self, text: str) -> str:
        """Every id in ``text`` (a condition, a decider) with its label."""
        return _ID.sub(lambda m: self(m.group(1)), text)
