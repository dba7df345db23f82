"""Verbatim quotes with whitespace normalised, mapped back to source lines."""

from tierengine.evidence.quotes import SourceText


def test_quote_across_a_page_break_is_found_at_its_first_line():
    text = SourceText("Title\n\nThe government did\n\nnot report   data.\n")
    assert text.find("The government did not report data.") == 3
    assert text.find("did not report data") == 3


def test_a_quote_that_is_not_verbatim_is_not_found():
    text = SourceText("The government did not report data.")
    assert text.find("The government reported data.") is None
    assert text.find("   ") is None


def test_context_returns_the_quote_with_its_surroundings():
    before, quote, after = SourceText("one two three four").context("two three", width=4)
    assert (before, quote, after) == ("one ", "two three", " fou")
