"""The provisions in force as text or Markdown; one provision in detail with its rules."""

from __future__ import annotations

import textwrap

from tierengine.rules.criteria import Criteria, Provision


def _v(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent) or [indent]


def _provision_text(p: Provision, detail: bool) -> list[str]:
    out = [f"  {p.id}  {p.title if p.title != p.id else ''}".rstrip() + f"  [{p.citation}]"]
    out += _wrap(p.paraphrase, "      ")
    if not detail:
        out += _wrap("rules: " + ", ".join(p.rule_ids), "      ")
        return out
    out.append("      rules in force, first match wins within a finding:")
    for r in p.rules:
        out.append(f"      - {r.id} -> {r.finding} = {_v(r.then)}   [{r.citation}] (report years {r.effective})")
        out += _wrap(r.statement, "          ")
        out += _wrap("when: " + r.condition, "          ")
        if r.rests_on:
            out += _wrap(f"basis: {r.basis}, resting on {r.rests_on}", "          ")
    return out


def text(c: Criteria, only: Provision | None = None) -> str:
    if only is not None:
        return "\n".join([f"Report year {c.year} (rules {c.rules_version})", *_provision_text(only, True)])
    out = [f"Provisions in force for the {c.year} report (rules {c.rules_version}, {c.rules_digest})"]
    for s in c.sections:
        out += ["", f"{s.title}  [{s.citation}]" if s.citation else s.title, *_wrap(s.intro, "  ")]
        for p in s.provisions:
            out += _provision_text(p, False)
    if c.parameters:
        out += ["", "Thresholds"]
        for p in c.parameters:
            out.append(f"  {p['id']} = {p['value']}: {p['title']}  [{p['citation']}]")
    if c.not_in_force:
        out += ["", f"Not in force in {c.year}: " + "; ".join(f"{n['id']} [{n['citation']}]" for n in c.not_in_force)]
    out += ["", "Details of one provision: tierengine criteria --year YEAR --id C-1"]
    return "\n".join(out)


def _provision_md(p: Provision, level: str) -> list[str]:
    out = [f"{level} {p.id}: {p.title}" if p.title != p.id else f"{level} {p.id}", "", f"*{p.citation}*. {p.paraphrase}", ""]
    out += ["| rule | gives | when | citation | basis | years |", "|---|---|---|---|---|---|"]
    out += [f"| `{r.id}` | {r.finding} = {_v(r.then)} | {r.condition} | {r.citation} | {r.basis + (': ' + r.rests_on if r.rests_on else '')} | {r.effective} |" for r in p.rules]
    return out + [""]


def markdown(c: Criteria, only: Provision | None = None) -> str:
    if only is not None:
        return "\n".join(_provision_md(only, "##"))
    out = [f"# Provisions in force for the {c.year} report", "", f"Rules {c.rules_version} (`{c.rules_digest}`).", ""]
    for s in c.sections:
        out += [f"## {s.title}" + (f" ({s.citation})" if s.citation else ""), "", s.intro, ""]
        for p in s.provisions:
            out += _provision_md(p, "###")
    if c.parameters:
        out += ["## Thresholds", "", "| parameter | value | citation |", "|---|---|---|"]
        out += [f"| {p['title']} (`{p['id']}`) | {p['value']} | {p['citation']} |" for p in c.parameters]
        out.append("")
    if c.not_in_force:
        out += [f"Not in force in {c.year}: " + "; ".join(f"{n['id']} ({n['citation']})" for n in c.not_in_force), ""]
    return "\n".join(out)
