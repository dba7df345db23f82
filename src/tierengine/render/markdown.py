"""Markdown for review comments: the tier, why in plain words, the chain, the why-not.

Same reading as the text view (render/text.py): ``detail="summary"`` expands the deciding
rules only and gives each better tier's first failed conditions; ``"full"`` gives all.
"""

from __future__ import annotations

from tierengine.assessment.explain import Leaf, Node
from tierengine.assessment.result import Assessment
from tierengine.render.labels import Names
from tierengine.render.outline import FAILED_MARK, LEGEND, RULE_MARK, Line, considered_line, derived_text, leaf_text, value_text, why_not
from tierengine.render.plain import summary
from tierengine.render.possible_out import WOULD_DECIDE, decided_lines, decider_lines, published_comparison


def _quote(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")


def _id(names: Names, ident: str) -> str:
    """```C-2` (protecting victims)``: the id as code, its label as text."""
    text = names(ident)
    return f"`{ident}`{text[len(ident):]}"


def _node_lines(node, depth: int, out: list[str], seen: set, full: bool, names: Names) -> None:
    pad = "  " * depth
    if isinstance(node, Leaf):
        where = f" — `{node.source}` line {node.quotes[0][1]}" if node.quotes else ""
        shown = leaf_text(node, _id(names, node.evidence))
        if node.quotes:
            out.append(f"{pad}- {shown}: “{_quote(node.quotes[0][0])}”{where}")
        else:
            detail = f" ({derived_text(node.derived)})" if node.derived else ""
            out.append(f"{pad}- {shown}{detail}")
        return
    role = "" if node.role == "decided" else f" _({node.role})_"
    if node.rule in seen and node.children:  # expand a shared finding once
        out.append(f"{pad}- **{names(node.finding)} = {value_text(node.value)}** ← `{node.rule}` _(shown above)_")
        return
    seen.add(node.rule)
    out.append(f"{pad}- **{names(node.finding)} = {value_text(node.value)}** ← `{node.rule}` [{node.citation}]{role}: {' '.join(node.statement.split())}")
    concurring = [] if full else [c.rule for c in node.children if isinstance(c, Node) and c.role == "concurring"]
    for child in node.children:
        if not (isinstance(child, Node) and child.rule in concurring):
            _node_lines(child, depth + 1, out, seen, full, names)
    if concurring:
        out.append(f"{pad}  - also concluded by {', '.join(_id(names, r) for r in concurring)}")


def _rule(line: Line) -> str:
    """``⊘ `tier.waiver` (final tier) and 3 other rules``."""
    others = f" and {line.others} other rule{'s' if line.others > 1 else ''}" if line.others else ""
    return f"{RULE_MARK} `{line.rule}`{line.name[len(line.rule):]}{others}"


def _why_lines(line: Line, depth: int, out: list[str], full: bool) -> None:
    pad = "  " * depth
    if line.kind == "seen":
        out.append(f"{pad}- {_rule(line)} _(shown above)_")
        return
    if line.kind == "held":
        out.append(f"{pad}- {line.text}")
        return
    if line.kind == "failed":
        decided = f", decided by {line.decided_by}" if line.decided_by else ""
        out.append(f"{pad}- needs {line.text}" + (f" {FAILED_MARK} is {line.note}{decided}" if line.note else ""))
        for child in line.children:
            _why_lines(child, depth + 1, out, full)
        return
    if full:
        out.append(f"{pad}- {_rule(line)} [{line.citation}]: {line.text}")
        for child in line.children:
            _why_lines(child, depth + 1, out, full)
        return
    needs = "".join(f": {f.text}" if f.kind == "held" else f": needs {f.text}" + (f" {FAILED_MARK} is {f.note}" if f.note else "") for f in line.children)
    out.append(f"{pad}- {_rule(line)}{needs}" + (f" _+{line.more} more_" if line.more else ""))
    for failed in line.children:
        for child in failed.children:
            _why_lines(child, depth + 1, out, full)


def _not_determinable(a: Assessment) -> list[str]:
    """An open case: what would decide it, and what the evidence does decide (no tier shown)."""
    if a.decided:
        return []
    return [
        "", f"**{WOULD_DECIDE}:**", "", *[f"- {d}" for d in decider_lines(a)],
        "", "**What the evidence decides:**", "", *[f"- {d}" for d in decided_lines(a)],
    ]


def render_one(a: Assessment, detail: str = "summary") -> str:
    full = detail == "full"
    out = [f"## {a.country} {a.report_year}: {a.shown_tier}", ""]
    if a.published_tier:
        mark, words = published_comparison(a)
        out.append(f"Recommendation **{a.shown_tier}**: {mark} {words}. Deciding rule: {_id(Names(a), a.deciding_rule)}.")
    else:
        out.append(f"Recommendation **{a.shown_tier}** (no published tier recorded). Deciding rule: {_id(Names(a), a.deciding_rule)}.")
    out += ["", summary(a)]
    if a.unconfirmed:
        out += ["", f"**Rests on unconfirmed drafted facts:** {', '.join(f'`{f}`' for f in a.unconfirmed)} (`tierengine confirm`)"]
    out += _not_determinable(a)
    if a.decided or full:
        out += ["", "### Deciding chain" if a.decided else "### The engine's computation (no placement row applied)", ""]
        _node_lines(a.justification, 0, out, set(), full, Names(a))
    if considered := considered_line(a, Names(a)):
        out += ["", considered]
    if a.not_reached and (a.decided or full):
        out += ["", "### Why not a better tier", "", f"_{LEGEND}_", ""]
        for tier in why_not(a, first_only=not full, labels_per_tier=True):
            out.append(f"- **{tier.rule}**{tier.text.removeprefix(tier.rule)}")
            for line in tier.children:
                _why_lines(line, 1, out, full)
    out += ["", f"_Rules {a.rules_version}, digest `{a.rules_digest}`; evidence `{a.evidence_file}`; source `{a.source_file}`._", ""]
    return "\n".join(out)


def render(assessments: list[Assessment], detail: str = "summary") -> str:
    return "\n".join(render_one(a, detail) for a in assessments)
