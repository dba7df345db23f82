"""Which evidence files a list of command-line paths names (one rule for every command)."""

from __future__ import annotations

from pathlib import Path

#: directories that hold source narratives, never evidence
SKIP_DIRS = {"sources"}


def evidence_files(paths: list[Path]) -> list[Path]:
    """Files as given; directories searched recursively for ``*.yaml`` / ``*.yml``.

    ``sources/`` and hidden directories are skipped, each file is listed once, and a
    path that does not exist is kept so loading reports it as a located problem.
    """
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        for found in sorted(path.rglob("*")):
            rel = found.relative_to(path).parts
            if any(part in SKIP_DIRS or part.startswith(".") for part in rel[:-1]):
                continue
            if found.is_file() and found.suffix in (".yaml", ".yml") and not found.name.startswith("."):
                out.append(found)
    unique: dict[Path, Path] = {}
    for p in out:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())
