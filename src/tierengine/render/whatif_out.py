"""What-if results as text or Markdown: the changes, the tier before and after, what moved."""

from __future__ import annotations

from tierengine.analyses.whatif import WhatIf


def _v(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _tier_line(w: WhatIf) -> str:
    moved = "changed" if w.tier_before != w.tier_after else "unchanged"
    return f"{w.tier_before} -> {w.tier_after} ({moved})"


def text(w: WhatIf) -> str:
    a = w.before.assessment
    out = [f"What if: {a.country} {a.report_year}", "", "Changes (hypothetical, not from the source):"]
    for c in w.changes:
        out.append(f"  {c.as_set():45} was: {w.was[c.path]}")
    out += ["", f"Tier: {_tier_line(w)}"]
    out.append(f"  deciding rule: {w.before.assessment.deciding_rule} -> {w.after.assessment.deciding_rule}")
    out += ["", "Findings and deciding rules that changed:"]
    if not w.changed_findings:
        out.append("  none")
    for f in w.changed_findings:
        value = f"{_v(f['before'])} -> {_v(f['after'])}" if f["before"] != f["after"] else f"{_v(f['after'])} (same value)"
        out.append(f"  {f['finding']}: {value}")
        out.append(f"      rule: {f['rule_before']} -> {f['rule_after']}")
    return "\n".join(out)


def markdown(w: WhatIf) -> str:
    a = w.before.assessment
    out = [f"## What if: {a.country} {a.report_year}", "", "| change (hypothetical) | was |", "|---|---|"]
    out += [f"| `{c.as_set()}` | {w.was[c.path]} |" for c in w.changes]
    out += ["", f"**Tier:** {_tier_line(w)}. Deciding rule `{w.before.assessment.deciding_rule}` -> `{w.after.assessment.deciding_rule}`.", ""]
    out += ["| finding | before | after | rule before | rule after |", "|---|---|---|---|---|"]
    out += [
        f"| {f['finding']} | {_v(f['before'])} | {_v(f['after'])} | `{f['rule_before']}` | `{f['rule_after']}` |"
        for f in w.changed_findings
    ]
    return "\n".join(out) + "\n"
