"""GitHub Actions workflow commands, so CI shows problems on the lines they concern.

``::error file=F,line=L,col=C::message`` for each invalid input, and a ``::warning``
on the evidence line of the fact that decided a recommendation which disagrees with
the published tier. Values are escaped as the runner expects (``%``, CR, LF, and in
properties also ``:`` and ``,``), in every field and in the plain log lines too, so no
string from an evidence file or the command line can start a command of its own
(``::add-mask::``, a forged ``::error``).
"""

from __future__ import annotations

from tierengine.errors import Problem


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def log_line(text: str) -> str:
    """A plain log line that the runner cannot read as a command: escaped as data, and
    never starting with ``::`` (a file name given on the command line could)."""
    line = _data(text)
    return "%3A" + line.lstrip()[1:] if line.lstrip().startswith("::") else line


def command(kind: str, message: str, file: str | None = None, line: int | None = None, col: int | None = None, title: str | None = None) -> str:
    """One workflow command line (kind is error, warning or notice)."""
    props = [f"{k}={_prop(str(v))}" for k, v in (("file", file), ("line", line), ("col", col), ("title", title)) if v is not None]
    return f"::{kind} {','.join(props)}::{_data(message)}" if props else f"::{kind}::{_data(message)}"


def problem(p: Problem) -> str:
    """An invalid-input problem as an error annotation."""
    return command("error", p.message, p.file, p.line, p.col, title="tierengine")


def warning(p: Problem) -> str:
    """A located warning (the file stays valid) as a warning annotation."""
    return command("warning", p.message.removeprefix("warning: "), p.file, p.line, p.col, title="tierengine")


def deciding_leaf(node):
    """The first evidence fact (depth first) under a justification node, or None."""
    from tierengine.assessment.explain import Leaf

    if isinstance(node, Leaf):
        return node
    for child in getattr(node, "children", []):
        found = deciding_leaf(child)
        if found is not None:
            return found
    return None


def disagreement(assessment) -> str | None:
    """A warning on the deciding fact's evidence line when the tier differs from the published one."""
    if assessment.agrees is not False:
        return None
    leaf = deciding_leaf(assessment.justification)
    line = leaf.evidence_line if leaf is not None and leaf.evidence_line else 1
    fact = f" Deciding fact: {leaf.evidence} = {leaf.value} ({leaf.status})." if leaf is not None else ""
    message = (
        f"{assessment.country} {assessment.report_year}: recommended {assessment.shown_tier}, published {assessment.published_tier}. "
        f"Deciding rule: {assessment.deciding_rule}.{fact}"
    )
    return command("warning", message, assessment.evidence_file, line, title="tier differs from published")


def summary_lines(assessments) -> list[str]:
    """One plain log line per assessment, plus a warning annotation for each disagreement."""
    out = []
    for a in assessments:
        published = f"published {a.published_tier}" if a.published_tier else "no published tier"
        verdict = {True: "agrees", False: "DIFFERS", None: "not compared"}[a.agrees]
        out.append(log_line(f"{a.evidence_file}: {a.country} {a.report_year}: {a.shown_tier} ({published}; {verdict}; deciding rule {a.deciding_rule})"))
        warning = disagreement(a)
        if warning:
            out.append(warning)
    return out


def review_lines(review) -> list[str]:
    """``review --format github``: per-file lines and warnings, then the agreement as a notice."""
    out = summary_lines(review.assessments)
    s = review.summary
    if s.n:
        out.append(command("notice", f"{s.exact} of {s.n} recommendations equal the published tier ({s.within_one} within one step); "
                           f"{s.decided} decided by the evidence, {s.sound} with the published tier among the possible tiers.", title="tierengine review"))
    return out
