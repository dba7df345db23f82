"""Problems found in user input, reported as ``file:line:col: message``.

Every input error ends up as a :class:`Problem` so the CLI can print one line per
problem and exit 2, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


#: every character str.splitlines() breaks at and every control character (C0, DEL,
#: C1), shown escaped ("\\n", "\\x1b", "\\u2028"): a message names files and keys as
#: given, and must stay one line that cannot drive the terminal
_ONE_LINE = {c: chr(c).encode("unicode_escape").decode() for c in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]}


def printable(text: str) -> str:
    """``text`` with line breaks and control characters escaped, for names not validated (argv)."""
    return text.translate(_ONE_LINE)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, located as precisely as we can."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        # one line per problem whatever the input holds (a key or quote with a line break)
        return f"{self.file}:{self.line}:{self.col}: {self.message}".translate(_ONE_LINE)

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "col": self.col, "message": self.message}


class InputError(Exception):
    """Raised with every problem found in an input (evidence or rules) at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class EngineError(Exception):
    """durable_rules misbehaved (stored exception, disagreement with the rule text)."""
