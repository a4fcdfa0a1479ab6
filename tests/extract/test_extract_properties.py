"""Issue 5: extraction never crashes on arbitrary text, every quote is the text at its offsets,
and every value parses back from its quote."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from figuregraph.extract import extract_text
from figuregraph.extract.footnotes import MD_MARKER
from figuregraph.extract.numbers import find_numbers

PIECES = st.sampled_from([
    "nearly", "over", "about", "at least", "up to", "between", "and", "tens of thousands of", "almost three hundred",
    "22 580", "22\u00a0580", "7,400", "3050", "10 %", "2.5", "2024", "March", "since 2022", "as of December 2024",
    "in 2024", "para. 91", "Article 338", "aged 25", "5 years", "According to Mediazona,", "(Mediazona, 2 May 2025,",
    "ibid.", ")", ".", ",", "\n\n", "^{[955](#)}", "[959](#)", "955", "out of a total of", "of these cases",
    "Southern military district", "which comprises", "(", "–", "soldiers", "cases", "convicted",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_extraction_never_crashes_and_quotes_are_the_text(text: str) -> None:
    extraction = extract_text(text)
    for f in extraction.figures:
        assert text[f.start:f.end] == f.quote
        assert f.quote.startswith(f.wording) or f.qualifier == "range"
        assert f.lower is None or f.upper is None or f.lower <= f.upper


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_every_value_parses_back_from_its_quote(text: str) -> None:
    for f in extract_text(text).figures:
        # a footnote marker inside the wording ("0^{[3](#)}–1") is a reference, not a number
        wording = MD_MARKER.sub(lambda m: " " * len(m.group()), f.wording)
        if f.qualifier == "range":
            low, high = [m.value for m in find_numbers(wording)][:2]
            assert f.value == (low + high) / 2
            continue
        mentions = find_numbers(wording)
        assert mentions, f.wording
        assert mentions[-1].value == f.value


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=10, max_value=999_999_999), st.sampled_from([" ", "\u00a0", "\u2009", "\u202f", ","]))
def test_grouped_numbers_read_back(value: int, separator: str) -> None:
    written = f"{value:,}".replace(",", separator)
    found = [m for m in find_numbers(f"There were {written} cases.")]
    assert [m.value for m in found] == [Decimal(value)]
