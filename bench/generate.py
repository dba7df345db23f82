"""Write N varied, valid evidence files with their source narratives, for benchmarks.

Each file is one synthetic country in one report year. Every schema fact is, at
random, absent (the source is silent), ``reported: false`` or reported with a random
valid value; each quote is a generated sentence that is woven into that country's
source narrative (re-wrapped, so quotes cross line breaks as in the real reports),
between paragraphs of the real Belarus 2025 narrative so sources have a realistic size
and vocabulary. The result is deterministic for a given seed.

    python bench/generate.py 190 /tmp/te_bench   # writes /tmp/te_bench/*.yaml + sources/
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tierengine.evidence.model import evidence_schema  # noqa: E402

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FILLER = ROOT / "evidence" / "sources" / "2025" / "belarus.txt"
SHORT_TIERS = ["1", "2", "2WL", "3"]
TIERS = ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3"]
DETERMINATIONS = ["fully_meets", "significant_efforts", "not_significant_efforts"]
#: facts that count against a government: rarely true, so every tier occurs
ADVERSE = ("state.", "overall.special_case", "overall.victims_significant", "complicity.concerns",
           "complicity.facilitated", "protection.victims_penalized", "protection.services_conditioned",
           "partnership.civil_society_restricted", "protection.foreign_victims_insignificant")


def _wrap(text: str, width: int) -> str:
    """Break ``text`` into lines of about ``width`` characters (textwrap is too slow for 19,000 files)."""
    lines, line, size = [], [], 0
    for word in text.split():
        if size + len(word) > width and line:
            lines.append(" ".join(line))
            line, size = [], 0
        line.append(word)
        size += len(word) + 1
    lines.append(" ".join(line))
    return "\n".join(lines)


def _bool_quote(country: str, path: str, year: int, value: bool) -> str:
    verb = "did" if value else "did not"
    return f"In {year - 1} the government {verb} demonstrate {_words(path)} [{country} {path}] according to observers."


def _count_quote(country: str, path: str, year: int, fact: dict) -> str:
    said = f"Authorities reported {fact['value']} cases of {_words(path)} [{country} {path}] in {year - 1}"
    return said + (f", compared with {fact['prior']} in {year - 2}." if "prior" in fact else ".")


def _words(path: str) -> str:
    return path.split(".", 1)[1].replace("_", " ")


def _fact(rng: random.Random, path: str, kind: str, country: str, year: int, effort: float) -> tuple[dict | None, str | None]:
    """(fact mapping, quote sentence) or (None, None) when the source is silent."""
    roll = rng.random()
    if roll < 0.15:
        return None, None
    words = _words(path)
    tag = f"[{country} {path}]"  # keeps every quote unique within its source
    if roll < 0.25:
        quote = f"The government of {country} did not report data on {words} {tag} during the reporting period."
        return {"reported": False, "quote": quote}, quote
    if kind == "bool":
        value = rng.random() < (0.04 if path.startswith(ADVERSE) else effort)
        quote = _bool_quote(country, path, year, value)
        return {"value": value, "quote": quote}, quote
    if kind == "count":
        fact: dict = {"value": rng.randint(0, 400)}
        if rng.random() < 0.6:
            fact.update(prior=rng.randint(0, 400), prior_year=year - 2)
        fact["quote"] = _count_quote(country, path, year, fact)
        return fact, fact["quote"]
    if kind == "trend":
        value = rng.choice(["increased", "maintained", "decreased"])
        quote = f"The government {value} its {path.split('.')[0]} efforts {tag}."
        return {"value": value, "quote": quote}, quote
    if kind == "penalty":
        low = rng.randint(0, 8)
        high = low + rng.randint(0, 12)
        fine = rng.random() < 0.3
        alt = " or a fine" if fine else ""
        quote = f"The law {tag} prescribed penalties of {low} to {high} years' imprisonment{alt} for offenses involving adult victims."
        return {"min_years": low, "max_years": high, "fine_alternative": fine, "quote": quote}, quote
    raise ValueError(kind)


def _reported(facts: dict, path: str):
    group, name = path.split(".", 1)
    fact = facts.get(group, {}).get(name)
    return None if fact is None or "value" not in fact else fact


def _make_consistent(rng: random.Random, facts: dict, country: str, year: int, sentences: list[str]) -> None:
    """Respect the cross-fact checks (consistency.py): funnels narrow, runs of years without end."""
    chain = [_reported(facts, f"prosecution.{n}") for n in ("investigations", "prosecutions", "convictions")]
    for wider, narrower in zip(chain, chain[1:]):
        if wider and narrower and narrower["value"] > wider["value"]:
            narrower["value"] = rng.randint(0, wider["value"])
    for done_path, years_path in (("prosecution.convictions", "prosecution.years_without_convictions"),
                                  ("prevention.recruitment_enforcement", "prevention.years_without_recruitment_enforcement")):
        done, years = _reported(facts, done_path), _reported(facts, years_path)
        if years is None:
            continue
        happened = done is not None and (done["value"] is True or (not isinstance(done["value"], bool) and done["value"] >= 1))
        years["value"] = 0 if happened else rng.randint(1, 6)
        years.pop("prior", None)
        years.pop("prior_year", None)
    for group, members in facts.items():  # a count's figures and its "<count>_trend" fact agree
        for name in list(members):
            count, trend = _reported(facts, f"{group}.{name}"), _reported(facts, f"{group}.{name}_trend")
            if count is None or trend is None or "prior" not in count:
                continue
            actual = "increased" if count["value"] > count["prior"] else "decreased" if count["value"] < count["prior"] else "maintained"
            if actual != trend["value"]:  # keep the trend sentence, drop the comparison it contradicts
                old = count["quote"]
                del count["prior"], count["prior_year"]
                count["quote"] = _count_quote(country, f"{group}.{name}", year, count)
                sentences[sentences.index(old)] = count["quote"]
    convictions = _reported(facts, "prosecution.convictions")
    bools = {}
    if convictions is not None and convictions["value"] == 0:
        bools["prosecution.sentences_imprisonment"] = False  # sentences need convictions
    if any((_reported(facts, f"state.{n}") or {}).get("value") is True for n in facts.get("state", {})):
        bools["complicity.concerns"] = True  # a state policy of trafficking involves officials
    for path, value in bools.items():
        fact = _reported(facts, path)
        if fact is not None and fact["value"] != value:
            old, fact["value"] = fact["quote"], value
            fact["quote"] = _bool_quote(country, path, year, value)
            sentences[sentences.index(old)] = fact["quote"]
    for path in ("prosecution.prosecutions", "prosecution.convictions", "prosecution.years_without_convictions",
                 "prevention.years_without_recruitment_enforcement"):
        fact = _reported(facts, path)
        if fact is not None:  # the quote states the (possibly adjusted) value
            old, fact["quote"] = fact["quote"], _count_quote(country, path, year, fact)
            sentences[sentences.index(old)] = fact["quote"]


def generate_one(rng: random.Random, index: int, year: int, filler: list[str]) -> tuple[dict, str, str]:
    """(evidence mapping, source text, file stem) for one synthetic country."""
    country = f"Country{index:05d}"
    stem = f"country{index:05d}_{year}"
    facts: dict[str, dict] = {}
    sentences: list[str] = []
    effort = rng.uniform(0.3, 1.0)  # how much this government does, so tiers vary
    for path, cls in evidence_schema().items():
        fact, quote = _fact(rng, path, cls.kind, country, year, effort)
        if fact is not None:
            group, name = path.split(".", 1)
            facts.setdefault(group, {})[name] = fact
            sentences.append(quote)
    _make_consistent(rng, facts, country, year, sentences)
    published_tier = rng.choice(TIERS)
    determination = rng.choice(DETERMINATIONS)
    published_quote = f"The Government of {country} was placed on {published_tier} in the {year} report."
    sentences.append(published_quote)
    history_years = sorted(rng.sample(range(year - 12, year), rng.randint(0, 10)))
    history = {"tiers": {y: rng.choice(SHORT_TIERS) for y in history_years}, "waivers": []}
    wl_years = [y for y, t in history["tiers"].items() if t == "2WL"]
    if wl_years and rng.random() < 0.3:
        history["waivers"] = [rng.choice(wl_years)]
    evidence = {
        "country": country,
        "report_year": year,
        "reporting_period": {"start": f"{year - 1}-04-01", "end": f"{year}-03-31"},
        "source": f"sources/{year}/{stem}.txt",
        "history": history,
        "published": {"tier": published_tier, "determination": determination, "quote": published_quote},
        "facts": facts,
    }
    rng.shuffle(sentences)
    paragraphs = filler[:]
    rng.shuffle(paragraphs)
    chunks: list[str] = []
    step = max(1, len(sentences) // max(1, len(paragraphs)) + 1)
    for i, para in enumerate(paragraphs):
        extra = " ".join(sentences[i * step : (i + 1) * step])
        chunks.append(_wrap(f"{para} {extra}".strip(), width=rng.randint(70, 110)))
    rest = sentences[len(paragraphs) * step :]
    if rest:
        chunks.append(_wrap(" ".join(rest), width=90))
    return evidence, "\n\n".join(chunks) + "\n", stem


def generate(n: int, out: Path, seed: int = 2025, year: int = 2025) -> list[Path]:
    """Write ``n`` evidence files (and their sources) under ``out``; return the evidence paths."""
    rng = random.Random(seed)
    filler = [" ".join(p.split()) for p in FILLER.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    (out / "sources" / str(year)).mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        evidence, source, stem = generate_one(rng, i, year, filler)
        (out / evidence["source"]).write_text(source, encoding="utf-8")
        path = out / f"{stem}.yaml"
        path.write_text(yaml.dump(evidence, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/generate.py N OUT_DIR")
    written = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {len(written)} evidence files under {sys.argv[2]}")
