"""`tierengine validate`: schema and quote checks without the engine, as a user and a hook run it."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT, run_cli


def _break_quote(path):
    text = path.read_text()
    old = "quote: The government decreased anti-trafficking law enforcement efforts."
    assert old in text
    path.write_text(text.replace(old, "quote: The government increased anti-trafficking law enforcement efforts."))
    return text[: text.index(old)].count("\n") + 1


def test_valid_file_exits_0_with_nothing_on_stdout(evidence_copy):
    run = run_cli("validate", str(evidence_copy))
    assert run.code == 0, run.err
    assert run.out == ""
    assert "1 evidence file valid" in run.err
    assert run_cli("validate", "--quiet", str(evidence_copy)).err == ""


def test_a_misquoted_fact_is_located_and_exits_2(evidence_copy):
    line = _break_quote(evidence_copy)
    run = run_cli("validate", str(evidence_copy))
    assert run.code == 2
    assert "Traceback" not in run.err
    first = run.err.splitlines()[0]
    assert first.startswith(f"{evidence_copy}:{line}:")
    assert "prosecution.trend: quote not found in source" in first


def test_directories_recurse_skip_sources_and_continue_past_bad_files(evidence_copy):
    folder = evidence_copy.parent
    nested = folder / "more" / "deeper"
    shutil.copytree(folder / "sources", nested / "sources")
    shutil.copy(evidence_copy, nested / "copy_2025.yml")
    (folder / "bad_2025.yaml").write_text("country: [\n")
    (folder / "sources" / "junk.yaml").write_text("not: [evidence\n")  # narratives are not evidence
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "x.yaml").write_text("x: [\n")
    run = run_cli("validate", str(folder), "--format", "json")
    assert run.code == 2
    report = run.json()
    names = sorted(p.replace(str(folder), "") for p in report["files"])
    assert names == ["/bad_2025.yaml", "/belarus_2025.yaml", "/more/deeper/copy_2025.yml"]
    assert len(report["valid"]) == 2
    assert [p["file"] for p in report["problems"]] == [str(folder / "bad_2025.yaml")]
    # the same problems, as one-line messages, on stderr
    assert f"{folder / 'bad_2025.yaml'}:2:1: malformed YAML" in run.err


def test_missing_path_is_a_located_problem(tmp_path):
    run = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert run.code == 2 and run.err.startswith(f"{tmp_path / 'nope.yaml'}:1:1: cannot read file")


def test_same_problems_and_exit_code_as_assess(evidence_copy):
    _break_quote(evidence_copy)
    text = evidence_copy.read_text().replace("      value: 56\n", "      value: fifty-six\n")
    evidence_copy.write_text(text)
    v = run_cli("validate", "-q", str(evidence_copy))
    a = run_cli("assess", str(evidence_copy))
    assert v.code == a.code == 2
    problems = [line for line in v.err.splitlines() if line.startswith(str(evidence_copy))]
    assert problems and problems == [line for line in a.err.splitlines() if line.startswith(str(evidence_copy))]


def test_github_format_annotates_the_same_locations(evidence_copy):
    line = _break_quote(evidence_copy)
    text = run_cli("validate", str(evidence_copy)).err.splitlines()[0]
    run = run_cli("validate", str(evidence_copy), "--format", "github")
    assert run.code == 2
    ann = run.out.splitlines()[0]
    col = text.split(":")[2]
    assert ann.startswith(f"::error file={evidence_copy},line={line},col={col},")
    assert ann.split("::")[-1] == text.split(": ", 1)[1]


def test_validate_never_loads_the_engine_or_rules(evidence_copy):
    """What keeps a pre-commit run on a whole directory fast: no durable_rules, no rule set."""
    code = (
        "import sys\n"
        "from tierengine.cli.app import app\n"
        "try:\n"
        f"    app(['validate', '-q', {str(evidence_copy.parent)!r}])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print(sorted(m for m in sys.modules if m.startswith(('durable', 'tierengine.rules.ruleset', 'tierengine.engine.durable'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_warnings_are_shown_but_do_not_fail(evidence_copy):
    text = evidence_copy.read_text()
    old = "      value: true\n      quote: corruption and complicity in trafficking crimes remained significant concerns."
    assert old in text
    evidence_copy.write_text(text.replace(old, old.replace("true", "false")))
    run = run_cli("validate", str(evidence_copy), "--format", "github")
    assert run.code == 0, run.err
    (ann,) = [line for line in run.out.splitlines() if line.startswith("::")]
    assert ann.startswith(f"::warning file={evidence_copy},line=") and "::complicity.concerns is false" in ann
    text_run = run_cli("validate", str(evidence_copy), "--format", "json")
    assert text_run.code == 0 and text_run.json()["valid"] == [str(evidence_copy)]
    (warning,) = text_run.json()["warnings"]
    assert f"{evidence_copy}:{warning['line']}:{warning['col']}: warning: complicity.concerns" in text_run.err
