"""What a rule file says, as plain frozen dataclasses: manifest, parameters, findings, rules.

They are validated by pydantic when a rule file is read (ruleset.py builds a TypeAdapter
over :class:`RuleFile`: constraints come from :class:`Bounds`, the checks of several
fields from ``__post_init__``, ``extra: forbid`` from ``__pydantic_config__``), and rebuilt
without pydantic from the start-up cache (:func:`from_data`). So a warm ``assess`` never
imports pydantic's model machinery, which costs more than the rest of a warm run
(bench/startup.py, issue 10 §2).
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Literal



class Bounds:
    """A constraint pydantic applies when it validates (``min_length``, ``ge``, ``le`` of its
    core schema), with the messages of its own ``Field`` constraints. A marker of our own:
    ``annotated_types`` or ``pydantic.Field`` would cost a warm run ~25 ms of imports."""

    def __init__(self, **constraints):
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source, handler):
        return {**handler(source), **self.constraints}


def _alias(name: str) -> str:
    """``from_`` is written ``from`` (a Python keyword)."""
    return name.rstrip("_")


#: read by pydantic's TypeAdapter (a plain dict: no pydantic import needed here)
_CONFIG = {"extra": "forbid", "alias_generator": _alias}

Text = Annotated[str, Bounds(min_length=1)]
Year = Annotated[int, Bounds(ge=1990, le=2200)]


@dataclass(frozen=True)
class Effective:
    """Report years in which a rule or parameter value is law (inclusive)."""

    __pydantic_config__ = _CONFIG
    from_: Year
    to: Year | None = None

    def __post_init__(self):
        if self.to is not None and self.to < self.from_:
            raise ValueError("effective 'to' is before 'from'")

    def covers(self, year: int) -> bool:
        return self.from_ <= year and (self.to is None or year <= self.to)

    def __str__(self) -> str:
        return f"{self.from_}–{self.to if self.to is not None else ''}"


@dataclass(frozen=True)
class ParameterValue:
    __pydantic_config__ = _CONFIG
    effective: Effective
    value: int | float | bool | str


@dataclass(frozen=True)
class Parameter:
    """A named threshold of judgement, with why it has the value it has."""

    __pydantic_config__ = _CONFIG
    id: Text
    title: Text
    citation: Text
    rationale: Text
    values: Annotated[list[ParameterValue], Bounds(min_length=1)]

    def at(self, year: int):
        for v in self.values:
            if v.effective.covers(year):
                return v.value
        return None


@dataclass(frozen=True)
class RuleSpec:
    __pydantic_config__ = _CONFIG
    id: Text
    citation: Text
    effective: Effective
    then: str | bool
    statement: Text
    title: str | None = None
    when: object = None
    carry: bool = False  # passes an earlier finding through unchanged
    #: rules that are dated versions of one provision share this name (default: the rule id);
    #: `tierengine check` requires exactly one version per year within the provision's span
    provision: str | None = None
    #: statute (the default): the rule is the text of its citation. methodology / practice:
    #: a doctrine of the TIP Report, which must quote the published text it rests on
    basis: Literal["statute", "methodology", "practice"] = "statute"
    rests_on: str | None = None

    def __post_init__(self):
        if self.basis != "statute" and not (self.rests_on or "").strip():
            raise ValueError(f"a rule with basis: {self.basis} needs rests_on: the published text it rests on")
        if self.basis == "statute" and self.rests_on:
            raise ValueError("rests_on is for doctrine rules (basis: methodology or practice)")
        doctrine = any(w in self.citation.lower() for w in ("methodology", "practice"))
        if doctrine and self.basis == "statute":
            raise ValueError("the citation names the methodology or practice: set basis (methodology or practice) and rests_on")


@dataclass(frozen=True)
class FindingSpec:
    __pydantic_config__ = _CONFIG
    id: Text
    title: Text
    citation: Text
    layer: Text
    values: Annotated[list[str | bool], Bounds(min_length=1)]
    default: str | bool
    default_statement: Text
    label: str | None = None  # a few plain words shown beside the id in reports (render/labels.py)
    rules: list[RuleSpec] = field(default_factory=list)
    #: first: the rules' order is intended (first match decides); unique: no two rules with
    #: different values may hold together; unset: `tierengine check` warns on such overlaps
    hit_policy: Literal["first", "unique"] | None = None

    def __post_init__(self):
        if self.default not in self.values:
            raise ValueError(f"default {self.default!r} is not one of values {self.values}")


@dataclass(frozen=True)
class Numbering:
    """The number a provision had in some report years (the code was renumbered)."""

    __pydantic_config__ = _CONFIG
    effective: Effective
    cited_as: Text


@dataclass(frozen=True)
class StatuteProvision:
    """One provision of the statute and the report years in which it is law (rules/05_provisions.yaml).

    ``findings``: the findings that implement it (a rule citing it must conclude one of
    them); ``gap``: why no rule implements it yet (`tierengine check` then warns instead
    of failing); ``numbering``: earlier numbers of a renumbered provision.
    """

    __pydantic_config__ = _CONFIG
    id: Text  # the current number, e.g. "7106(b)(11)"
    title: Text
    effective: Effective
    enacted: Text
    findings: list[str] = field(default_factory=list)
    gap: str | None = None
    numbering: list[Numbering] = field(default_factory=list)

    def cited_as(self, year: int) -> str:
        return next((n.cited_as for n in self.numbering if n.effective.covers(year)), self.id)


@dataclass(frozen=True)
class Manifest:
    __pydantic_config__ = _CONFIG
    name: Text
    version: Text
    coverage: Effective
    tier_finding: Text = "tier"
    description: str | None = None


@dataclass(frozen=True)
class RuleFile:
    """One rules/*.yaml file. Top-level keys starting with ``x-`` hold YAML anchors only."""

    __pydantic_config__ = _CONFIG
    manifest: Manifest | None = None
    parameters: list[Parameter] = field(default_factory=list)
    findings: list[FindingSpec] = field(default_factory=list)
    provisions: list[StatuteProvision] = field(default_factory=list)


def to_data(value):
    """A spec as JSON data, keys as written in rule files (``from``): what the cache stores."""
    if dataclasses.is_dataclass(value):
        return {_alias(f.name): to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [to_data(v) for v in value]
    return value


def from_data(cls, data: dict):
    """The spec that :func:`to_data` stored, rebuilt without validation (it was validated
    when it was stored; ``__post_init__`` checks run again)."""
    kwargs = {}
    for name, build in _builders(cls):
        key = _alias(name)
        if key in data:
            kwargs[name] = build(data[key])
    return cls(**kwargs)


@lru_cache(maxsize=None)
def _builders(cls) -> tuple[tuple[str, typing.Callable], ...]:
    """Per field, how to rebuild its value: a nested spec, a list of them, or as stored
    (``get_type_hints`` drops the ``Annotated`` constraints, which only validation reads)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _builder(hints[f.name])) for f in dataclasses.fields(cls))


def _builder(hint) -> typing.Callable:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if dataclasses.is_dataclass(hint):
        return lambda v: from_data(hint, v)
    if typing.get_origin(hint) is list and args and dataclasses.is_dataclass(args[0]):
        return lambda v: [from_data(args[0], x) for x in v]
    if typing.get_origin(hint) is list:
        return list
    if len(args) == 1 and dataclasses.is_dataclass(args[0]):  # X | None
        return lambda v: None if v is None else from_data(args[0], v)
    return lambda v: v
