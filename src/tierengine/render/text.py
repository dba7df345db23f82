"""Rich text for people at a terminal: the tier, why in plain words, the chain, the why-not.

``detail="summary"`` (the default) follows the deciding rules down to the quotes, names
concurring rules in one line each, and gives each better tier's first failed conditions;
``detail="full"`` keeps every rule of the chain and every failed condition.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from rich.tree import Tree

from tierengine.assessment.explain import Leaf, Node
from tierengine.assessment.result import Assessment
from tierengine.render.labels import Names
from tierengine.render.outline import FAILED_MARK, LEGEND, RULE_MARK, Line, considered_line, derived_text, leaf_text, value_text, why_not
from tierengine.render.plain import summary
from tierengine.render.possible_out import WOULD_DECIDE, decided_lines, decider_lines, published_comparison

TIER_STYLE = {"Tier 1": "bold green", "Tier 2": "bold cyan", "Tier 2 Watch List": "bold yellow", "Tier 3": "bold red", "Special Case": "bold magenta"}
ROLE = {"decided": "", "concurring": " (concurring)", "default": " (default: no rule applied)"}


def _leaf(tree: Tree, node: Leaf, names: Names) -> None:
    branch = tree.add(Text(leaf_text(node, names(node.evidence)), style="bold"))
    for quote, line in node.quotes:
        branch.add(Text.assemble(("“" + quote + "”", "italic"), (f"  {node.source} line {line}", "dim")))  # two readers were unsure what ":7" meant
    if node.derived:
        branch.add(Text(derived_text(node.derived), style="dim"))


def _label(node: Node, names: Names) -> Text:
    return Text.assemble(
        (f"{names(node.finding)} = {value_text(node.value)}", "bold"), "  ", (node.rule, "green"), "  ", (f"[{node.citation}]", "blue"), (ROLE[node.role], "dim"),
        "\n" + " ".join(node.statement.split()),
    )


def _add(tree: Tree, node, seen: set, full: bool, names: Names) -> None:
    """The chain below ``node``; without ``full`` only deciding rules are expanded."""
    if isinstance(node, Leaf):
        _leaf(tree, node, names)
        return
    if node.rule in seen and node.children:  # a finding read by several rules: expand it once
        tree.add(Text.assemble((f"{names(node.finding)} = {value_text(node.value)}", "bold"), "  ", (node.rule, "green"), ("  (shown above)", "dim")))
        return
    seen.add(node.rule)
    branch = tree.add(_label(node, names))
    concurring = [c.rule for c in node.children if isinstance(c, Node) and c.role == "concurring" and not full]
    for child in node.children:
        if not (isinstance(child, Node) and child.rule in concurring):
            _add(branch, child, seen, full, names)
    if concurring:
        branch.add(Text(f"also concluded by {', '.join(map(names, concurring))} (--detail full)", style="dim"))


def _brief(line: Line, depth: int, out: list) -> None:
    """Summary why-not: one line per rule with the condition that failed first, nested by reason."""
    if line.kind == "seen":
        out.append(Padding(Text.assemble((f"{RULE_MARK} ", "red"), (line.name, "green"), (f" ({line.text})", "dim")), (0, 0, 0, 2 * depth), expand=False))
        return
    text = Text.assemble((f"{RULE_MARK} ", "red"), (line.name, "green"))  # citations: --detail full
    if line.others:
        text.append(f" and {line.others} other rule{'s' if line.others > 1 else ''}")
    for failed in line.children:  # first_only: at most one
        if failed.kind == "held":
            text.append_text(Text(f": {failed.text}", style="dim"))
            continue
        text.append_text(Text.assemble(": needs ", failed.text, (f" {FAILED_MARK} is {failed.note}" if failed.note else "", "red")))
    if line.more:
        text.append(f" +{line.more} more", style="dim")
    out.append(Padding(text, (0, 0, 0, 2 * depth), expand=False))
    for failed in line.children:
        for child in failed.children:
            _brief(child, depth + 1, out)


def _tier(line: Line) -> Text:
    """A better tier's plain sentence, the tier in its colour."""
    return Text.assemble((line.rule, TIER_STYLE.get(line.rule, "bold")), line.text.removeprefix(line.rule))


def _outline(tree: Tree, line: Line) -> None:
    if line.kind == "tier":
        label = _tier(line)
    elif line.kind == "rule":
        label = Text.assemble((f"{RULE_MARK} ", "red"), (line.name, "green"), "  ", (f"[{line.citation}]", "blue"), "\n", line.text)
    elif line.kind == "seen":
        label = Text.assemble((f"{RULE_MARK} ", "red"), (line.name, "green"), (f"  ({line.text})", "dim"))
    elif line.kind == "held":
        label = Text(line.text, style="dim")
    else:
        decided = f", decided by {line.decided_by}" if line.decided_by else ""
        label = Text.assemble("needs ", line.text, (f"  {FAILED_MARK} is {line.note}{decided}" if line.note else "", "red"))
    branch = tree.add(label)
    for child in line.children:
        _outline(branch, child)


def _not_determinable(a: Assessment) -> list:
    """An open case: what would decide it, and what the evidence does decide (no tier shown)."""
    if a.decided:
        return []
    would = Tree(Text(WOULD_DECIDE, style="bold yellow"))
    for decider in decider_lines(a):
        would.add(Text(decider))
    decides = Tree(Text("What the evidence decides", style="bold underline"))
    for line in decided_lines(a):
        decides.add(Text(line))
    return [would, decides]


def renderable(a: Assessment, detail: str = "summary"):
    full = detail == "full"
    head = Text.assemble((f"{a.country} {a.report_year}: ", "bold"), (a.shown_tier, TIER_STYLE.get(a.shown_tier, "bold yellow")))
    if a.published_tier:
        mark, words = published_comparison(a)
        head.append_text(Text(f"  {mark} {words}", style={"✓": "green", "≠": "red"}.get(mark, "yellow")))
    parts = [head, Text(summary(a))]
    if a.unconfirmed:
        parts.append(Text(f"rests on unconfirmed drafted facts: {', '.join(a.unconfirmed)} (tierengine confirm)", style="bold yellow"))
    parts += _not_determinable(a)
    if a.decided or full:
        chain = Tree(Text("Deciding chain" if a.decided else "The engine's computation (no placement row applied)", style="bold underline"))
        _add(chain, a.justification, set(), full, Names(a))
        parts.append(chain)
    if full and (considered := considered_line(a, Names(a))):  # beyond the first screen's 60 lines
        parts.append(Text(considered, style="dim"))
    heading = Text.assemble(("Why not a better tier", "bold underline"), (f"  {LEGEND}", "dim"))  # marks: render/outline.py
    if a.not_reached and full:
        why = Tree(heading)
        for line in why_not(a, first_only=False):
            _outline(why, line)
        parts.append(why)
    elif a.not_reached and a.decided:  # an open case has no tier to improve on: see what would decide it
        parts.append(heading)
        for tier in why_not(a):
            parts.append(_tier(tier))
            for line in tier.children:
                _brief(line, 1, parts)
    more = "" if full else " · all rules: --detail full"
    parts.append(Text(f"rules {a.rules_version} ({a.rules_digest}) · evidence {a.evidence_file} · source {a.source_file}{more}", style="dim"))
    return Group(*parts)
