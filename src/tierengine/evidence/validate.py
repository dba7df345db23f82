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
    return report
