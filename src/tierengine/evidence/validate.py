"""Schema and quote checks of evidence files, without the engine (for editors and hooks).

``validate`` runs exactly the checks ``assess`` runs before evaluating (load.load_evidence)
so a file that validates can only fail ``assess`` on rule coverage or an engine error.
It never imports durable_rules or the rule set, which keeps a pre-commit run fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tierengine.errors import InputError, Problem
from tierengine.evidence.files import evidence_files

@dataclass
class Report:
    """What validate found: every file checked, the valid ones, and all problems."""

    files: list[str] = field(default_factory=list)
    valid: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # reported, but the file is still valid

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "valid": self.valid,
            "problems": [p.to_dict() for p in self.problems],
            "warnings": [w.to_dict() for w in self.warnings],
        }


def validate_paths(paths: list[Path]) -> Report:
    """Check every evidence file under ``paths``, continuing past bad ones."""
    from tierengine.evidence.load import load_evidence

    report = Report()
    for path in evidence_files(paths):
        name = str(path)
        report.files.append(name)
        try:
            loaded = load_evidence(path, name)
        except InputError as exc:
            report.problems.extend(exc.problems)
        else:
            report.valid.append(name)
            report.warnings.extend(getattr(loaded, "warnings", ()))
            report.warnings.extend(drafted_warnings(loaded.doc))
    return report


def drafted_facts(data: object) -> dict[str, str]:
    """fact path -> phrasebook entry, for every fact `tierengine draft` proposed and no one confirmed."""
    facts = data.get("facts") if isinstance(data, dict) else None
    out = {}
    for group, named in (facts or {}).items():
        for name, fact in (named or {}).items() if isinstance(named, dict) else ():
            if isinstance(fact, dict) and fact.get("drafted") is not None:
                out[f"{group}.{name}"] = str(fact["drafted"])
    return out


def drafted_warnings(doc) -> list[Problem]:
    """One located warning per unconfirmed drafted fact: the file is valid, but no person has checked it."""
    return [
        doc.problem(("facts", *path.split(".", 1), "drafted"), f"warning: {path} was drafted by phrasebook entry {entry} and is not confirmed (tierengine confirm)")
        for path, entry in drafted_facts(doc.data).items()
    ]
