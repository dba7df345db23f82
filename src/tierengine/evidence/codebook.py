"""The codebook: what every fact means, read from ``codebook.yaml`` (the one source).

The JSON Schema descriptions, ``docs/codebook.md``, the comments of ``tierengine new`` and
``tierengine codebook FACT`` are all generated from it, so a definition is written once.
``problems()`` keeps the file honest: it must cover exactly the facts of the models, and
every example's encoding must validate as that fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tierengine.evidence.yamlsource import load_package_data

CODEBOOK_PATH = Path(__file__).with_name("codebook.yaml")
DOC_PATH = "docs/codebook.md"


@dataclass(frozen=True)
class Example:
    source: str  # relative to evidence/sources/
    quote: str
    encoding: dict | None  # None: the quote is NOT evidence for this fact (a recommendation, say)
    edge: bool = False
    why: str | None = None


@dataclass(frozen=True)
class Entry:
    path: str
    kind: str
    definition: str
    counts: str
    excludes: str
    value: str
    examples: tuple[Example, ...]
    corpus_note: str | None = None
    label: str = ""  # a few plain words shown beside the path in reports (render/labels.py)

    def summary(self) -> str:
        """One line: the definition and what the value means (schema hover, template)."""
        return f"{self.definition} Value: {self.value}"


@dataclass(frozen=True)
class Codebook:
    rules: tuple[dict, ...]
    kinds: dict[str, dict]
    fields: dict[str, str]
    facts: dict[str, Entry]
    file_level: dict[str, str]
    reliability: str = ""  # the inter-coder study: method, numbers and limits (docs/codebook.md)


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    from tierengine.evidence.model import evidence_schema

    data = load_package_data(CODEBOOK_PATH)
    schema = evidence_schema()
    facts = {}
    for path, spec in data["facts"].items():
        kind = schema[path].kind if path in schema else "?"
        examples = tuple(Example(e["source"], e["quote"], e.get("encoding"), e.get("edge", False), e.get("why")) for e in spec.get("examples") or ())
        facts[path] = Entry(path, kind, spec["definition"], spec["counts"], spec["excludes"], spec["value"], examples, spec.get("corpus_note"), spec.get("label", ""))
    return Codebook(tuple(data["reading_rules"]), data["kinds"], data["fields"], facts, data["file_level"], data.get("reliability", ""))


def labels() -> dict[str, str]:
    """Each fact's plain label (render/labels.py), read without building the codebook: a report
    needs only these, not the models the codebook is checked against."""
    return {path: spec["label"] for path, spec in load_package_data(CODEBOOK_PATH)["facts"].items() if spec.get("label")}


def problems() -> list[str]:
    """Where the codebook and the models disagree, or an example does not validate."""
    from tierengine.evidence.model import evidence_schema

    book, schema = codebook(), evidence_schema()
    out = [f"{p}: in the models but not in the codebook" for p in schema if p not in book.facts]
    out += [f"{p}: in the codebook but not a fact of the models" for p in book.facts if p not in schema]
    for path, entry in book.facts.items():
        if path not in schema:
            continue
        for i, ex in enumerate(entry.examples):
            if ex.encoding is None:
                if not ex.why:
                    out.append(f"{path}: example {i} is not evidence but says no why")
                continue
            try:
                schema[path].model_validate({**ex.encoding, "quote": ex.quote})
            except Exception as exc:  # pydantic ValidationError: report, don't raise
                out.append(f"{path}: example {i} does not validate: {exc}")
    return out


def lookup(query: str) -> list[Entry]:
    """Entries whose path is ``query``, ends with it or is its group ('convictions' finds
    prosecution.convictions and complicity.convictions; 'waiver' finds the waiver group)."""
    facts = codebook().facts
    if query in facts:
        return [facts[query]]
    q = query.strip(".").lower()
    return [e for p, e in facts.items() if p.lower().endswith("." + q) or p.lower().startswith(q + ".") or p.lower() == q]


def _encoding_yaml(name: str, ex: Example) -> list[str]:
    if ex.encoding is None:
        return [f"# not evidence for {name}: leave it silent"]
    import yaml

    body = {**ex.encoding, "quote": ex.quote}
    text = yaml.safe_dump({name: body}, sort_keys=False, allow_unicode=True, width=100)
    return text.rstrip("\n").splitlines()


def entry_text(entry: Entry) -> str:
    """A plain-text card for one fact (the `codebook FACT` command)."""
    lines = [
        f"{entry.path} ({entry.kind})",
        f"  Definition: {entry.definition}",
        f"  Counts: {entry.counts}",
        f"  Does not count: {entry.excludes}",
        f"  Value: {entry.value}",
    ]
    if entry.corpus_note:
        lines.append(f"  Corpus: {entry.corpus_note}")
    for ex in entry.examples:
        lines.append(f"  Example{' (edge case)' if ex.edge else ''} from evidence/sources/{ex.source}:")
        lines += [f"    {line}" for line in _encoding_yaml(entry.path.split(".")[1], ex)]
        if ex.why:
            lines.append(f"    why: {ex.why}")
    return "\n".join(lines)


def markdown() -> str:
    """docs/codebook.md (committed; a test fails when stale)."""
    from tierengine.evidence.model import GROUPS

    book = codebook()
    out = [
        "# The evidence codebook",
        "",
        "<!-- Generated from src/tierengine/evidence/codebook.yaml by "
        "`tierengine codebook --markdown -o docs/codebook.md`; do not edit by hand. -->",
        "",
        "What every fact of the evidence format means: a definition, what counts and what does not,",
        "what the value says, and examples from the corpus narratives (`evidence/sources/`) with their",
        "encoding. Read the general reading rules first; they apply to every fact.",
        "`tierengine codebook FACT` prints one entry.",
        "",
        "## Reading rules",
        "",
    ]
    for i, rule in enumerate(book.rules, 1):
        out += [f"### {i}. {rule['title']}", "", rule["text"].strip(), ""]
    out += ["## Fact kinds", "", "| kind | fields | meaning |", "|---|---|---|"]
    out += [f"| {k} | {v['fields']} | {v['text'].strip()} |" for k, v in book.kinds.items()]
    out += ["", "## Fields of a fact", "", "| field | meaning |", "|---|---|"]
    out += [f"| `{k}` | {v} |" for k, v in book.fields.items()]
    out += ["", "## File-level fields", "", "| field | meaning |", "|---|---|"]
    out += [f"| `{k}` | {v} |" for k, v in book.file_level.items()]
    out += ["", "## Facts", ""]
    for group, model in GROUPS.items():
        doc = (model.__doc__ or "").strip().splitlines()[0]
        out += [f"### {group}", "", doc, ""]
        for name in model.model_fields:
            e = book.facts[f"{group}.{name}"]
            out += [
                f"#### `{e.path}` ({e.kind})",
                "",
                e.definition,
                "",
                f"- **Counts:** {e.counts}",
                f"- **Does not count:** {e.excludes}",
                f"- **Value:** {e.value}",
            ]
            if e.corpus_note:
                out.append(f"- **Corpus:** {e.corpus_note}")
            out.append("")
            for ex in e.examples:
                label = "Edge case" if ex.edge else "Example"
                out += [f"{label} (`evidence/sources/{ex.source}`):", "", "```yaml", *_encoding_yaml(name, ex), "```", ""]
                if ex.why:
                    out += [f"*Why:* {ex.why}", ""]
    if book.reliability:
        out += ["## How far two coders agree (inter-coder study)", "", book.reliability.strip(), ""]
    return "\n".join(out).rstrip("\n") + "\n"
