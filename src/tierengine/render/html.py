"""One self-contained HTML page per run: tier, criteria matrix, folding chain, why-not.

Everything is inline (CSS, a little JavaScript, no fonts or images) and a
Content-Security-Policy forbids any network access, so the page can be mailed or
archived and opens the same offline. The justification tree is nested ``<details>``
that fold open down to each quote, shown highlighted in its context in the source
narrative. Printing opens every fold. The script also honours ``#expand`` in the
address (opens everything and sets ``data-opened`` on <body>), which the browser test
uses; any script error is counted in ``data-errors`` on <html>.
"""

from __future__ import annotations

import html
from pathlib import Path

from tierengine.assessment.explain import Leaf, Node
from tierengine.assessment.result import Assessment
from tierengine.render import timeline
from tierengine.render.labels import Names, label
from tierengine.render.outline import FAILED_MARK, LEGEND, RULE_MARK, actual_text, considered_line, derived_text, leaf_text, tier_sentence, value_text
from tierengine.render.plain import summary as plain_summary
from tierengine.render.possible_out import WOULD_DECIDE, decided_lines, decider_lines, published_comparison

OPEN_LEVELS = 3  # chain levels open when the page loads (tier, placement, determination)
MATRIX = [f"MS-{i}" for i in range(1, 5)] + [f"C-{i}" for i in range(1, 13)]
VALUE_CLASS = {"met": "met", "not_met": "not-met", "not_determinable": "nd"}
VALUE_WORDS = {"met": "met", "not_met": "not met", "not_determinable": "not determinable"}
TIER_CLASS = {"Tier 1": "t1", "Tier 2": "t2", "Tier 2 Watch List": "t2wl", "Tier 3": "t3", "Special Case": "sc"}

