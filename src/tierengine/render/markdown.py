"""Markdown for review comments: the tier, the chain as nested lists, the why-not."""

from __future__ import annotations

from tierengine.assessment.explain import Leaf, Node
from tierengine.assessment.result import Assessment
from tierengine.render.possible_out import decider_lines, headline


def _quote(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")


def _node_lines(node, depth: int, out: list[str], seen: set) -> None:
    pad = "  " * depth
    if isinstance(node, Leaf):
        where = f" — `{node.source}:{node.quotes[0][1]}`" if node.quotes else ""
        if node.quotes:
            out.append(f"{pad}- `{node.evidence}` = **{node.value}** ({node.status}): “{_quote(node.quotes[0][0])}”{where}")
        else:
            detail = f" ({node.derived})" if node.derived else ""
            out.append(f"{pad}- `{node.evidence}` = **{node.value}** ({node.status}){detail}")
        return
    role = "" if node.role == "decided" else f" _({node.role})_"
    if node.rule in seen and node.children:  # expand a shared finding once
        out.append(f"{pad}- **{node.finding} = {node.value}** ← `{node.rule}` _(shown above)_")
        return
    seen.add(node.rule)
    out.append(f"{pad}- **{node.finding} = {node.value}** ← `{node.rule}` [{node.citation}]{role}: {node.statement}")
    for child in node.children:
        _node_lines(child, depth + 1, out, seen)


def _failed_lines(items: list[dict], depth: int, out: list[str]) -> None:
    pad = "  " * depth
    for item in items:
        actual = f" (actual: {item['actual']}" + (f", decided by `{item['decided_by']}`)" if "decided_by" in item else ")") if "actual" in item else ""
        out.append(f"{pad}- failed: {item['condition']}{actual}")
        _failed_lines(item.get("failed", []), depth + 1, out)
        for reason in item.get("because", []):
            _blocker_line(reason, depth + 1, out)


def _blocker_line(b: dict, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    out.append(f"{pad}- `{b['rule']}` [{b['citation']}]: {b['statement']}")
    if "shadowed_by" in b:
        out.append(f"{pad}  - held, but an earlier rule decided first: `{b['shadowed_by']}`")
    _failed_lines(b.get("failed", []), depth + 1, out)


def _not_determinable(a: Assessment) -> list[str]:
    line = headline(a)
    return [] if line is None else ["", f"**{line}**", "", *[f"- {d}" for d in decider_lines(a)]]


def render_one(a: Assessment) -> str:
    out = [f"## {a.country} {a.report_year}: {a.shown_tier}", ""]
    if a.published_tier:
        verdict = "agrees with" if a.agrees else "differs from"
        out.append(f"Recommendation **{a.shown_tier}** {verdict} the published **{a.published_tier}**. Deciding rule: `{a.deciding_rule}`.")
    else:
        out.append(f"Recommendation **{a.shown_tier}** (no published tier recorded). Deciding rule: `{a.deciding_rule}`.")
    out += _not_determinable(a)
    out += ["", "### Justification", ""]
    _node_lines(a.justification, 0, out, set())
    if a.not_reached:
        out += ["", "### Why not a better tier", ""]
        for entry in a.not_reached:
            out.append(f"- **{entry['tier']}**")
            for b in entry["blocked_by"]:
                _blocker_line(b, 1, out)
    out += ["", f"_Rules {a.rules_version}, digest `{a.rules_digest}`; evidence `{a.evidence_file}`; source `{a.source_file}`._", ""]
    return "\n".join(out)


def render(assessments: list[Assessment]) -> str:
    return "\n".join(render_one(a) for a in assessments)
