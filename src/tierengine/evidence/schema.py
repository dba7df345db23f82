"""The JSON Schema of the evidence format, for editors (completion, inline errors).

Generated from the pydantic models so it cannot drift from what ``validate`` accepts;
``schemas/evidence.schema.json`` is this output, committed (a test fails when stale).
pydantic describes the *validated* shape, so we widen it where our validators accept
friendlier input (a single quote string, tier short forms like ``2WL``) and add the
reported/value rule, so the editor agrees with ``tierengine validate``.
"""

from __future__ import annotations

import json

from tierengine.evidence.codebook import codebook
from tierengine.evidence.model import GROUPS, CountFact, Evidence, Fact, evidence_schema
from tierengine.tiers import ALL_TIERS, _ALIASES

SCHEMA_ID = "urn:tierengine:schemas:evidence"  # no public URL yet; editors use the modeline path
SCHEMA_PATH = "schemas/evidence.schema.json"



def _tier_names() -> list[str]:
    """Canonical tier names and the short forms normalise_tier accepts, as people write them."""
    names = list(ALL_TIERS)
    for alias in _ALIASES:
        for form in (alias, alias.upper(), alias.capitalize()):
            if form not in names:
                names.append(form)
    return names


def _one_or_many_quotes(prop: dict) -> dict:
    array = {k: v for k, v in prop.items() if k not in ("title", "description")}
    single = dict(array["items"])
    return {"title": prop.get("title", "Quote"), "description": "Verbatim quote(s) from the source narrative: one string or a list.", "anyOf": [single, array]}


def _fact_def(cls: type[Fact], schema: dict) -> None:
    """Widen ``quote`` and encode 'reported needs a value; reported: false has none'."""
    props = schema["properties"]
    props["quote"] = _one_or_many_quotes(props["quote"])
    book = codebook()
    for name, prop in props.items():
        if name in book.fields and name != "quote":
            prop["description"] = book.fields[name]
    schema["if"] = {"properties": {"reported": {"const": False}}, "required": ["reported"]}
    if cls is CountFact:
        values = ("value", "some", "direction")
        schema["then"] = {"properties": {name: {"type": "null"} for name in values}}
        schema["else"] = {"anyOf": [{"required": [name]} for name in values]}
    else:
        schema["then"] = {"properties": {name: {"type": "null"} for name in cls.required}}
        schema["else"] = {"required": list(cls.required)}
    kind = book.kinds[cls.kind]
    schema["description"] = f"{cls.kind} fact. Fields: {kind['fields']}. {kind['text'].strip()}"


def evidence_json_schema() -> dict:
    """The evidence JSON Schema (draft 2020-12) as a dict."""
    schema = Evidence.model_json_schema(mode="validation")
    defs = schema["$defs"]
    seen: set[str] = set()
    for cls in evidence_schema().values():
        if cls.__name__ not in seen:
            seen.add(cls.__name__)
            _fact_def(cls, defs[cls.__name__])
    book = codebook()
    for path, cls in evidence_schema().items():
        group, name = path.split(".")
        group_def = defs[GROUPS[group].__name__]
        group_def["properties"][name]["description"] = (
            f"{path} ({cls.kind} fact). {book.facts[path].summary()} Omit when the source is silent; "
            "reported: false with the quote when it says the government did not report it. `tierengine codebook "
            f"{path}` shows examples."
        )
    for group_def in (defs["Facts"], defs["Evidence"] if "Evidence" in defs else schema):
        for prop in group_def["properties"].values():
            if "$ref" in prop:
                prop.pop("default", None)
    tiers = {"type": "string", "enum": _tier_names()}
    defs["History"]["properties"]["tiers"]["additionalProperties"] = tiers
    defs["History"]["properties"]["tiers"]["propertyNames"] = {"pattern": "^[0-9]{4}$"}
    defs["History"]["properties"]["tiers"]["description"] = "Published tier of each earlier report year, e.g. {2023: 2WL, 2024: \"3\"}."
    defs["History"]["properties"]["waivers"]["description"] = book.file_level["history.waivers"]
    defs["History"]["properties"]["previous_evidence"]["description"] = book.file_level["history.previous_evidence"]
    defs["Published"]["properties"]["waiver"]["description"] = book.file_level["published.waiver"]
    schema["properties"]["unencoded"]["description"] = book.file_level["unencoded"]
    defs["Unencoded"]["properties"]["quote"] = _one_or_many_quotes(defs["Unencoded"]["properties"]["quote"])
    published = defs["Published"]["properties"]
    published["tier"] = {"description": "The published tier (comparison only).", "anyOf": [tiers, {"type": "null"}], "default": None}
    quote = next(p for p in published["quote"]["anyOf"] if p.get("type") == "array")
    published["quote"] = {"description": "The report's own conclusion, verbatim (comparison only).", "anyOf": [*_one_or_many_quotes({**quote, "title": "Quote"})["anyOf"], {"type": "null"}], "default": None}
    props = schema["properties"]
    props["source"]["description"] = "The source narrative, relative to this file and inside its directory (e.g. sources/2025/<country>.txt)."
    props["published"]["description"] = "The report's own tier and conclusion, for comparison only: no rule may read them."
    props["facts"]["description"] = "Government actions by pillar. A fact absent here means the source is silent on it."
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "tierengine evidence file",
        "description": (
            "One country and one TIP Report year: what the government did, each fact with a verbatim quote from the "
            "source narrative. Generated by `tierengine schema` from the evidence models; do not edit by hand."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_text() -> str:
    """The committed file's exact text (stable key order, trailing newline)."""
    return json.dumps(evidence_json_schema(), indent=2, ensure_ascii=False) + "\n"
