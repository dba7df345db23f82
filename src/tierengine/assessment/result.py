"""The result of one assessment, independent of how it is shown.

Renderers (render/) turn an Assessment into rich text, Markdown or HTML; ``to_dict``
is the JSON contract documented in docs/json-contract.md (bump SCHEMA_VERSION on any
breaking change).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tierengine.assessment.explain import Node

SCHEMA_VERSION = 1


@dataclass
class Assessment:
    country: str
    report_year: int
    tier: str
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
    unconfirmed: list[str] = field(default_factory=list)  # drafted facts in the chain that no person confirmed
    # published tiers of earlier years and waiver years, as the evidence records them (views
    # draw the timeline from these; rules read only the derived history facts)
    tier_history: dict[int, str] = field(default_factory=dict)
    waiver_years: tuple[int, ...] = ()

    @property
    def agrees(self) -> bool | None:
        return None if self.published_tier is None else self.tier == self.published_tier

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "country": self.country,
            "report_year": self.report_year,
            "tier": self.tier,
            "published_tier": self.published_tier,
            "published_determination": self.published_determination,
            "agrees": self.agrees,
            "deciding_rule": self.deciding_rule,
            "justification": self.justification.to_dict(),
            "not_reached": self.not_reached,
            "findings": self.findings,
            "decided_by": self.decided_by,
            "rules": {"digest": self.rules_digest, "version": self.rules_version},
            "evidence_file": self.evidence_file,
            "source_file": self.source_file,
            "unconfirmed": self.unconfirmed,
        }
