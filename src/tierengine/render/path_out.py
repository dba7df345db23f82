"""Path results as text or Markdown: each minimal change set in the words of its rules."""

from __future__ import annotations

from tierengine.analyses.path import PathResult


def _clean(text: str) -> str:
    return " ".join(text.split())


def _summary(r: PathResult) -> str:
    if r.already:
        return f"{r.country} {r.report_year} is already on {r.tier}, which reaches {r.target}; no change is needed."
    scope = (
        f"exhaustive up to {r.exhaustive_up_to} change{'s' if r.exhaustive_up_to != 1 else ''}"
        if r.exhaustive_up_to else "not exhaustive for any size"
    )
    return (
        f"{len(r.sets)} minimal change set{'s' if len(r.sets) != 1 else ''} of at most {r.max_changes} "
        f"({scope}; {r.examined} sets screened from {len(r.candidates)} candidate changes in {r.seconds:.2f} s; "
        "every set shown verified by a real assessment)."
    )


def text(r: PathResult) -> str:
    out = [f"Path to {r.target}: {r.country} {r.report_year} (now {r.tier})", _summary(r)]
    if r.cut:
        out.append(f"SEARCH CUT: {r.cut}.")
    if not r.sets and not r.already and not r.cut:
        out.append(f"No set of {r.max_changes} or fewer changes reaches {r.target}; try a larger --max-changes.")
    for n, s in enumerate(r.sets, start=1):
        out += ["", f"Set {n}: {s.size} change{'s' if s.size != 1 else ''} -> {s.tier} (verified; deciding rule {s.deciding_rule})"]
        for i, step in enumerate(s.steps, start=1):
            c = step.change
            shown = c.shown_value().replace("_", " ")
            target = c.path if c.field in (None, "value") else f"{c.path}.{c.field}"
            out.append(f"  {i}. {target}: {step.was} -> {shown}")
            for rule in step.now_fires:
                out.append(f"       now meets   {rule['rule']} [{rule['citation']}]: {_clean(rule['statement'])}")
            for rule in step.stops_firing:
                out.append(f"       no longer   {rule['rule']} [{rule['citation']}]: {_clean(rule['statement'])}")
        for c in s.followups:
            out.append(f"  also: {c.path} becomes missing (no rule reads it; it would contradict the changes)")
        out.append(f"  try: tierengine whatif {r.evidence_file} " + " ".join(f"--set {c.as_set()}" for c in s.all_changes))
    return "\n".join(out)


def markdown(r: PathResult) -> str:
    out = [f"## Path to {r.target}: {r.country} {r.report_year} (now {r.tier})", "", _summary(r)]
    if r.cut:
        out += ["", f"**Search cut:** {r.cut}."]
    for n, s in enumerate(r.sets, start=1):
        out += ["", f"### Set {n}: {s.size} change{'s' if s.size != 1 else ''} -> {s.tier}", ""]
        for step in s.steps:
            out.append(f"- `{step.change.as_set()}` (was: {step.was})")
            for rule in step.now_fires:
                out.append(f"  - now meets `{rule['rule']}` [{rule['citation']}]: {_clean(rule['statement'])}")
            for rule in step.stops_firing:
                out.append(f"  - no longer `{rule['rule']}` [{rule['citation']}]: {_clean(rule['statement'])}")
        for c in s.followups:
            out.append(f"- `{c.as_set()}` (no rule reads it; it would contradict the changes)")
    return "\n".join(out) + "\n"
