"""Rich text for people at a terminal: a tree from the tier down to the quotes."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from tierengine.assessment.explain import Leaf, Node
from tierengine.assessment.result import Assessment
from tierengine.render.possible_out import decider_lines, headline

TIER_STYLE = {"Tier 1": "bold green", "Tier 2": "bold cyan", "Tier 2 Watch List": "bold yellow", "Tier 3": "bold red", "Special Case": "bold magenta"}


def _add(tree: Tree, node, seen: set) -> None:
    if isinstance(node, Leaf):
        label = Text.assemble((node.evidence, "bold"), " = ", (str(node.value), "cyan"), f" ({node.status})")
        branch = tree.add(label)
        for quote, line in node.quotes:
            branch.add(Text.assemble(("“" + quote + "”", "italic"), (f"  {node.source}:{line}", "dim")))
        if node.derived:
            branch.add(Text(node.derived, style="dim"))
        return
    role = {"decided": "", "concurring": " (concurring)", "default": " (default: no rule applied)"}[node.role]
    if node.rule in seen and node.children:  # a finding read by several rules: expand it once
        tree.add(Text.assemble((f"{node.finding} = {node.value}", "bold"), "  ", (node.rule, "green"), ("  (shown above)", "dim")))
        return
    seen.add(node.rule)
    label = Text.assemble(
        (f"{node.finding} = {node.value}", "bold"), "  ", (node.rule, "green"), "  ", (f"[{node.citation}]", "blue"), (role, "dim"),
        "\n", (node.statement, ""),
    )
    branch = tree.add(label)
    for child in node.children:
        _add(branch, child, seen)


def _failed(tree: Tree, items: list[dict]) -> None:
    for item in items:
        actual = f"  (actual: {item['actual']}" + (f", decided by {item['decided_by']})" if "decided_by" in item else ")") if "actual" in item else ""
        branch = tree.add(Text.assemble(("✗ ", "red"), item["condition"], (actual, "dim")))
        _failed(branch, item.get("failed", []))
        for reason in item.get("because", []):
            _blocker(branch, reason)


def _blocker(tree: Tree, b: dict) -> None:
    branch = tree.add(Text.assemble((b["rule"], "green"), "  ", (f"[{b['citation']}]", "blue"), "\n", b["statement"]))
    if "shadowed_by" in b:
        branch.add(Text(f"held, but {b['shadowed_by']} decided first", style="dim"))
    _failed(branch, b.get("failed", []))


def _not_determinable(a: Assessment) -> list:
    """The tiers still possible and what would decide, when the evidence does not decide."""
    line = headline(a)
    if line is None:
        return []
    tree = Tree(Text(line, style="bold yellow"))
    for decider in decider_lines(a):
        tree.add(Text(decider))
    return [tree]


def renderable(a: Assessment):
    style = TIER_STYLE.get(a.shown_tier, "bold")
    head = Text.assemble(f"{a.country} {a.report_year}: ", (a.shown_tier, style))
    if a.published_tier:
        mark = ("  ✓ agrees with published ", "green") if a.agrees else ("  ✗ published tier is ", "red")
        head.append_text(Text.assemble(mark, (a.published_tier, TIER_STYLE.get(a.published_tier, "bold"))))
    chain = Tree(Text("Justification", style="bold underline"))
    _add(chain, a.justification, set())
    parts = [*_not_determinable(a), chain]
    if a.not_reached:
        why = Tree(Text("Why not a better tier", style="bold underline"))
        for entry in a.not_reached:
            branch = why.add(Text(entry["tier"], style=TIER_STYLE.get(entry["tier"], "bold")))
            for b in entry["blocked_by"]:
                _blocker(branch, b)
        parts.append(why)
    parts.append(Text(f"rules {a.rules_version} ({a.rules_digest}) · evidence {a.evidence_file} · source {a.source_file}", style="dim"))
    return Panel(Group(*parts), title=head, title_align="left")
