"""SourceText maps a whitespace-normalised match back to the line it starts on.

The line table replaced a per-character offset table (bench/run.py: ~2 ms and ~1 MiB per
narrative); this property pins it to the obvious per-character reading of the text.
Longer runs: QUOTES_EXAMPLES=2000 pytest tests/evidence/test_quotes_lines.py
"""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from tierengine.evidence.quotes import SourceText, normalise

EXAMPLES = int(os.environ.get("QUOTES_EXAMPLES", "150"))


def reference_line(text: str, quote: str) -> int | None:
    """Per character: collapse whitespace, remember each kept character's offset."""
    chars, offsets, in_space = [], [], True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                chars.append(" ")
                offsets.append(i)
            in_space = True
        else:
            chars.append(ch)
            offsets.append(i)
            in_space = False
    needle = normalise(quote)
    pos = "".join(chars).find(needle) if needle else -1
    return None if pos < 0 else text.count("\n", 0, offsets[pos]) + 1


words = st.sampled_from(["the", "government", "did", "not", "report", "data", "victims", "2024", "“crisis", "rooms”"])
gaps = st.sampled_from([" ", "  ", "\n", "\n\n", " \n ", "\t", "\r\n", "\u00a0", "\n   \n"])


@st.composite
def text_and_quote(draw):
    tokens = draw(st.lists(st.tuples(words, gaps), min_size=1, max_size=60))
    lead = draw(st.sampled_from(["", "\n", "  \n\n"]))
    text = lead + "".join(w + g for w, g in tokens)
    start = draw(st.integers(0, len(tokens) - 1))
    end = draw(st.integers(start + 1, len(tokens)))
    quote_gaps = draw(st.lists(gaps, min_size=end - start, max_size=end - start))
    quote = "".join(w + g for (w, _), g in zip(tokens[start:end], quote_gaps))
    if draw(st.booleans()):  # sometimes a quote that is not in the text
        quote += " absent-word"
    return text, quote


@settings(max_examples=EXAMPLES, deadline=None)
@given(text_and_quote())
def test_find_returns_the_line_of_the_first_match(case):
    text, quote = case
    assert SourceText(text).find(quote) == reference_line(text, quote)


def test_a_quote_starting_after_blank_lines_is_on_its_own_line():
    text = "\n\nFirst paragraph ends here.\n\n\n   The government did\n   not report data.\n"
    assert SourceText(text).find("The government did not report data.") == 6
    assert SourceText(text).find("here. The government") == 3
