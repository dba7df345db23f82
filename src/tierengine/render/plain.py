"""The plain-language summary that opens a report, generated from the justification chain.

Sentences come from per-rule templates in ``plain.yaml`` (data, never per country) filled
with the rule's citation and the facts it rests on; a chain without any falls back to the
deciding rule's statement. ``summary`` returns one paragraph so a later line (e.g. the
possible tiers when evidence does not decide) can be added beside it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tierengine.assessment.explain import Leaf, Node
from tierengine.assessment.result import Assessment

MAX_REASONS = 2


@lru_cache(maxsize=1)
def templates() -> dict:
    from tierengine.evidence.yamlsource import load_package_data

    return load_package_data(Path(__file__).parent / "plain.yaml")


def fact_name(path: str) -> str:
    return templates()["facts"].get(path) or path.split(".", 1)[-1].replace("_", " ")


def joined(names: list[str], word: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def leaves(node: Node) -> list[Leaf]:
    """Facts anywhere below ``node``, each once, in chain order."""
    out: dict[str, Leaf] = {}
    stack = list(reversed(node.children))
    while stack:
        item = stack.pop()
        if isinstance(item, Leaf):
            out.setdefault(item.evidence, item)
        else:
            stack.extend(reversed(item.children))
    return list(out.values())


def template_of(node: Node) -> str | None:
    rules = templates()["rules"]
    return rules.get(node.rule) or (rules.get(node.finding) if node.role != "default" else None)


def sentence(node: Node) -> str:
    """A node's plain sentence: its template filled in, or its statement with the citation."""
    template = template_of(node)
    if template is None:
        text = node.statement.strip().rstrip(".")
        return f"{text[:1].lower()}{text[1:]} ({node.citation})"
    names = [fact_name(leaf.evidence) for leaf in leaves(node)] or ["the facts recorded"]
    return template.format(citation=node.citation, facts=joined(names, "and"), any_facts=joined(names, "or"))


def reasons(root: Node, limit: int = MAX_REASONS) -> list[Node]:
    """The first nodes below the tier (depth first, each rule once) that have a template."""
    found: list[Node] = []
    seen: set[str] = set()

    def walk(node: Node) -> None:
        if len(found) >= limit or node.rule in seen:
            return
        seen.add(node.rule)
        if template_of(node):
            found.append(node)
        for child in node.children:
            if isinstance(child, Node):
                walk(child)

    walk(root)
    return found


def summary(a: Assessment) -> str:
    """One paragraph: the tier and why, in plain words with the provisions; or that it is open."""
    if not a.decided:
        from tierengine.render.possible_out import headline

        return f"{a.country}'s tier is n{headline(a)[1:]}"
    nodes = reasons(a.justification)
    if not nodes:  # generic fallback: the deciding rule's own words
        nodes = [_deciding_node(a.justification, a.deciding_rule) or a.justification]
    parts = [sentence(n) for n in nodes]
    if len(parts) > 1:
        parts[1:] = [_also(p) for p in parts[1:]]
    return f"{a.country} is on {a.tier}: {'; '.join(parts)}."


def _also(text: str) -> str:
    """'the government did ...' -> 'the government also did ...' reads as a second reason."""
    head, _, rest = text.partition(" ")
    second, _, tail = rest.partition(" ")
    return f"{head} {second} also {tail}" if head == "the" and tail else f"also, {text}"


def _deciding_node(node: Node, rule: str) -> Node | None:
    if node.rule == rule:
        return node
    for child in node.children:
        if isinstance(child, Node) and (hit := _deciding_node(child, rule)):
            return hit
    return None
