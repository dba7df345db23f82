"""The result of one assessment, independent of how it is shown.

Renderers (render/) turn an Assessment into rich text, Markdown or HTML; ``to_dict``
is the JSON contract documented in docs/json-contract.md (bump SCHEMA_VERSION on any
breaking change).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tierengine.assessment.explain import Node
from tierengine.assessment.possible import Possible

#: 2: ``tier`` is null when the evidence does not decide it; ``decided``, ``possible_tiers``,
#: ``deciders`` and ``silent_facts`` added (docs/json-contract.md)
SCHEMA_VERSION = 2
NOT_DETERMINABLE = "not determinable"


@dataclass
class Assessment:
    country: str
    report_year: int
    tier: str  # the engine's value, what the chain explains; shown only when decided (shown_tier)
    published_tier: str | None
    published_determination: str | None
    justification: Node
    not_reached: list[dict]
    findings: dict[str, object]
    decided_by: dict[str, str]  # finding -> the rule that decided it ('<finding>.default' if none held)
    deciding_rule: str
    rules_digest: str
    rules_version: str
    evidence_file: str
    source_file: str
    possible: Possible
    published_increasing_efforts: bool | None = None
    unencoded: int = 0  # statements the evidence keeps under `unencoded:` (no field holds them)
    unconfirmed: list[str] = field(default_factory=list)  # drafted facts in the chain that no person confirmed
    # published tiers of earlier years and waiver years, as the evidence records them (views
    # draw the timeline from these; rules read only the derived history facts)
    tier_history: dict[int, str] = field(default_factory=dict)
    waiver_years: tuple[int, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)  # finding and rule id -> a few plain words (RuleSet.labels)
    considered: tuple[str, ...] = ()  # consideration findings a rule decided that no rule reads (RuleSet.recorded_considerations)

    @property
    def decided(self) -> bool:
        return self.possible.decided

    @property
    def shown_tier(self) -> str:
        """The tier when the evidence decides it, else "not determinable" (never a fallback tier)."""
        return self.tier if self.decided else NOT_DETERMINABLE

    @property
    def agrees(self) -> bool | None:
        """Exact agreement: an undecided result does not agree with any published tier."""
        return None if self.published_tier is None else (self.decided and self.tier == self.published_tier)

    @property
    def sound(self) -> bool | None:
        """The published tier is among the tiers the evidence leaves possible."""
        return None if self.published_tier is None else self.published_tier in self.possible.tiers

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "country": self.country,
            "report_year": self.report_year,
            "tier": self.tier if self.decided else None,
            "decided": self.decided,
            "possible_tiers": self.possible.tiers,
            "published_tier": self.published_tier,
            "published_determination": self.published_determination,
            "published_increasing_efforts": self.published_increasing_efforts,
            "agrees": self.agrees,
            "deciding_rule": self.deciding_rule,
            "justification": self.justification.to_dict(),
            "not_reached": self.not_reached,
            "deciders": {t: [s.to_dict() for s in settings] for t, settings in self.possible.deciders.items()},
            "silent_facts": self.possible.silent,
            "possible_search": {"branches": self.possible.branches, "complete": not self.possible.cut},
            "findings": self.findings,
            "decided_by": self.decided_by,
            "rules": {"digest": self.rules_digest, "version": self.rules_version},
            "evidence_file": self.evidence_file,
            "source_file": self.source_file,
            "unconfirmed": self.unconfirmed,
        }
