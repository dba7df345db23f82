"""Safe YAML loading that remembers where every value came from.

We compose the node graph with PyYAML's safe (C when available) loader and build the
Python values ourselves. That gives us the line and column of every key and value,
rejects duplicate keys and object-constructing tags, and bounds alias expansion and
depth, so hostile files fail with a located message instead of a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tierengine.errors import InputError, Problem, printable
from tierengine.evidence.files import read_regular

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

_MERGE = "tag:yaml.org,2002:merge"

#: control characters (C0 but tab and line feed, DEL, C1): a "\\e" or "\\x9b" escape in a
#: quoted string would reach a terminal as an escape sequence (window title, screen
#: clear). Tab and line feed are ordinary whitespace in quotes and notes; keys allow neither.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
KEY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

Loc = tuple  # a path of keys / indexes into the document


@dataclass
class Located:
    """A parsed document plus the (line, col) of every path in it (1-based)."""

    path: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc) -> tuple[int, int]:
        """Position of the deepest prefix of ``loc`` we know (the document start at worst)."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, loc: Loc, message: str) -> Problem:
        line, col = self.where(loc)
        return Problem(self.path, line, col, message)


@lru_cache(maxsize=1)
def _yaml():
    """PyYAML, its safe loader and a constructor, imported on the first parse (~15 ms):
    a warm start (evidence/cache.py) parses no YAML at all."""
    import yaml

    try:  # libyaml is ~10x faster; fall back to pure Python where it is missing
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover
        from yaml import SafeLoader as loader  # type: ignore[assignment]
    return yaml, loader, yaml.constructor.SafeConstructor()


def load_package_data(path: Path) -> Any:
    """A YAML data file shipped with the package (the codebook, the phrasebook, plain.yaml):
    trusted, so no locations, and parsed with libyaml (the pure-Python parser took ~200 ms
    on the codebook, paid by every text report for its labels). Kept in the start-up cache
    as JSON under the code stamp, which covers these files: a warm text report imports no
    YAML parser at all."""
    from tierengine.evidence import cache

    name = cache.key("package", str(path)) if cache.directory() else None
    entry = cache.read("package", name) if name else None
    if entry is not None and "data" in entry:
        return cache.decode(entry["data"])
    data = _parse_package_data(path)
    if name is not None:
        cache.write("package", name, {"data": cache.encode(data)})
    return data


def _parse_package_data(path: Path) -> Any:
    _, loader, _ = _yaml()
    parser = loader(Path(path).read_text(encoding="utf-8"))  # the safe loader (libyaml's where present)
    try:
        return parser.get_single_data()
    finally:
        parser.dispose()


def _scalar(node: yaml.ScalarNode, made) -> Any:
    # The constructor methods of SafeConstructor are plain functions of the node.
    ctor = type(made)
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return node.value
    if tag == "tag:yaml.org,2002:int":
        return ctor.construct_yaml_int(made, node)
    if tag == "tag:yaml.org,2002:float":
        return ctor.construct_yaml_float(made, node)
    if tag == "tag:yaml.org,2002:bool":
        return ctor.construct_yaml_bool(made, node)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:timestamp":
        return ctor.construct_yaml_timestamp(made, node)
    raise AssertionError(tag)


def parse_yaml(text: str, path: str) -> Located:
    """Parse one YAML document into plain data with positions; raise InputError."""
    yaml, loader, constructor = _yaml()
    located = Located(path, None)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError([Problem(path, 1, 1, f"file is larger than the {MAX_BYTES:,}-byte limit")])
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = f"malformed YAML: {_one_line(exc.problem or exc.context)}"
        raise InputError([Problem(path, line, col, msg)]) from None
    except yaml.reader.ReaderError as exc:  # a forbidden character: no mark, but a position
        line, col = _line_col(text, exc.position)
        raise InputError([Problem(path, line, col, f"malformed YAML: character {exc.character!r} is not allowed ({exc.reason})")]) from None
    except yaml.YAMLError as exc:  # composer errors without marks (e.g. several documents)
        raise InputError([Problem(path, 1, 1, f"malformed YAML: {_one_line(exc)}")]) from None
    except RecursionError:  # the pure-Python parser on a deeply nested document
        raise InputError([Problem(path, 1, 1, f"document nested deeper than {MAX_DEPTH} levels")]) from None
    if root is None:
        raise InputError([Problem(path, 1, 1, "empty document")])

    budget = [MAX_NODES]

    def build(node: yaml.Node, loc: Loc, depth: int) -> Any:
        budget[0] -= 1
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if budget[0] < 0:
            raise InputError([Problem(path, line, col, f"document has more than {MAX_NODES:,} values once aliases are expanded (alias bomb?)")])
        if depth > MAX_DEPTH:
            raise InputError([Problem(path, line, col, f"document nested deeper than {MAX_DEPTH} levels")])
        if node.tag not in _SAFE_TAGS and node.tag != _MERGE:
            raise InputError([Problem(path, line, col, f"YAML tag {node.tag!r} is not allowed")])
        located.positions.setdefault(loc, (line, col))
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            merged: list[dict] = []
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:  # "<<: *anchor": explicit keys win, whatever their order
                    value = build(value_node, loc + ("<<",), depth + 1)
                    sources = value if isinstance(value, list) else [value]
                    if not all(isinstance(v, dict) for v in sources):
                        raise InputError([Problem(path, line, col, "'<<' merges mappings only")])
                    merged.extend(sources)
                    continue
                key = build(key_node, loc + ("<key>",), depth + 1)
                kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                if isinstance(key, (dict, list)):
                    raise InputError([Problem(path, kline, kcol, "mapping keys must be scalars")])
                if key in out:
                    raise InputError([Problem(path, kline, kcol, f"duplicate key {key!r}")])
                located.positions[loc + (key,)] = (kline, kcol)
                out[key] = build(value_node, loc + (key,), depth + 1)
            for source in merged:
                for key, value in source.items():
                    out.setdefault(key, value)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        try:
            value = _scalar(node, constructor)
        except (ValueError, OverflowError) as exc:  # 10**5000, 2024-13-45: valid syntax, impossible value
            why = f"a number of {len(node.value):,} characters is too long" if len(node.value) > 100 else _one_line(exc)
            raise InputError([Problem(path, line, col, f"cannot read value {node.value[:40]!r}: {why}")]) from None
        if isinstance(value, str):
            bad = CONTROL.search(value) if loc[-1:] != ("<key>",) else KEY_CONTROL.search(value)
            if bad:
                raise InputError([Problem(path, line, col, f"control character {bad.group()!r} is not allowed in a string")])
        return value

    located.data = build(root, (), 0)
    located.positions[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
    return located


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_yaml(path: Path, display: str | None = None) -> Located:
    """Read and parse a YAML file; unreadable or non-UTF-8 files become Problems.

    At most MAX_BYTES + 1 bytes of a regular file are read, so a huge file is refused
    without filling memory and a FIFO or device is refused without blocking.
    """
    name = printable(display or str(path))
    try:
        raw = read_regular(path, MAX_BYTES)
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(name, 1, 1, f"file is larger than the {MAX_BYTES:,}-byte limit")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Problem(name, line, col, f"file is not valid UTF-8 (byte {exc.start})")]) from None
    return parse_yaml(text, name)
