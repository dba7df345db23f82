"""A cache of checked rule sets and their compiled years, so a command skips parsing and compiling.

Loading ``rules/*.yaml`` (YAML, pydantic, condition parsing, checks) and compiling a report
year cost ~50 ms per process; the result depends only on the rule files and on this code.
The key is a digest of every rule file's path and bytes, the rules directory, tierengine's
version and the size and modification time of each of its modules, durable_rules' install
and the Python version: a change to any of them is a new key. An unreadable, corrupt or
foreign cache file is ignored and rebuilt, never an error; the cache is safe to delete.

Where: ``$TIERENGINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/tierengine``, else
``~/.cache/tierengine``. ``TIERENGINE_CACHE_DIR=off`` disables it.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
from pathlib import Path

import tierengine
from tierengine.rules.ruleset import RuleSet, default_rules_dir, load_rules

ENV = "TIERENGINE_CACHE_DIR"
FORMAT = 1  # bump when what is pickled changes shape


def cache_dir() -> Path | None:
    """The cache directory, or None when the cache is switched off."""
    chosen = os.environ.get(ENV)
    if chosen:
        return None if chosen.lower() in ("off", "0", "none") else Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "tierengine"


def _code_stamp(digest) -> None:
    """This code and the engine it drives: a changed module is a new key (no stale compilations)."""
    digest.update(f"{FORMAT}\0{tierengine.__version__}\0{sys.version}\0".encode())
    package = Path(tierengine.__file__).parent
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        digest.update(f"{path.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    spec = importlib.util.find_spec("durable")
    if spec and spec.origin:
        st = Path(spec.origin).stat()
        digest.update(f"{spec.origin}\0{st.st_mtime_ns}\0".encode())


def cache_key(directory: Path) -> str:
    digest = hashlib.sha256(f"{directory}\0".encode())
    for path in sorted(directory.rglob("*.yaml")):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    _code_stamp(digest)
    return digest.hexdigest()[:32]


def _read(path: Path) -> RuleSet | None:
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:  # missing, truncated, from another version: rebuild
        return None
    return found if isinstance(found, RuleSet) else None


def _write(path: Path, rules: RuleSet) -> None:
    """Atomically (a reader never sees half a file); a read-only or full disk only costs speed."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rules-")
        with os.fdopen(fd, "wb") as out:
            pickle.dump(rules, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def load_rules_cached(directory: Path | None = None) -> RuleSet:
    """``load_rules`` through the cache; years compiled during the run are saved when it ends.

    Invalid rules raise InputError as ``load_rules`` does and are never cached.
    """
    directory = Path(directory) if directory else default_rules_dir()
    where = cache_dir()
    if where is None or not directory.is_dir():
        return load_rules(directory)
    try:
        path = where / f"rules-{cache_key(directory)}.pickle"
    except OSError:  # a rule file vanished or is unreadable: let load_rules report it
        return load_rules(directory)
    rules = _read(path)
    if rules is None:
        rules = load_rules(directory)
        _write(path, rules)
    years = set(rules.compiled)

    def save_new_years() -> None:
        if set(rules.compiled) != years:
            _write(path, rules)

    atexit.register(save_new_years)
    return rules