CSS = """
:root { --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --soft:#f6f8fa;
  --met:#1a7f37; --met-bg:#dafbe1; --not:#b42318; --not-bg:#ffebe9; --nd:#59636e; --nd-bg:#eaeef2; --mark:#fff3b0; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; color:var(--ink); background:var(--bg); }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 10px; border-bottom:1px solid var(--line); padding-bottom:4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.sub { color: var(--muted); margin: 0 0 12px; }
.tier { display:inline-block; padding:2px 12px; border-radius: 999px; font-weight:700; color:#fff; }
.t1 { background:#1a7f37; } .t2 { background:#0969da; } .t2wl { background:#bf8700; } .t3 { background:#b42318; } .sc { background:#8250df; }
.summary { font-size: 17px; margin: 12px 0; max-width: 56em; }
.timeline { display:block; margin: 6px 0 0; } .timeline-legend { font-size: 12px; color: var(--muted); }
.verdict { margin: 10px 0; padding: 10px 14px; background: var(--soft); border-left: 4px solid var(--line); }
.verdict.agree { border-color: var(--met); } .verdict.differ { border-color: var(--not); }
.toolbar { margin: 12px 0; } .toolbar button { font: inherit; padding: 4px 12px; margin-right: 6px; border:1px solid var(--line); background:#fff; border-radius:6px; cursor:pointer; }
table.matrix { border-collapse: collapse; width: 100%; font-size: 14px; }
.matrix th, .matrix td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
.matrix th { background: var(--soft); font-weight: 600; }
.matrix td.id { font-weight: 700; white-space: nowrap; } .matrix td.cite { color: var(--muted); white-space: nowrap; font-size: 13px; }
.val { display:inline-block; min-width: 9.5em; padding: 1px 8px; border-radius: 4px; font-weight: 600; text-align:center; white-space: nowrap; }
.val.met { color: var(--met); background: var(--met-bg); } .val.not-met { color: var(--not); background: var(--not-bg); } .val.nd { color: var(--nd); background: var(--nd-bg); }
.legend span { margin-right: 12px; }
details { margin: 3px 0 3px 0; } details > summary { cursor: pointer; padding: 2px 0; }
details details, .tree ul { margin-left: 20px; }
.node > summary .finding { font-weight: 700; } .rule { font-family: ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size: 13px; color: #0550ae; }
.cite { color: var(--muted); font-size: 13px; } .role { color: var(--muted); font-style: italic; font-size: 13px; }
.statement { margin: 2px 0 4px 20px; }
.leaf > summary { color: var(--ink); } .leaf code { font-size: 13px; }
blockquote { margin: 4px 0 8px 20px; padding: 6px 12px; background: var(--soft); border-left: 3px solid #d4a72c; font-size: 14px; }
blockquote .ctx { color: var(--muted); } mark { background: var(--mark); padding: 0 1px; }
.where { display:block; color: var(--muted); font-size: 12px; margin-top: 2px; }
.hypo { color: #8250df; font-weight: 600; } .derived { margin-left: 20px; color: var(--muted); font-size: 13px; }
.fail { color: var(--not); } .held { color: var(--muted); } .label { color: var(--muted); }
.why ul { list-style: none; padding-left: 18px; } .why li { margin: 2px 0; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
article + article { margin-top: 56px; border-top: 3px solid var(--line); }
@media (max-width: 720px) { main { padding: 12px; } .matrix td.cite { white-space: normal; } }
@media print {
  body { font-size: 11pt; } main { max-width: none; padding: 0; } .toolbar { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; } details > summary::-webkit-details-marker { display: none; }
  h2 { break-after: avoid; } tr, blockquote { break-inside: avoid; }
  .val, .tier, mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""

# Counts script errors on <html data-errors>; runs before anything else.
GUARD = """document.documentElement.dataset.errors = "0";
window.addEventListener("error", function () { var d = document.documentElement.dataset; d.errors = String(Number(d.errors) + 1); });"""

SCRIPT = """(function () {
  function all(open) { document.querySelectorAll("details").forEach(function (d) { d.open = open; }); }
  document.querySelectorAll("[data-expand]").forEach(function (b) { b.addEventListener("click", function () { all(b.dataset.expand === "1"); }); });
  window.addEventListener("beforeprint", function () { all(true); });
  if (location.hash === "#expand") {
    all(true);
    document.body.dataset.opened = String(document.querySelectorAll("details[open]").length);
  }
  document.body.dataset.ready = "1";
})();"""


def _e(value: object) -> str:
    if isinstance(value, bool):
        value = str(value).lower()
    return html.escape(str(value), quote=True)


class _Sources:
    """Source narratives by path, read once, for quotes in context."""

    def __init__(self):
        self._texts: dict[str, object] = {}

    def context(self, source: str | None, quote: str):
        if not source:
            return None
        if source not in self._texts:
            from tierengine.evidence.quotes import load_source

            path = Path(source)
            self._texts[source] = load_source(path) if path.is_file() else None
        text = self._texts[source]
        return text.context(quote, 160) if text is not None else None


def _quote_html(quote: str, line, source: str | None, sources: _Sources) -> str:
    ctx = sources.context(source, quote)
    if ctx:
        before, hit, after = ctx
        before = before.split(" ", 1)[1] if " " in before else before  # start and end on whole words
        after = after.rsplit(" ", 1)[0] if " " in after else after
        body = f'<span class="ctx">…{_e(before)}</span><mark>{_e(hit)}</mark><span class="ctx">{_e(after)}…</span>'
    else:
        body = f"<mark>{_e(quote)}</mark>"
    where = f'<span class="where">{_e(source)} line {_e(line)}</span>' if source else ""
    return f"<blockquote>{body}{where}</blockquote>"


def _label(names: Names, ident: str) -> str:
    """The label beside an id, as HTML ('' when it has none)."""
    text = label(names.a, ident)
    return f' <span class="label">({_e(text)})</span>' if text else ""


def _leaf(leaf: Leaf, sources: _Sources, names: Names) -> str:
    hypothetical = bool(leaf.derived and leaf.derived.startswith("hypothetical"))
    tag = ' <span class="hypo">hypothetical</span>' if hypothetical else ""
    head = f'<summary><code>{_e(leaf_text(leaf))}</code>{_label(names, leaf.evidence)}{tag}</summary>'
    body = "".join(_quote_html(q, line, leaf.source, sources) for q, line in leaf.quotes)
    if leaf.derived:
        body += f'<p class="derived">{_e(derived_text(leaf.derived))}</p>'
    if not body:
        body = '<p class="derived">the source says nothing about this fact</p>'
    return f'<details class="leaf">{head}{body}</details>'


def _node(node: Node, sources: _Sources, seen: set, names: Names, depth: int = 0) -> str:
    """A rule as a fold; the first levels start open so the substantive reason shows at once."""
    if isinstance(node, Leaf):
        return _leaf(node, sources, names)
    role = "" if node.role == "decided" else f' <span class="role">({_e(node.role)})</span>'
    anchor = "n-" + "".join(ch if ch.isalnum() else "-" for ch in node.rule)
    summary = (
        f'<summary><span class="finding">{_e(node.finding)} = {_e(value_text(node.value))}</span>{_label(names, node.finding)} '
        f'<span class="rule">{_e(node.rule)}</span> <span class="cite">[{_e(node.citation)}]</span>{role}</summary>'
    )
    if node.rule in seen and node.children:
        return f'<details class="node">{summary}<p class="statement">{_e(node.statement)} <a href="#{anchor}">(shown above)</a></p></details>'
    seen.add(node.rule)
    children = "".join(_node(c, sources, seen, names, depth + 1) for c in node.children)
    opened = " open" if depth < OPEN_LEVELS else ""
    return f'<details class="node" id="{anchor}"{opened}>{summary}<p class="statement">{_e(node.statement)}</p>{children}</details>'


def _failed(items: list[dict], names: Names) -> str:
    """Failed conditions: what a rule needs, and (✗) what the evidence shows instead."""
    out = []
    for item in items:
        decided = f', decided by <span class="rule">{_e(item["decided_by"])}</span>{_label(names, item["decided_by"])}' if "decided_by" in item else ""
        actual = f' <span class="fail">{FAILED_MARK} is {_e(actual_text(item))}</span><span class="cite">{decided}</span>' if "actual" in item else ""
        inner = _failed(item.get("failed", []), names) + "".join(_blocker(b, names) for b in item.get("because", []))
        out.append(f'<li>needs {_e(names.ids(item["condition"]))}{actual}{"<ul>" + inner + "</ul>" if inner else ""}</li>')
    return "".join(out)


def _blocker(b: dict, names: Names) -> str:
    """A rule that would give the better tier and did not apply (⊘)."""
    head = f'<span class="fail">{RULE_MARK}</span> <span class="rule">{_e(b["rule"])}</span>{_label(names, b["rule"])} <span class="cite">[{_e(b["citation"])}]</span> {_e(b["statement"])}'
    if "shadowed_by" in b:
        shadow = f'<span class="rule">{_e(b["shadowed_by"])}</span>{_label(names, b["shadowed_by"])}'
        return f'<li>{head}<ul><li class="held">its conditions hold too, but {shadow} takes precedence</li></ul></li>'
    return f"<li>{head}<ul>{_failed(b.get('failed', []), names)}</ul></li>"


def _matrix(a: Assessment, rules, reasons: dict) -> str:
    rows = []
    for fid in MATRIX:
        if fid not in a.findings:
            continue
        value = a.findings[fid]
        spec = rules.findings[fid].spec if rules is not None and fid in rules.findings else None
        title = spec.title if spec else ""
        citation = rules.cited_in(spec.citation, a.report_year) if spec else ""  # as numbered in the report year
        rule, statement = reasons.get(fid, ("", ""))
        why = f'<span class="rule">{_e(rule)}</span> {_e(statement)}' if rule else ""  # the title column is the label
        cls = VALUE_CLASS.get(value, "nd")
        rows.append(
            f'<tr><td class="id">{_e(fid)}</td><td>{_e(title)}</td><td class="cite">{_e(citation)}</td>'
            f'<td><span class="val {cls}">{_e(VALUE_WORDS.get(value, value))}</span></td><td>{why}</td></tr>'
        )
    legend = '<p class="legend"><span><span class="val met">met</span></span><span><span class="val not-met">not met</span></span><span><span class="val nd">not determinable</span></span></p>'
    return (
        f'{legend}<table class="matrix"><thead><tr><th>id</th><th>standard / criterion</th><th>citation</th><th>result</th><th>why (deciding rule)</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )


def _reasons(a: Assessment, rules) -> dict:
    """Deciding rule and statement of each matrix finding, as the engine decided them."""
    if rules is None:
        return {}
    out = {}
    for fid in MATRIX:
        rule_id = a.decided_by.get(fid)
        if rule_id is None:
            continue
        rule = rules.rules.get(rule_id)
        out[fid] = (rule_id, rule.spec.statement if rule else rules.findings[fid].spec.default_statement)
    return out


def _not_determinable(a: Assessment) -> str:
    """An open case: what would decide it, and what the evidence does decide (no tier shown)."""
    if a.decided:
        return ""
    names = Names(a, once=False)
    would = "".join(f"<li>{_e(d)}</li>" for d in decider_lines(a, names))
    decides = "".join(f"<li>{_e(d)}</li>" for d in decided_lines(a, names))
    return (
        f'<div class="undecided"><p><b>{_e(WOULD_DECIDE)}:</b></p><ul>{would}</ul>'
        f"<p><b>What the evidence decides:</b></p><ul>{decides}</ul></div>"
    )


def article(a: Assessment, rules=None, sources: _Sources | None = None) -> str:
    sources = sources or _Sources()
    names = Names(a, once=False)  # read by opening folds: every id keeps its label
    tier_cls = TIER_CLASS.get(a.shown_tier, "sc")
    if a.published_tier:
        agree = "agree" if a.agrees else "differ"
        words = published_comparison(a)[1] if not a.decided else ("agrees" if a.agrees else "differs")
        verdict = (
            f'<p class="verdict {agree}">The rules give <b>{_e(a.shown_tier)}</b>; the report published <b>{_e(a.published_tier)}</b> '
            f"({_e(words)}). The published tier is shown for comparison only; the rules never read it.</p>"
        )
    else:
        verdict = f'<p class="verdict">The rules give <b>{_e(a.shown_tier)}</b>; no published tier is recorded.</p>'
    verdict += _not_determinable(a)
    why_not = ""
    if a.not_reached and a.decided:  # an open case has no tier to improve on
        parts = []
        for entry in a.not_reached:
            cls = TIER_CLASS.get(entry["tier"], "sc")
            items = "".join(_blocker(b, names) for b in entry["blocked_by"])
            sentence = _e(tier_sentence(entry, names).removeprefix(entry["tier"]))
            parts.append(f'<details class="why"><summary><span class="tier {cls}">{_e(entry["tier"])}</span>{sentence}</summary><ul>{items}</ul></details>')
        why_not = f'<h2>Why not a better tier</h2><p class="legend">{_e(LEGEND)}</p>' + "".join(parts)
    justification = ""
    if a.decided:  # an open case's chain is the engine's default placement, not a tier to explain
        chain = _node(a.justification, sources, set(), names)
        justification = f'<h2>Justification</h2><p class="sub">Each rule cites its provision; open a line to see what it rests on, down to the quotes from the source.</p><div class="tree">{chain}</div>'
        considered = considered_line(a, names)
        justification += f'<p class="sub">{_e(considered)}</p>' if considered else ""
    history = timeline.svg(a.tier_history, a.waiver_years, a.report_year, a.shown_tier)
    return (
        f'<article><h1>{_e(a.country)} {_e(a.report_year)}: <span class="tier {tier_cls}">{_e(a.shown_tier)}</span></h1>'
        f'<p class="summary">{_e(plain_summary(a))}</p>'
        + (f'<p class="sub">Deciding rule <span class="rule">{_e(a.deciding_rule)}</span>{_label(names, a.deciding_rule)} · TIP Report year {_e(a.report_year)}</p>' if a.decided else f'<p class="sub">TIP Report year {_e(a.report_year)}</p>')
        + f"{verdict}"
        f"<h2>Tier history</h2>{history}{timeline.LEGEND}"
        '<div class="toolbar"><button type="button" data-expand="1">Expand all</button><button type="button" data-expand="0">Collapse all</button></div>'
        f"<h2>Minimum standards and criteria</h2>{_matrix(a, rules, _reasons(a, rules))}"
        f"{justification}"
        f"{why_not}"
        f'<footer>Rules {_e(a.rules_version)} (digest {_e(a.rules_digest)}) · evidence {_e(a.evidence_file)} · source {_e(a.source_file)} · generated by tierengine</footer></article>'
    )


def render(assessments: list[Assessment], rules=None) -> str:
    """The whole page; with ``rules`` the matrix also gives each finding's deciding rule and statement."""
    sources = _Sources()
    title = ", ".join(f"{a.country} {a.report_year}: {a.tier}" for a in assessments) or "tierengine"
    body = "".join(article(a, rules, sources) for a in assessments)
    csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{csp}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>'
        f"<script>{GUARD}</script><style>{CSS}</style></head>"
        f"<body><main>{body}</main><script>{SCRIPT}</script></body></html>\n"
    )
