"""Render assessments to one string (for ``assess -o FILE`` and the HTML page)."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path


def rendered(assessments, format_, many: bool, rules) -> str:
    """The report as text; HTML gets each file's fact table for the criteria matrix."""
    if getattr(format_, "value", format_) == "html":
        from ..errors import InputError
        from ..load import load_evidence
        from .html import render

        facts = {}
        for a in assessments:
            try:
                facts[a.evidence_file] = load_evidence(Path(a.evidence_file), a.evidence_file).facts
            except (InputError, OSError):  # assessed a moment ago; if it vanished, the matrix just lacks reasons
                pass
        return render(assessments, rules, facts)
    from ..cli import emit

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        emit(assessments, format_, many)
    return buffer.getvalue()
