"""JSON for machines: one object per assessment, an array for several."""

from __future__ import annotations

import json

from tierengine.assessment.result import Assessment


def render(assessments: list[Assessment], many: bool) -> str:
    data = [a.to_dict() for a in assessments]
    return json.dumps(data if many else data[0], indent=2, ensure_ascii=False)
