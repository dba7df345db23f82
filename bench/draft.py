"""How well `tierengine draft` proposes the hand-encoded facts, how often drafts validate, what it costs.

    .venv/bin/python bench/draft.py              # the corpus: evidence/*.yaml and their sources
    .venv/bin/python bench/draft.py --facts      # also the table per fact
    .venv/bin/python bench/draft.py --spacy      # also spaCy's Matcher on the figure and trend facts

A fact counts when the draft and the hand encoding agree on its path and reading: the same
value (for a penalty, the same range), or both "not reported". Recall = agreeing / hand-encoded
facts; precision = agreeing / drafted facts (a drafted fact the hand file lacks counts against
it, even when the source does state it). Timing: median in-process time to draft one narrative
beside the median time to load and assess its hand-encoded file, in the same run. The
phrasebook was written while reading this corpus: these are in-sample numbers. Nothing here
is a test threshold.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tierengine.authoring.draft import consistent, draft_text, write_draft  # noqa: E402
from tierengine.errors import InputError  # noqa: E402
from tierengine.evidence.load import load_evidence  # noqa: E402

#: the report's conclusion, which the drafter never copies into a fact (context: principle 1)


def reading(kind: str, status: str, values: dict) -> tuple | None:
    if status == "missing":
        return None
    if status == "not_reported" or values.get("reported") is False:
        return ("not reported",)
    if kind == "penalty":
        return (values.get("min_years"), values.get("max_years"))
    return (values.get("value"),)


def drafted_readings(draft) -> dict[str, tuple]:
    out = {}
    for path, fact in draft.facts.items():
        kind = "penalty" if "max_years" in fact.fields else "other"
        out[path] = reading(kind, "reported", fact.fields)
    return out


def hand_readings(loaded) -> dict[str, tuple]:
    out = {}
    for path, entry in loaded.facts.items():
        if path.startswith("history."):
            continue
        r = reading(entry.kind, entry.status, entry.values)
        if r is not None:
            out[path] = r
    return out


def score(pairs: list[tuple[dict, dict]], keep=lambda path: True) -> dict:
    """Counts per fact and overall: hand, drafted, agreeing, wrong (both present, differ)."""
    per: dict[str, list[int]] = {}
    for hand, drafted in pairs:
        for path in set(hand) | set(drafted):
            if not keep(path):
                continue
            row = per.setdefault(path, [0, 0, 0, 0])
            row[0] += path in hand
            row[1] += path in drafted
            row[2] += path in hand and path in drafted and hand[path] == drafted[path]
            row[3] += path in hand and path in drafted and hand[path] != drafted[path]
    total = [sum(r[i] for r in per.values()) for i in range(4)]
    return {"per": per, "total": total}


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def validity(cases) -> tuple[int, int, list[str], int]:
    """Write every draft through the real command path (history from the hand file), validate and assess it.

    The last number: drafts, taken as they are, whose tier equals the hand file's tier.
    """
    from tierengine.assessment.assess import assess_file, assess_loaded
    from tierengine.rules.ruleset import load_rules

    rules = load_rules(None)
    ok, bad, same_tier = 0, [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for loaded in cases:
            ev = loaded.evidence
            target = Path(tmp) / "evidence" / f"{Path(loaded.path).stem}.yaml"
            write_draft(ev.country, ev.report_year, loaded.source_path, target, history=dict(ev.history.tiers), history_source="the hand file")
            try:
                drafted = load_evidence(target)
                ok += 1
            except InputError as exc:
                bad.append(f"{target.name}: {exc.problems[0]}")
                continue
            same_tier += assess_loaded(drafted, rules).tier == assess_file(Path(loaded.path), rules).tier
    return ok, len(cases), bad, same_tier


def timings(cases, n: int) -> tuple[float, float]:
    from tierengine.assessment.assess import assess_file
    from tierengine.rules.ruleset import load_rules

    rules = load_rules(None)
    texts = [(c, c.source_path.read_text(encoding="utf-8")) for c in cases]
    for c, text in texts:  # warm: imports, compiled rule sets, the phrasebook
        draft_text(text, c.evidence.report_year)
        assess_file(Path(c.path), rules)
    drafting, assessing = [], []
    for _ in range(n):
        for c, text in texts:
            start = time.perf_counter()
            consistent(draft_text(text, c.evidence.report_year), c.evidence.country, c.evidence.report_year)
            drafting.append(time.perf_counter() - start)
            start = time.perf_counter()
            assess_file(Path(c.path), rules)
            assessing.append(time.perf_counter() - start)
    return statistics.median(drafting), statistics.median(assessing)


# ---- spaCy's rule-based Matcher on the same facts, for the choice of technology ------------

SPACY_FACTS = (
    "prosecution.investigations", "prosecution.prosecutions", "prosecution.convictions",
    "prosecution.investigations_trend", "prosecution.prosecutions_trend", "prosecution.convictions_trend",
    "protection.victims_identified", "protection.victims_identified_trend",
    "prosecution.trend", "protection.trend", "prevention.trend",
)


def spacy_drafter():
    """Token patterns for the figure and trend facts, on spacy.blank("en") (no model download).

    The same phrasings as the phrasebook's entries for these facts, written as token
    patterns (LIKE_NUM for figures, LOWER/IN for verbs and direction words).
    """
    import spacy
    from spacy.matcher import Matcher

    from tierengine.authoring.numbers import parse_direction, parse_number
    from tierengine.authoring.sentences import NOT_EVIDENCE, sentences

    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    offenders = {"IN": ["traffickers", "trafficker", "perpetrators", "suspects", "defendants", "individuals", "people", "persons"]}
    adj = {"IS_ALPHA": True, "OP": "{0,2}"}
    more = {"LOWER": {"IN": ["more", "fewer"]}}
    degree = {"LOWER": {"IN": ["significantly", "slightly", "substantially", "even", "marginally", "modestly"]}, "OP": "?"}
    nr_list = [{"LOWER": "did"}, {"LOWER": "not"}, {"LOWER": "report"}, {"IS_PUNCT": False, "OP": "{0,12}"}]
    patterns = {
        "prosecution.convictions|count": [[{"LOWER": {"IN": ["convicted", "convicting"]}}, {"LIKE_NUM": True}, adj, {"LOWER": offenders}]],
        "prosecution.prosecutions|count": [[{"LOWER": {"IN": ["prosecuted", "prosecuting"]}}, {"LIKE_NUM": True}, adj, {"LOWER": offenders}]],
        "prosecution.investigations|count": [[{"LOWER": {"IN": ["investigated", "initiated", "opened", "conducted"]}}, {"LIKE_NUM": True}, adj, {"LOWER": {"IN": ["investigations", "cases"]}}]],
        "protection.victims_identified|count": [[{"LOWER": {"IN": ["government", "authorities", "officials"]}}, {"LOWER": "identified"}, {"LIKE_NUM": True}, adj, {"LOWER": "victims"}]],
        "prosecution.convictions|zero": [[{"LOWER": "did"}, {"LOWER": "not"}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": "convict"}, {"LOWER": "any"}, adj, {"LOWER": {"IN": ["traffickers", "perpetrators"]}}]],
        "prosecution.prosecutions|zero": [[{"LOWER": "did"}, {"LOWER": "not"}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": "prosecute"}, {"LOWER": "any"}, adj, {"LOWER": "traffickers"}]],
        "prosecution.convictions|nr": [nr_list + [{"LOWER": "convicting"}]],
        "prosecution.prosecutions|nr": [nr_list + [{"LOWER": "prosecuting"}]],
        "prosecution.investigations|nr": [nr_list + [{"LOWER": "investigating"}]],
        "protection.victims_identified|nr": [nr_list + [{"LOWER": "identifying"}, {"LOWER": "any"}, adj, {"LOWER": "victims"}]],
        "prosecution.investigations_trend|trend": [[{"LOWER": {"IN": ["investigated", "investigating"]}}, degree, more, adj, {"LOWER": {"IN": ["cases", "crimes", "traffickers", "suspects"]}}]],
        "prosecution.prosecutions_trend|trend": [[{"LOWER": {"IN": ["prosecuted", "prosecuting"]}}, {"LOWER": "and", "OP": "?"}, {"LOWER": {"IN": ["convicted", "convicting"]}, "OP": "?"}, degree, more, adj, {"LOWER": offenders}]],
        "prosecution.convictions_trend|trend": [[{"LOWER": {"IN": ["convicted", "convicting"]}}, degree, more, adj, {"LOWER": offenders}]],
        "protection.victims_identified_trend|trend": [[{"LOWER": {"IN": ["identified", "identifying"]}}, degree, more, adj, {"LOWER": "victims"}]],
        "prosecution.trend|pillar": [[{"LOWER": "government"}, {"LOWER": {"IN": ["increased", "maintained", "decreased"]}}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": "law"}, {"LOWER": "enforcement"}, {"LOWER": "efforts"}]],
        "protection.trend|pillar": [[{"LOWER": "government"}, {"IS_ALPHA": True, "OP": "?"}, {"LOWER": {"IN": ["increased", "maintained", "decreased"]}}, {"IS_ALPHA": True, "OP": "{0,4}"}, {"LOWER": "protection"}, {"LOWER": "efforts"}]],
        "prevention.trend|pillar": [[{"LOWER": "government"}, {"LOWER": {"IN": ["increased", "maintained", "decreased"]}}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": {"IN": ["prevention", "prevent"]}}]],
    }
    for key, pats in patterns.items():
        matcher.add(key, pats)
    negation = re.compile(r"\b(?:not|no|never|without|nor)\b[^,;]*$", re.I)

    def draft(text: str) -> dict[str, tuple]:
        found: dict[str, tuple] = {}
        kept = [s.text for s in sentences(text) if s.section not in NOT_EVIDENCE]
        for doc in nlp.pipe(kept):
            for match_id, start, end in matcher(doc):
                fact, how = nlp.vocab.strings[match_id].split("|")
                span = doc[start:end]
                positive = how in ("count", "trend", "pillar")
                if positive and negation.search(doc[:start].text):
                    continue
                if how == "count":
                    nums = [parse_number(t.text) for t in span if t.like_num]
                    value = nums[0] if nums and nums[0] is not None else None
                    r = None if value is None else (value,)
                elif how == "zero":
                    r = (0,)
                elif how == "nr":
                    r = ("not reported",)
                else:
                    words = [parse_direction(t.text) for t in span if t.lower_ in ("more", "fewer", "increased", "maintained", "decreased")]
                    r = (words[0],) if words else None
                if r is not None:
                    found.setdefault(fact, r)
        return found

    return draft


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", action="store_true", help="print the table per fact")
    parser.add_argument("--spacy", action="store_true", help="compare spaCy's Matcher on the figure and trend facts")
    parser.add_argument("-n", type=int, default=3, help="timing repeats over the corpus")
    args = parser.parse_args()

    cases = [load_evidence(p, str(p.relative_to(ROOT))) for p in sorted((ROOT / "evidence").glob("*.yaml"))]
    pairs = []
    for c in cases:
        text = c.source_path.read_text(encoding="utf-8")
        draft = consistent(draft_text(text, c.evidence.report_year), c.evidence.country, c.evidence.report_year)
        pairs.append((hand_readings(c), drafted_readings(draft)))

    print(f"corpus: {len(cases)} narratives with hand-encoded evidence (evidence/*.yaml)\n")
    print("| scope | hand facts | drafted | agree | wrong value | recall | precision |")
    print("|---|---|---|---|---|---|---|")
    for label, keep in (("all facts", lambda p: True),):
        hand, drafted, agree, wrong = score(pairs, keep)["total"]
        print(f"| {label} | {hand} | {drafted} | {agree} | {wrong} | {pct(agree, hand)} | {pct(agree, drafted)} |")
    if args.facts:
        per = score(pairs)["per"]
        print("\n| fact | hand | drafted | agree | wrong value | recall | precision |")
        print("|---|---|---|---|---|---|---|")
        for path in sorted(per, key=lambda p: (-per[p][0], p)):
            h, d, a, w = per[path]
            print(f"| `{path}` | {h} | {d} | {a} | {w} | {pct(a, h)} | {pct(a, d)} |")

    ok, n, bad, same_tier = validity(cases)
    print(f"\ndrafts that validate: {ok} of {n}")
    for line in bad:
        print(f"  {line}")
    print(f"drafts taken as they are (unconfirmed) whose tier equals the hand file's: {same_tier} of {ok}")
    drafting, assessing = timings(cases, args.n)
    print(f"median per narrative: draft {drafting * 1000:.1f} ms, load+assess the hand file {assessing * 1000:.1f} ms ({args.n} passes)")

    if args.spacy:
        draft = spacy_drafter()
        keep = lambda p: p in SPACY_FACTS  # noqa: E731
        spacy_pairs, times, regex_times = [], [], []
        for c, (hand, _) in zip(cases, pairs):
            text = c.source_path.read_text(encoding="utf-8")
            start = time.perf_counter()
            spacy_pairs.append((hand, draft(text)))
            times.append(time.perf_counter() - start)
            start = time.perf_counter()
            draft_text(text, c.evidence.report_year)
            regex_times.append(time.perf_counter() - start)
        print(f"\nspaCy Matcher vs the regular-expression phrasebook on {len(SPACY_FACTS)} figure and trend facts:\n")
        print("| matcher | hand facts | drafted | agree | wrong value | recall | precision | median ms / narrative |")
        print("|---|---|---|---|---|---|---|---|")
        for label, ps, ts in (("regular expressions (phrasebook.yaml, all entries)", pairs, regex_times), ("spaCy Matcher (spacy.blank('en'))", spacy_pairs, times)):
            hand, drafted, agree, wrong = score(ps, keep)["total"]
            print(f"| {label} | {hand} | {drafted} | {agree} | {wrong} | {pct(agree, hand)} | {pct(agree, drafted)} | {statistics.median(ts) * 1000:.1f} |")


if __name__ == "__main__":
    main()
