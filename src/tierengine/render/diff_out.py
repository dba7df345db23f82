"""`tierengine diff` as plain text, Markdown (a pull-request comment), GitHub annotations or JSON."""

from __future__ import annotations

import json

from tierengine.analyses.diff import Change, DiffResult
from tierengine.render.github import command


def _show(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _head(c: Change) -> str:
    tiers = f"{c.before} -> {c.after}" if c.tier_changed else f"{c.before} (tier unchanged)"
    return f"{c.country} {c.year}: {tiers}"


def _first(c: Change) -> str:
    if c.finding is None:
        return f"only the possible tiers differ: {', '.join(c.possible_before)} -> {', '.join(c.possible_after)}"
    old = f"{_show(c.old.value)} by {c.old.rule} [{c.old.citation}]" if c.old else "absent"
    new = f"{_show(c.new.value)} by {c.new.rule} [{c.new.citation}]" if c.new else "absent"
    return f"first difference {c.finding}: {old} -> {new}"


def text(result: DiffResult) -> str:
    out = [f"Rules {result.old_rules} -> {result.new_rules}: {result.summary()}"]
    for c in result.changes:
        out += ["", _head(c) + f"  ({c.file})", "  " + _first(c)]
        if c.old and c.new:
            out += [f"    old: {c.old.statement}", f"    new: {c.new.statement}"]
        if c.also:
            out.append(f"  then also: {', '.join(c.also)}")
    return "\n".join(out) + "\n"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(result: DiffResult) -> str:
    out = [f"## Rule-set diff: `{result.old_rules}` -> `{result.new_rules}`", "", f"**{result.summary()}**", ""]
    if result.changes:
        out += ["| assessment | tier | first difference | old rule | new rule |", "|---|---|---|---|---|"]
        for c in result.changes:
            tier = f"{c.before} → {c.after}" if c.tier_changed else f"{c.before} (unchanged)"
            old = f"`{c.old.rule}` ({_show(c.old.value)}) {c.old.citation}" if c.old else "—"
            new = f"`{c.new.rule}` ({_show(c.new.value)}) {c.new.citation}" if c.new else "—"
            out.append(f"| {_cell(c.country)} {c.year} | {_cell(tier)} | {_cell(c.finding or 'possible tiers')} | {_cell(old)} | {_cell(new)} |")
    return "\n".join(out) + "\n"


def github(result: DiffResult) -> str:
    """A warning on each evidence file whose tier changes, a notice for other changes, and the summary."""
    lines = [
        command("warning" if c.tier_changed else "notice", f"{_head(c)}; {_first(c)}", c.file, 1, title="tierengine diff")
        for c in result.changes
    ]
    return "\n".join([*lines, command("notice", result.summary(), title="tierengine diff")]) + "\n"


def as_json(result: DiffResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
