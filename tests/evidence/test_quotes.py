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


def test_typographic_quotes_apostrophes_and_dashes_match_plain_ones():
    text = SourceText("six months to 10 years’ imprisonment in “labor therapy centers” – and anti-trafficking")
    assert text.find("10 years' imprisonment") == 1
    assert text.find('in "labor therapy centers"') == 1
    assert text.find("centers” - and anti–trafficking") == 1
    assert text.find("10 years imprisonment") is None


def test_an_elided_quote_matches_its_fragments_in_order():
    text = SourceText("The government decreased efforts.\nIt did not report convictions.\nIt trained police.")
    assert text.find("The government decreased ... did not report convictions") == 1
    assert text.find("The government decreased … It trained police.") == 1
    assert text.find("It trained police ... The government decreased") is None
    assert text.find("... did not report convictions ...") == 2


def test_a_quote_not_found_is_explained_by_the_closest_passage():
    text = SourceText("Intro.\nThe government decreased anti-trafficking law enforcement efforts.\n")
    line, passage, differs = text.closest("The government increased anti-trafficking law enforcement efforts.")
    assert line == 2 and passage.startswith("The government decreased")
    assert differs == 'the quote has "increased" where the source has "decreased"'
    assert text.closest("wholly unrelated words") is None
