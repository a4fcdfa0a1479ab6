"""Issue 17: Markdown in the three footnote forms converters write (EUAA-style ``^{[N](#)}``, pandoc
``[^N]``, bracketed ``[N]`` with a reference list): markup stripped, links kept as links, footnote
syntax kept for the extractor, front matter as metadata."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from figuregraph.extract import Lexicon, extract_document
from figuregraph.extract.reading import read

from .makers import PANDOC

EUAA = """# Desertion in 2024

**According to** Mediazona, courts convicted *over 1 500* soldiers of desertion in 2024.^{[12](#)} The
[Southern military district](https://example.org/smd) heard about 600 of these cases.[13](#)

^{[12](#)}

Mediazona, Courts and desertion, 3 February 2025, [url](#)

[13](#)

Frontelligence Insight, Desertions and Loss Ratios: Trends and Forecasts, 5 March 2025, [url](#)
"""
BRACKETS = """Desertion in 2024
=================

According to Mediazona, courts convicted over 1 500 soldiers of desertion in 2024.[1] The Southern
military district heard about 600 of these cases.[2]

## References

[1] Mediazona, Courts and desertion, 3 February 2025.
[2] Frontelligence Insight, Desertions and Loss Ratios: Trends and Forecasts, 5 March 2025.
"""


@pytest.mark.parametrize("text", [EUAA, PANDOC, BRACKETS], ids=["euaa", "pandoc", "brackets"])
def test_three_footnote_forms(tmp_path: Path, text: str, lexicon: Lexicon) -> None:
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    doc = read(path)
    assert doc.format == "markdown" and doc.metadata.title == "Desertion in 2024"
    assert "# " not in doc.text and "**" not in doc.text and "*over" not in doc.text and "===" not in doc.text
    ex = extract_document(doc, lexicon=lexicon)
    figures = [(f.wording, f.value) for f in ex.figures if f.value != 410]
    assert figures == [("over 1 500", Decimal(1500)), ("about 600", Decimal(600))]
    first, second = ex.figures[0], ex.figures[1]
    assert ex.sources[first.citations[0]].publisher == "mediazona"
    assert ex.sources[second.citations[0]].id == "frontelligence-2025-desertions-loss-ratios"
    assert all(doc.text[f.start:f.end] == f.quote for f in ex.figures)


def test_links_tables_and_front_matter(tmp_path: Path) -> None:
    euaa, pandoc = tmp_path / "euaa.md", tmp_path / "pandoc.md"
    euaa.write_text(EUAA, encoding="utf-8")
    pandoc.write_text(PANDOC, encoding="utf-8")
    doc = read(euaa)
    assert [(doc.text[k.start:k.end], k.href) for k in doc.links] == [("Southern military district",
                                                                       "https://example.org/smd")]
    assert "^{[12](#)}" in doc.text and "[13](#)" in doc.text  # the footnote syntax stays for the extractor
    meta = read(pandoc).metadata
    assert (meta.title, meta.authors, meta.published, meta.publisher) == (
        "Desertion in 2024", ("Jane Analyst",), "2025-03-01", "Asylum Research Desk")
    assert "Central military district\t410" in read(pandoc).text


def test_html_left_in_markdown_and_links_within_the_page() -> None:
    from figuregraph.extract.formats.markdown import read_markdown

    doc = read_markdown(None, "Over 1 200 people fled in 2024.<sup>[\\[3\\]](#cite_note-3)</sup> Another 300 "
                              "left.<sup>4</sup> See [the **report**](https://example.org/a) on 5 km<sup>2</sup>.")
    assert doc.text == "Over 1 200 people fled in 2024.[3] Another 300 left.⁴ See the report on 5 km²."
    assert [(doc.text[k.start:k.end], k.href) for k in doc.links] == [("the report", "https://example.org/a")]
