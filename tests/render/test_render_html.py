"""The HTML report: self-contained, opens in a real headless browser without script errors.

Needs Debian's chromium (``apt-get install chromium``); skipped with a reason if absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BELARUS, ROOT, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    run = run_cli("assess", str(BELARUS), "--format", "html", "-o", str(out))
    assert run.code == 0, run.err
    assert run.out == "", "with -o the report goes to the file only"
    return out


def test_page_is_self_contained_and_complete(report):
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "no network resources"
    assert "<link" not in page and "@import" not in page
    assert 'Belarus 2025: <span class="tier t3">Tier 3</span>' in page
    for fid in [f"MS-{i}" for i in range(1, 5)] + [f"C-{i}" for i in range(1, 13)]:
        assert f'<td class="id">{fid}</td>' in page
    assert page.count('class="val not-met"') >= 5 and 'class="val met"' in page and 'class="val nd"' in page
    # the chain folds down to the quote, highlighted in its context in the source
    assert "<mark>During the reporting period there was a government policy or pattern of forced labor" in page
    assert "<h2>Why not a better tier</h2>" in page and "would need" in page and "@media print" in page


def test_html_escapes_evidence_text(evidence_copy, tmp_path):
    text = evidence_copy.read_text(encoding="utf-8").replace("country: Belarus", 'country: "<script>alert(1)</script>"')
    evidence_copy.write_text(text, encoding="utf-8")
    out = tmp_path / "r.html"
    run = run_cli("assess", str(evidence_copy), "--format", "html", "-o", str(out))
    assert run.code == 0, run.err
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_output_option_for_other_formats(tmp_path):
    out = tmp_path / "a.json"
    run = run_cli("assess", str(BELARUS), "--format", "json", "-o", str(out))
    assert run.code == 0 and run.out == ""
    assert '"tier": "Tier 3"' in out.read_text(encoding="utf-8")
    html = run_cli("assess", str(BELARUS), "--format", "html")
    assert html.code == 0 and html.out.startswith("<!DOCTYPE html>")


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_page_opens_in_headless_chromium(report, tmp_path):
    url = report.resolve().as_uri() + "#expand"
    details = report.read_text(encoding="utf-8").count("<details")
    dom = _chromium(["--dump-dom", url], tmp_path / "p1")
    assert dom.returncode == 0, dom.stderr[-2000:]
    html_tag = re.search(r"<html[^>]*>", dom.stdout).group(0)
    body_tag = re.search(r"<body[^>]*>", dom.stdout).group(0)
    assert 'data-errors="0"' in html_tag, "a script error happened in the page"
    assert 'data-ready="1"' in body_tag
    opened = int(re.search(r'data-opened="(\d+)"', body_tag).group(1))
    assert opened == details > 20, "#expand opens every fold of the tree"

    shot = tmp_path / "report.png"
    run = _chromium(["--enable-logging=stderr", "--v=0", "--window-size=1280,1800", f"--screenshot={shot}", url], tmp_path / "p2")
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if re.search(r"Uncaught|Refused|Error", line)], console
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_printing_opens_every_fold(report, tmp_path):
    """Folded, the page prints on about three pages; with every fold open on many more."""
    pdf = tmp_path / "report.pdf"
    run = _chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.resolve().as_uri()], tmp_path / "p3")
    assert run.returncode == 0, run.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert pages >= 8, f"only {pages} printed pages: the folds did not open for printing"


def test_page_opens_with_the_summary_and_draws_the_tier_history(report):
    page = report.read_text(encoding="utf-8")
    assert page.index('<p class="summary">Belarus is on Tier 3: the law treats') < page.index("<h2>")
    svg = page[page.index('<svg class="timeline"'):page.index("</svg>", page.index('<svg class="timeline"'))]
    assert "<script" not in svg and "href" not in svg
    assert "2011: Tier 2 Watch List" in svg and "2016: not in the table" in svg and "2025: Tier 3 (this assessment)" in svg
    assert "WL 4 yrs" in svg  # the 2011-2014 Watch List run, bracketed


def test_timeline_marks_runs_and_waivers():
    from tierengine.render.timeline import runs, svg

    tiers = {2015: "Tier 2", 2016: "Tier 2 Watch List", 2017: "Tier 2 Watch List", 2018: "Tier 2 Watch List", 2019: "Tier 3", 2020: "Tier 2 Watch List"}
    assert runs(tiers) == [(2016, 2018), (2020, 2020)]
    drawn = svg(tiers, [2018], 2021, "Tier 2")
    assert "WL 3 yrs" in drawn and "WL 1 yr" in drawn and "2018: waiver of the automatic downgrade" in drawn


def test_an_open_case_shows_no_tier_anywhere(tmp_path):
    """A usability study (issue 10) found readers took the engine's default placement for the
    tier of an open case: its page shows '?' in the history, no chain and no why-not."""
    out = tmp_path / "lebanon.html"
    run = run_cli("assess", str(ROOT / "evidence" / "lebanon_2021.yaml"), "--format", "html", "-o", str(out))
    assert run.code == 0, run.err
    page = out.read_text(encoding="utf-8")
    assert "2021: not determinable (this assessment)" in page and "What would decide it" in page
    assert "<h2>Justification</h2>" not in page and "Why not a better tier" not in page
    assert "tier.base.default" not in page.split("<h2>Minimum standards")[0]
