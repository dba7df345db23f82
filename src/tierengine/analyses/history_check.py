"""Check a table of published tiers against the statute's Watch List limits.

For every country-year the rules of the ``tier`` finding (rules/70_history.yaml: the
automatic downgrade, the waiver and its limits, the one-year rule) are applied to the
published tier of that year, with the history facts derived by
:func:`tierengine.evidence.history.derive` from the earlier rows of the table, exactly as the
engine derives them for an evidence file.

How the rules are run: the published tier stands in for ``tier.base`` and the rules'
conditions are evaluated first-match with :func:`tierengine.rules.conditions.evaluate` (the
single definition of what a condition means, which the durable_rules compiler
reproduces and the explainer verifies), not through a durable_rules session, because
``tier.base`` is a finding the engine derives from evidence and cannot be forced.

A table holds no waiver decisions, so waivers are inferred: where a Watch List year
could only stand by a waiver, the waiver is assumed granted (its three conditions
met) and counted against the limit for the rest of that run. A year the rules still
move off the Watch List is a sequence the statute forbids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tierengine.rules.conditions import FactStatus, FactTest, atoms, evaluate
from tierengine.errors import InputError, Problem, printable
from tierengine.evidence.files import read_regular
from tierengine.evidence.facts import HISTORY_PATHS, MISSING, REPORTED, FactEntry
from tierengine.evidence.history import FIRST_COUNTED_YEAR, WATCH_LIST, derive
from tierengine.rules.ruleset import RuleSet
from tierengine.tiers import SPECIAL_CASE, normalise_tier

WAIVER_FACTS = ("waiver.written_plan", "waiver.plan_significant", "waiver.sufficient_resources")


@dataclass(frozen=True)
class Flag:
    """One finding about one country-year."""

    kind: str  # waiver | violation | gap
    country: str
    year: int
    tier: str
    message: str
    rule: str | None = None
    citation: str | None = None
    line: int | None = None  # line in the CSV

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class HistoryReport:
    source: str
    countries: int = 0
    rows: int = 0
    checked: int = 0  # country-years the history rules were applied to
    flags: list[Flag] = field(default_factory=list)

    def of(self, kind: str) -> list[Flag]:
        return [f for f in self.flags if f.kind == kind]

    def counts(self) -> dict[str, int]:
        return {k: len(self.of(k)) for k in ("waiver", "violation", "gap")}

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "countries": self.countries,
            "rows": self.rows,
            "checked": self.checked,
            "counts": self.counts(),
            "flags": [f.to_dict() for f in self.flags],
        }


#: the full table in shared/data (every country, 2001-2025) is 55,875 bytes; 1 MB holds
#: eighteen times that (~70,000 rows) and keeps a run at the limit to a few seconds
#: (bench/limits.py); a 3-million-row table used to run for minutes
MAX_TABLE_BYTES = 1_000_000


def read_table(path: Path, coverage, display: str | None = None) -> tuple[dict[str, dict[int, tuple[str, int]]], int]:
    """``country -> year -> (tier, line)``; every bad row is reported as file:line:col.

    A row's year must lie in ``coverage`` (the rule set's report years, anything with
    ``covers(year)``) and its tier be one of the five; the file must be a regular UTF-8
    file (a byte-order mark is allowed) of at most MAX_TABLE_BYTES.
    """
    shown = printable(display or str(path))
    try:
        raw = read_regular(path, MAX_TABLE_BYTES)
        if len(raw) > MAX_TABLE_BYTES:
            raise InputError([Problem(shown, 1, 1, f"the table is larger than the {MAX_TABLE_BYTES:,}-byte limit")])
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(shown, 1, 1, f"cannot read the table: {getattr(exc, 'strerror', None) or exc}")]) from None
    import csv

    table: dict[str, dict[int, tuple[str, int]]] = {}
    problems: list[Problem] = []
    rows = 0
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader([line]))
        if not header_seen:
            header_seen = True
            if [c.strip().lower() for c in cells] == ["country", "year", "tier"]:
                continue
            problems.append(Problem(shown, lineno, 1, "expected the header 'country,year,tier'"))
            break
        if len(cells) != 3:
            problems.append(Problem(shown, lineno, 1, f"expected 3 columns (country,year,tier), found {len(cells)}"))
            continue
        country, year_text, tier_text = (c.strip() for c in cells)
        col_year = len(cells[0]) + 2
        col_tier = col_year + len(cells[1]) + 1
        if not country:
            problems.append(Problem(shown, lineno, 1, "empty country"))
            continue
        if not re.fullmatch(r"-?[0-9]+", year_text):
            problems.append(Problem(shown, lineno, col_year, f"year {year_text!r} is not a whole number"))
            continue
        year = int(year_text) if len(year_text) <= 5 else 0  # int() of 5,000 digits raises; none is a year
        if not coverage.covers(year):
            problems.append(Problem(shown, lineno, col_year, f"year {year_text!r} is not a report year the rules cover ({coverage})"))
            continue
        try:
            tier = normalise_tier(tier_text)
        except ValueError as exc:
            problems.append(Problem(shown, lineno, col_tier, str(exc)))
            continue
        if year in table.get(country, {}):
            first = table[country][year][1]
            problems.append(Problem(shown, lineno, 1, f"{country} {year} is listed twice (first on line {first})"))
            continue
        table.setdefault(country, {})[year] = (tier, lineno)
        rows += 1
    if not header_seen and not problems:
        problems.append(Problem(shown, 1, 1, "the table is empty (expected the header 'country,year,tier')"))
    if problems:
        raise InputError(problems)
    return table, rows


def _fact_table(h, waiver_assumed: bool, paths: set[str]) -> dict[str, FactEntry]:
    derived = {
        "history.prior_tier": h.prior_tier,
        "history.consecutive_watch_list_years": h.consecutive_watch_list_years,
        "history.waiver_years_in_run": h.waiver_years_in_run,
        "history.downgraded_after_full_run": h.downgraded_after_full_run,
    }
    facts = {p: FactEntry(p, "bool", MISSING) for p in paths}
    for path, value in derived.items():
        facts[path] = (
            FactEntry(path, HISTORY_PATHS[path], MISSING) if value is None
            else FactEntry(path, HISTORY_PATHS[path], REPORTED, {"value": value}, derived=h.basis)
        )
    if waiver_assumed:
        for path in WAIVER_FACTS:
            facts[path] = FactEntry(path, "bool", REPORTED, {"value": True}, derived="assumed: the waiver was granted")
    return facts


def apply_history_rules(rules: RuleSet, year: int, base: str, facts: dict[str, FactEntry]):
    """First-match over the rules of the tier finding in force in ``year``; (value, rule or None)."""
    finding = rules.findings[rules.manifest.tier_finding]
    params = rules.params_at(year)
    findings = {"tier.base": base}
    for rule in finding.rules_in_force(year):
        if evaluate(rule.when, facts, findings, params):
            return rule.spec.then, rule
    return finding.spec.default, None


def _reads(finding, year: int, path: str) -> bool:
    """Whether a rule of ``finding`` in force in ``year`` reads the fact ``path``."""
    return any(
        isinstance(a, (FactTest, FactStatus)) and a.path == path for r in finding.rules_in_force(year) for a in atoms(r.when)
    )


def _missing_run_year(tiers: dict[int, str], year: int) -> int | None:
    """The first missing year walking back through the Watch List run before ``year``."""
    y = year - 1
    while y >= FIRST_COUNTED_YEAR:
        if y not in tiers:
            return y
        if tiers[y] != WATCH_LIST:
            return None
        y -= 1
    return None


def _gap(finding, country: str, year: int, tier: str, prior: dict[int, str], h) -> str | None:
    """Why a Watch List year cannot be decided from the table, or None when it can."""
    if tier != WATCH_LIST:
        return None
    missing = _missing_run_year(prior, year)
    if missing is not None:
        return (f"{country} {year} is on the Watch List but the table lacks {missing}, so the consecutive "
                "Watch List years (and the need for a waiver) cannot be decided")
    if h.downgraded_after_full_run is None and h.consecutive_watch_list_years and _reads(
        finding, year, "history.downgraded_after_full_run"
    ):
        return (f"{country} {year} is on the Watch List for at least a second year in a row, but a missing year hides "
                "whether the stay follows a downgrade after a full run (the one-year rule)")
    return None


def check_table(path: Path, rules: RuleSet, display: str | None = None) -> HistoryReport:
    """Apply the history rules to every country-year of the table."""
    table, rows = read_table(path, rules.manifest.coverage, display)
    finding = rules.findings[rules.manifest.tier_finding]
    paths = {a.path for r in finding.rules for a in atoms(r.when) if isinstance(a, (FactTest, FactStatus))}
    report = HistoryReport(display or str(path), countries=len(table), rows=rows)
    for country in sorted(table):
        years = table[country]
        tiers = {y: t for y, (t, _) in years.items()}
        waivers: list[int] = []
        for year in sorted(years):
            tier, line = years[year]
            if tier == SPECIAL_CASE:
                continue
            report.checked += 1
            prior = {y: t for y, t in tiers.items() if y < year}
            h = derive(prior, waivers, year)
            gap = _gap(finding, country, year, tier, prior, h)
            if gap:
                report.flags.append(Flag("gap", country, year, tier, gap, line=line))
                continue
            plain, plain_rule = apply_history_rules(rules, year, tier, _fact_table(h, False, paths))
            if plain == tier:
                continue
            value, rule = apply_history_rules(rules, year, tier, _fact_table(h, True, paths))
            if value == tier and rule is not None and rule.id != (plain_rule.id if plain_rule else None):
                waivers.append(year)
                report.flags.append(Flag(
                    "waiver", country, year, tier,
                    f"{country} {year}: Watch List after {h.consecutive_watch_list_years} consecutive Watch List "
                    f"year(s) is only lawful with a waiver (waiver {h.waiver_years_in_run + 1} of this run)",
                    rule.id, rule.spec.citation, line,
                ))
                continue
            decided = rule or plain_rule
            report.flags.append(Flag(
                "violation", country, year, tier,
                f"{country} {year}: published {tier}, but {decided.id if decided else 'the default'} requires {value} "
                f"({h.consecutive_watch_list_years} consecutive Watch List year(s) before, "
                f"{h.waiver_years_in_run} waiver(s) in the run, max {rules.params_at(year).get('max_waiver_years')}; "
                f"{decided.spec.statement.strip() if decided else ''})",
                decided.id if decided else None, decided.spec.citation if decided else None, line,
            ))
    return report
