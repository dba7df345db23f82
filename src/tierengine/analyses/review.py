"""Review a set of assessments: agreement with the published tiers, and consistency.

A reviewer wants to see, over many countries and years, where the law's logic and
the published tier part ways. This module computes that as plain data (rows, an
agreement summary, a confusion matrix, consistency findings); renderers in
``render/review_*.py`` only format it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tierengine.errors import Problem
from tierengine.evidence.files import evidence_files
from tierengine.assessment.result import NOT_DETERMINABLE, Assessment
from tierengine.rules.ruleset import RuleSet
from tierengine.tiers import ALL_TIERS, UNDECIDED, rank

#: criterion and standard ids; with the determination-layer findings they make up the
#: "criterion signature" compared across files
_CRITERION_ID = re.compile(r"^(C|MS)-\d+$")
#: UNDECIDED values mean "the evidence does not decide": an excerpt that is silent where
#: the previous year's was not is not a change in the government's record


def _share(part: int, whole: int) -> float:
    """part / whole, 0.0 when there is nothing to divide by (an empty review)."""
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class Row:
    country: str
    year: int
    published: str | None
    recommended: str  # the tier, or "not determinable"
    agrees: bool | None
    deciding_rule: str
    file: str
    possible: tuple[str, ...] = ()
    sound: bool | None = None  # the published tier is among the possible tiers
    steps: tuple[tuple[str, str], ...] = ()  # (step, agree | differ | undecided) where the report publishes the step


@dataclass(frozen=True)
class Step:
    """Agreement of one sub-determination with what the report publishes for it."""

    n: int  # files where the report publishes this step
    agree: int
    undecided: int  # files where the rules leave this step open (counted as not agreeing)

    def to_dict(self) -> dict:
        return {"n": self.n, "agree": self.agree, "undecided": self.undecided, "rate": round(self.agree / self.n, 4) if self.n else None}


@dataclass(frozen=True)
class Summary:
    """Agreement of recommendations with published tiers (only files with a published tier count).

    ``exact`` counts decided recommendations equal to the published tier (an undecided one
    agrees with nothing); ``decided`` the files whose evidence decides the tier; ``sound``
    the files whose published tier is among the tiers the evidence leaves possible.
    """

    n: int
    exact: int
    within_one: int
    invalid: int
    confusion: dict[str, dict[str, int]]  # published -> recommended (or "not determinable") -> count
    per_tier: dict[str, dict[str, float | int]]  # published tier -> n, exact, recall
    decided: int = 0
    sound: int = 0
    steps: dict[str, Step] = field(default_factory=dict)

    @property
    def exact_rate(self) -> float:
        return _share(self.exact, self.n)

    @property
    def within_one_rate(self) -> float:
        return _share(self.within_one, self.n)

    @property
    def decided_rate(self) -> float:
        return _share(self.decided, self.n)

    @property
    def exact_among_decided_rate(self) -> float:
        return _share(self.exact, self.decided)

    @property
    def sound_rate(self) -> float:
        return _share(self.sound, self.n)

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "exact": self.exact,
            "within_one": self.within_one,
            "exact_rate": round(self.exact_rate, 4),
            "within_one_rate": round(self.within_one_rate, 4),
            "decided": self.decided,
            "decided_rate": round(self.decided_rate, 4),
            "exact_among_decided_rate": round(self.exact_among_decided_rate, 4),
            "sound": self.sound,
            "sound_rate": round(self.sound_rate, 4),
            "steps": {k: v.to_dict() for k, v in self.steps.items()},
            "per_tier": self.per_tier,
            "confusion": self.confusion,
            "invalid": self.invalid,
        }


@dataclass(frozen=True)
class Consistency:
    """A pattern across files that the published tiers do not explain."""

    kind: str  # same_findings_different_tier | tier_moved_findings_did_not | findings_moved_tier_did_not
    message: str
    files: tuple[str, ...]
    differing: tuple[str, ...] = ()  # findings that differ (for the year-to-year kinds)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "files": list(self.files), "differing": list(self.differing)}


@dataclass
class Review:
    assessments: list[Assessment]
    rows: list[Row]
    summary: Summary
    consistency: list[Consistency]
    problems: list[Problem] = field(default_factory=list)
    #: evidence file -> statements it keeps under ``unencoded:`` (the format's gaps, read by no rule)
    unencoded: dict[str, int] = field(default_factory=dict)

    @property
    def disagreements(self) -> int:
        return sum(1 for r in self.rows if r.agrees is False)


def within_one(published: str, recommended: str) -> bool:
    """One step or less apart on Tier 1 < Tier 2 < Tier 2 Watch List < Tier 3; Special Case only matches itself."""
    a, b = rank(published), rank(recommended)
    if a is None or b is None:
        return published == recommended
    return abs(a - b) <= 1


def summarise(assessments: list[Assessment], invalid: int) -> Summary:
    scored = [a for a in assessments if a.published_tier]
    confusion = {p: {r: 0 for r in (*ALL_TIERS, NOT_DETERMINABLE)} for p in ALL_TIERS}
    for a in scored:
        confusion[a.published_tier][a.shown_tier] += 1
    per_tier = {}
    for t in ALL_TIERS:
        n = sum(confusion[t].values())
        if n:
            per_tier[t] = {"n": n, "exact": confusion[t][t], "recall": round(confusion[t][t] / n, 4)}
    return Summary(
        n=len(scored),
        exact=sum(1 for a in scored if a.agrees),
        within_one=sum(1 for a in scored if a.decided and within_one(a.published_tier, a.tier)),
        invalid=invalid,
        confusion=confusion,
        per_tier=per_tier,
        decided=sum(1 for a in scored if a.decided),
        sound=sum(1 for a in scored if a.sound),
        steps=steps(assessments),
    )


#: published determination -> (fully complies, significant efforts) it states
_DETERMINATION = {"fully_meets": (True, None), "significant_efforts": (False, "yes"), "not_significant_efforts": (False, "no")}
#: the steps of the chain compared with the report, in the order the law takes them
STEPS = ("full_compliance", "significant_efforts", "increasing_efforts", "watch_list", "tier")
AGREE, DIFFER, UNDECIDED_STEP = "agree", "differ", "undecided"


def step_outcomes(a: Assessment) -> dict[str, str]:
    """Each step the report publishes something for: agree, differ or undecided (the rules leave it open).

    Full compliance and significant efforts against ``published.determination``; increasing
    efforts (no Watch List trigger (iii)(II)) against ``published.increasing_efforts`` where
    the evidence records it; the Watch List step on files the report places on Tier 2 or the
    Watch List; the tier against the published tier.
    """
    pairs: dict[str, tuple] = {}
    fully, efforts = _DETERMINATION.get(a.published_determination, (None, None))
    if fully is not None:
        pairs["full_compliance"] = (a.findings.get("fully_complies"), fully)
    if efforts is not None:
        pairs["significant_efforts"] = (a.findings.get("significant_efforts"), efforts)
    if a.published_increasing_efforts is not None:
        trigger = a.findings.get("watch_list.no_increasing_efforts")  # any value but true/false leaves the step open
        pairs["increasing_efforts"] = ((not trigger) if isinstance(trigger, bool) else None, a.published_increasing_efforts)
    if a.published_tier in ("Tier 2", "Tier 2 Watch List"):
        pairs["watch_list"] = (a.tier if a.decided else None, a.published_tier)
    if a.published_tier:
        pairs["tier"] = (a.tier if a.decided else None, a.published_tier)
    return {
        step: UNDECIDED_STEP if ours is None or ours in UNDECIDED else (AGREE if ours == theirs else DIFFER)
        for step, (ours, theirs) in pairs.items()
    }


def steps(assessments: list[Assessment]) -> dict[str, Step]:
    """Agreement per step of the chain over the files (step_outcomes)."""
    outcomes = [step_outcomes(a) for a in assessments]
    return {
        step: Step(
            sum(1 for o in outcomes if step in o),
            sum(1 for o in outcomes if o.get(step) == AGREE),
            sum(1 for o in outcomes if o.get(step) == UNDECIDED_STEP),
        )
        for step in STEPS
    }


def signature_ids(rules: RuleSet) -> list[str]:
    """Criterion findings (C-1..C-12, MS-1..MS-4) and the determinations, in rule-file order."""
    return [fid for fid, f in rules.findings.items() if _CRITERION_ID.match(fid) or f.spec.layer == "determination"]


def signature(a: Assessment, ids: list[str]) -> tuple:
    return tuple((fid, a.findings.get(fid)) for fid in ids)


def _label(a: Assessment) -> str:
    return f"{a.country} {a.report_year}"


def consistency(assessments: list[Assessment], rules: RuleSet) -> list[Consistency]:
    """(a) same year, same criterion findings, different published tiers; (b) year-to-year moves of one country.

    For (b) a finding "moved" only between two decided values (met <-> not_met, yes <-> no):
    a move to or from not_determinable usually reflects what an excerpt covers.
    """
    ids = signature_ids(rules)
    out: list[Consistency] = []
    scored = [a for a in assessments if a.published_tier]
    groups: dict[tuple, list[Assessment]] = {}
    for a in scored:
        groups.setdefault((a.report_year, signature(a, ids)), []).append(a)
    for (year, _), group in sorted(groups.items(), key=lambda kv: (kv[0][0], _label(kv[1][0]))):
        tiers = sorted({a.published_tier for a in group}, key=lambda t: ALL_TIERS.index(t))
        if len(tiers) > 1:
            listed = "; ".join(f"{a.country}: {a.published_tier}" for a in sorted(group, key=_label))
            out.append(Consistency(
                "same_findings_different_tier",
                f"{year}: identical criterion findings but different published tiers ({listed})",
                tuple(a.evidence_file for a in sorted(group, key=_label)),
            ))
    by_country: dict[str, dict[int, Assessment]] = {}
    for a in scored:
        by_country.setdefault(a.country, {})[a.report_year] = a
    for country in sorted(by_country):
        years = by_country[country]
        for y in sorted(years):
            if y + 1 not in years:
                continue
            before, after = years[y], years[y + 1]
            differing = tuple(
                fid for fid in ids
                if before.findings.get(fid) != after.findings.get(fid)
                and not {before.findings.get(fid), after.findings.get(fid)} & UNDECIDED
            )
            moved = before.published_tier != after.published_tier
            files = (before.evidence_file, after.evidence_file)
            if moved and not differing:
                out.append(Consistency(
                    "tier_moved_findings_did_not",
                    f"{country} {y}->{y + 1}: published tier moved {before.published_tier} -> {after.published_tier} "
                    f"while no criterion finding changed between decided values",
                    files,
                ))
            elif differing and not moved:
                shown = ", ".join(f"{fid} {before.findings.get(fid)}->{after.findings.get(fid)}" for fid in differing)
                out.append(Consistency(
                    "findings_moved_tier_did_not",
                    f"{country} {y}->{y + 1}: findings moved ({shown}) while the published tier stayed {after.published_tier}",
                    files,
                    differing,
                ))
    return out


def build_review(assessments: list[Assessment], problems: list[Problem], rules: RuleSet) -> Review:
    """Everything a renderer needs; ``invalid`` counts files with at least one problem."""
    assessments = sorted(assessments, key=lambda a: (a.country.lower(), a.report_year, a.evidence_file))
    rows = [
        Row(a.country, a.report_year, a.published_tier, a.shown_tier, a.agrees, a.deciding_rule, a.evidence_file, tuple(a.possible.tiers), a.sound,
            tuple(step_outcomes(a).items()))
        for a in assessments
    ]
    invalid = len({p.file for p in problems})
    return Review(assessments, rows, summarise(assessments, invalid), consistency(assessments, rules), list(problems))


def review_paths(paths: list[Path], rules: RuleSet, progress_factory=None, warn=None) -> Review:
    """Collect, assess (continuing past bad files) and review.

    ``progress_factory(total)`` may return a per-file callback (for a progress bar);
    ``warn`` is called with each warning of a file that is still assessed.
    """
    from tierengine.assessment.assess import assess_paths

    files = evidence_files(paths)
    callback = progress_factory(len(files)) if progress_factory else None
    assessments, problems = assess_paths(files, rules, progress=callback, warn=warn)
    unique, duplicates = once_per_country_year(assessments)
    for p in duplicates if warn else ():
        warn(p)
    review = build_review(unique, problems, rules)
    review.unencoded = unencoded_counts(review.assessments)
    return review


def once_per_country_year(assessments: list[Assessment]) -> tuple[list[Assessment], list[Problem]]:
    """The first assessment of each country-year, and a warning naming both files for each
    further one: 47 copies of a file are one data point, not 47 agreements."""
    first: dict[tuple[str, int], Assessment] = {}
    unique, warnings = [], []
    for a in assessments:
        key = (a.country.casefold(), a.report_year)
        if key in first:
            warnings.append(Problem(a.evidence_file, 1, 1, f"warning: {a.country} {a.report_year} is also in {first[key].evidence_file}; counted once"))
            continue
        first[key] = a
        unique.append(a)
    return unique, warnings


def unencoded_counts(assessments: list[Assessment]) -> dict[str, int]:
    """How many ``unencoded:`` statements each evidence file keeps, where it keeps any."""
    return {a.evidence_file: a.unencoded for a in assessments if a.unencoded}