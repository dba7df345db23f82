"""`tierengine confirm`: a person has checked drafted facts; remove their `drafted:` marks.

The YAML is edited as text, one line per confirmed fact, so comments, order and layout
stay exactly as the reviewer left them; the file is rewritten atomically. A JSON draft
(no comments to keep) is rewritten as JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

from tierengine.evidence.files import write_atomically
from tierengine.errors import InputError
from tierengine.evidence.validate import drafted_facts
from tierengine.evidence.yamlsource import read_yaml


def confirm(path: Path, facts: list[str] | None = None, everything: bool = False) -> list[str]:
    """Confirm the named drafted facts (or all of them); return the paths confirmed.

    Raises InputError (located) for a path that is not a drafted fact of the file.
    """
    doc = read_yaml(path, str(path))
    drafted = drafted_facts(doc.data)
    chosen = sorted(drafted) if everything else list(dict.fromkeys(facts or []))
    unknown = [p for p in chosen if p not in drafted]
    if unknown:
        raise InputError([_not_drafted(doc, p) for p in unknown])
    if not chosen:
        return []
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        for p in chosen:
            group, name = p.split(".", 1)
            del data["facts"][group][name]["drafted"]
        write_atomically(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return chosen
    lines = text.splitlines(keepends=True)
    remove = set()
    for p in chosen:
        group, name = p.split(".", 1)
        line = doc.where(("facts", group, name, "drafted"))[0]
        if not lines[line - 1].lstrip().startswith("drafted:"):
            raise InputError([doc.problem(("facts", group, name, "drafted"), f"{p}: `drafted:` must be on a line of its own to be confirmed")])
        remove.add(line - 1)
    write_atomically(path, "".join(l for i, l in enumerate(lines) if i not in remove))
    return chosen


def _not_drafted(doc, path: str):
    loc = ("facts", *path.split(".", 1))
    if loc in doc.positions:
        return doc.problem(loc, f"{path} is not drafted (already confirmed, or written by hand)")
    return doc.problem(("facts",) if ("facts",) in doc.positions else (), f"{path} is not a fact of this file")
