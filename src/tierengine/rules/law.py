"""docs/law.md: the statute provision by provision, generated from the rule set.

One row per provision of ``rules/05_provisions.yaml``: its number (and earlier numbers),
a short paraphrase, the report years it is law, the rules citing it and their basis.
Doctrine rules (methodology or practice) follow with the published text they rest on.
Generated, never edited: a test fails when docs/law.md is stale.

    python -m tierengine.rules.law > docs/law.md
"""

from __future__ import annotations

from tierengine.rules.ruleset import RuleSet, cited_provision, load_rules


def _years(effective) -> str:
    return f"{effective.from_}–{effective.to}" if effective.to is not None else f"{effective.from_}–"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def law_markdown(rules: RuleSet | None = None) -> str:
    rules = rules or load_rules()
    citing: dict[str, list] = {}
    for rule in rules.rules.values():
        pid = None if rule.spec.carry else cited_provision(rule.spec.citation, rules.provisions)
        if pid is not None:
            citing.setdefault(pid, []).append(rule)
    out = [
        "# The law, provision by provision",
        "",
        "Generated from `rules/05_provisions.yaml` and the rules by `python -m tierengine.rules.law`;",
        "do not edit. `tierengine check` fails when a provision in force in a year has no rule",
        "(unless a gap is stated) or a rule cites a provision in a year it is not law.",
        "",
        "| provision | paraphrase | report years | enacted | rules (years) | basis |",
        "|---|---|---|---|---|---|",
    ]
    for p in rules.provisions:
        number = f"22 U.S.C. {p.id}" + "".join(f" (cited as {n.cited_as} in {_years(n.effective)})" for n in p.numbering)
        rule_cells = ", ".join(f"`{r.id}` ({_years(r.spec.effective)})" for r in citing.get(p.id, []))
        bases = sorted({r.spec.basis for r in citing.get(p.id, [])})
        out.append(
            f"| {number} | {_cell(p.title)} | {_years(p.effective)} | {_cell(p.enacted)} | "
            f"{rule_cells or _cell('none: ' + (p.gap or 'missing'))} | {', '.join(bases) or '—'} |"
        )
    doctrine = [r for r in rules.rules.values() if r.spec.basis != "statute"]
    out += ["", "## Doctrine rules", "", "Rules that are not statute text, with the published text they rest on.", ""]
    out += ["| rule | basis | citation | rests on | report years |", "|---|---|---|---|---|"]
    out += [f"| `{r.id}` | {r.spec.basis} | {_cell(r.spec.citation)} | {_cell(r.spec.rests_on)} | {_years(r.spec.effective)} |" for r in doctrine]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(law_markdown(), end="")
