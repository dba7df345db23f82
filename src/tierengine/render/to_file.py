"""Render assessments to one string (for ``assess -o FILE`` and the HTML page)."""

from __future__ import annotations

import io
from contextlib import redirect_stdout


def rendered(assessments, format_, many: bool, rules) -> str:
    """The report as one string, in any format (HTML included)."""
    if getattr(format_, "value", format_) == "html":
        from .html import render

        return render(assessments, rules)
    from ..cli import emit

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        emit(assessments, format_, many)
    return buffer.getvalue()
