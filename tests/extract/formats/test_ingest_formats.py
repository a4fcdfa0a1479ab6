"""Issue 17: ``ingest`` of a PDF, a web page and Markdown writes a record file that ``build``
accepts unchanged and that validates, filled from the document's metadata, with the converted text
kept beside it and re-checked by ``validate``; a folder gives one record file per document."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.cli import app
from figuregraph.extract import extract_document, load_lexicon
from figuregraph.extract.reading import read

from ...conftest import GRAPH_DIR
from .makers import CANONICAL, MINISTRY_URL, PdfPage, PdfSpec, make_pdf, news_page, report_spec, scanned_pdf
from .makers import PANDOC

runner = CliRunner()


@pytest.fixture()
def graph(tmp_path: Path) -> Path:
    target = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, target)
    return target


def _documents(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    page = folder / "article.html"
    page.write_text(news_page(), encoding="utf-8")
    notes = folder / "notes.md"
    notes.write_text(PANDOC, encoding="utf-8")
    return {"pdf": make_pdf(folder / "report.pdf", report_spec()), "html": page, "markdown": notes}


def test_each_format_ingested_from_its_metadata(graph: Path, tmp_path: Path) -> None:
    docs = _documents(tmp_path / "docs")
    targets = {}
    for fmt, path in docs.items():
        result = runner.invoke(app, ["ingest", str(path), "-g", str(graph), "--about", "russia",
                                     *(["--kind", "news-article"] if fmt == "html" else [])])
        assert result.exit_code == 0, result.output
        targets[fmt] = Path(result.stdout.strip().splitlines()[-1])
    pdf = yaml.safe_load(targets["pdf"].read_text(encoding="utf-8"))
    source = pdf["source"]
    assert source["id"] == "asylum-research-desk-2025-russia-desertion-and-unauthorised-absence"
    assert (source["title"], source["published"], source["publisher"]) == (
        "Russia: Desertion and unauthorised absence", date(2025, 9, 1), "asylum-research-desk")
    assert source["authors"] == "jane-analyst" or source["authors"] == ["jane-analyst"]
    assert source["converter"].startswith("figuregraph-pdf") and len(source["text-sha256"]) == 64
    assert [(f["value"], f["page"]) for f in pdf["figures"]] == [(1240, 1), (3100, 1), (7500, 1), (2150, 1),
                                                                 (1020, 1), (496, 2)]
    assert {a["id"]: a["kind"] for a in pdf["new-actors"]}["jane-analyst"] == "person"
    html = yaml.safe_load(targets["html"].read_text(encoding="utf-8"))
    assert (html["source"]["url"], html["source"]["published"]) == (CANONICAL, date(2024, 4, 24))
    assert html["source"]["publisher"] == "baltic-ledger"
    links = {c["id"]: c for c in html["citations"]}
    assert links["link-1"]["text"] == f"Ministry of Defence <{MINISTRY_URL}>" and "number" not in links["link-1"]
    cited = {s["id"]: s for s in html["new-sources"]}[links["link-1"]["cites"]]
    assert cited["url"] == MINISTRY_URL and cited["kind"] == "web-page"
    assert html["figures"][0]["citations"][:2] == ["link-1", "link-2"]
    markdown = yaml.safe_load(targets["markdown"].read_text(encoding="utf-8"))
    assert markdown["source"]["title"] == "Desertion in 2024" and markdown["source"]["published"] == date(2025, 3, 1)
    for fmt, target in targets.items():
        text = (graph / "texts" / f"{target.stem}.txt").read_text(encoding="utf-8")
        for figure in yaml.safe_load(target.read_text(encoding="utf-8"))["figures"]:
            assert text[figure["at"]:figure["at"] + len(figure["quote"])] == figure["quote"], fmt
    _built, report = fg.build_valid(graph)  # build accepts the files unchanged
    assert report.conforms
    assert runner.invoke(app, ["validate", "-g", str(graph), "--no-shacl"]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(docs["pdf"]), "-g", str(graph), "--about", "russia"])
    assert again.exit_code == 0 and "unchanged" in again.output


def test_validate_finds_a_quote_that_moved(graph: Path, tmp_path: Path) -> None:
    docs = _documents(tmp_path / "docs")
    result = runner.invoke(app, ["ingest", str(docs["pdf"]), "-g", str(graph), "--about", "russia"])
    assert result.exit_code == 0, result.output
    target = Path(result.stdout.strip().splitlines()[-1])
    text = graph / "texts" / f"{target.stem}.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("1 240", "1 241"), encoding="utf-8")
    result = runner.invoke(app, ["validate", "-g", str(graph), "--no-shacl", "-f", "json"])
    assert result.exit_code == 1 and "text-sha256" in result.stdout  # the digest tells the text changed
    record = yaml.safe_load(target.read_text(encoding="utf-8"))
    record["source"]["text-sha256"] = None
    target.write_text(target.read_text(encoding="utf-8").replace("  text-sha256:", "  # text-sha256:"),
                      encoding="utf-8")
    result = runner.invoke(app, ["validate", "-g", str(graph), "--no-shacl", "-f", "json"])
    assert result.exit_code == 1 and "the quote is not at offset" in result.stdout
    assert runner.invoke(app, ["validate", "-g", str(graph), "--no-shacl", "--no-texts"]).exit_code == 0


def test_a_folder_one_record_each_failures_named(graph: Path, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _documents(folder)
    scanned_pdf(folder / "scan.pdf")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32))
    result = runner.invoke(app, ["ingest", str(folder), "-g", str(graph), "--about", "russia", "--kind", "report"])
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert f"failed: {folder / 'scan.pdf'}: no text layer: this PDF needs OCR first" in output
    assert "3 of 4 documents read, 1 failed, 1 file skipped (not a document: photo.jpg)" in output
    written = [Path(line) for line in result.stdout.splitlines() if line.endswith(".yaml")]
    assert len(written) == 3 and all(p.exists() for p in written)
    assert fg.build_valid(graph)[1].conforms
    extracted = runner.invoke(app, ["extract", str(folder), "-g", str(GRAPH_DIR), "-f", "json"])
    assert extracted.exit_code == 2


def test_extract_json_of_a_folder_follows_its_schema(tmp_path: Path) -> None:
    import json
    from importlib import resources

    from jsonschema import Draft202012Validator

    folder = tmp_path / "docs"
    _documents(folder)
    result = runner.invoke(app, ["extract", str(folder), "-g", str(GRAPH_DIR), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    schema = json.loads((resources.files("figuregraph.cli") / "schemas" / "extract.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(data)
    assert [(Path(d["file"]).name, d["format"]) for d in data["documents"]] == [
        ("article.html", "html"), ("notes.md", "markdown"), ("report.pdf", "pdf")]
    assert [f["page"] for f in data["documents"][2]["figures"]] == [1, 1, 1, 1, 1, 2]
    assert data["documents"][0]["sources"]["link-1"]["url"] == MINISTRY_URL and data["failed"] == []
    single = runner.invoke(app, ["extract", str(folder / "report.pdf"), "-g", str(GRAPH_DIR), "-f", "json"])
    assert json.loads(single.stdout)["figures"] == data["documents"][2]["figures"]


def test_several_files_and_folders_in_one_run(graph: Path, tmp_path: Path) -> None:
    """`extract a.pdf b.md docs/` as a shell glob gives it: each file named, each document of each
    folder, failures by name (a file named that is no document fails; in a folder it is skipped)."""
    import json

    folder = tmp_path / "docs"
    _documents(folder)
    more = tmp_path / "more"
    more.mkdir()
    (more / "brief.md").write_text("---\ntitle: Court brief\npublisher: euaa\ndate: 2025-01-10\n---\n\nCourts heard "
                                   "1 240 desertion cases in Russia in 2024.\n", encoding="utf-8")
    (more / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32))
    named = [folder / "report.pdf", folder / "notes.md", more, more / "photo.jpg"]
    result = runner.invoke(app, ["extract", *map(str, named), "-g", str(GRAPH_DIR), "-f", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [Path(d["file"]).name for d in data["documents"]] == ["report.pdf", "notes.md", "brief.md"]
    assert [(Path(f["file"]).name, "image/jpeg" in f["message"]) for f in data["failed"]] == [("photo.jpg", True)]
    output = " ".join(result.output.split())
    assert "3 of 4 documents read, 1 failed, 1 file skipped (not a document: photo.jpg)" in output
    result = runner.invoke(app, ["ingest", *map(str, named[:3]), "-g", str(graph), "--about", "russia"])
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.splitlines() if line.endswith(".yaml")]
    assert len(written) == 3 and all(p.exists() for p in written) and fg.build_valid(graph)[1].conforms
    for options in (["--title", "T"], ["--url", "https://example.org/a"]):
        refused = runner.invoke(app, ["ingest", *map(str, named[:2]), "-g", str(graph), *options])
        assert refused.exit_code == 2 and "name one document" in refused.output


def test_an_author_named_as_the_publisher_is_the_publisher(graph: Path, tmp_path: Path) -> None:
    """A PDF whose Author is its publishing office ("Asylum Monitor Office" on its own report): the
    actor is proposed once, as the organisation that publishes, not also as a person."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_author("Asylum Monitor Office")
    pdf.set_title("Desertion cases in 2024")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 30, "Military courts in Russia heard 1 240 desertion cases in 2024.")
    path = tmp_path / "office.pdf"
    path.write_bytes(bytes(pdf.output()))
    result = runner.invoke(app, ["ingest", str(path), "-g", str(graph), "--publisher", "Asylum Monitor Office",
                                 "--date", "2025-01-10", "--id", "office-report"])
    assert result.exit_code == 0, result.output
    records = yaml.safe_load((graph / "sources" / "office-report.yaml").read_text(encoding="utf-8"))
    assert records["source"]["publisher"] == "asylum-monitor-office"
    assert records["source"]["authors"] == ["asylum-monitor-office"]
    assert [(a["id"], a["kind"]) for a in records["new-actors"]] == [("asylum-monitor-office", "organisation")]
    assert fg.build_valid(graph)[1].conforms


NOTE_BODY = "In 2024 our researchers counted 1 240 desertion cases in Russia."


def _note(folder: Path, fmt: str, author: str) -> Path:
    """The same note as a PDF with only a title and an /Author, or as Markdown with only ``title:`` and
    ``author:`` in its front matter."""
    if fmt == "pdf":
        spec = PdfSpec([PdfPage(["Desertion in Russia", "", NOTE_BODY])], title="Desertion in Russia", author=author)
        return make_pdf(folder / "note.pdf", spec)
    path = folder / "note.md"
    path.write_text(f"---\ntitle: Desertion in Russia\nauthor: {author}\n---\n\n{NOTE_BODY}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["pdf", "markdown"])
def test_a_document_that_names_only_its_author_is_that_authors(graph: Path, tmp_path: Path, fmt: str) -> None:
    """A note that names no publisher, only its author, in either format: the author states what the
    text states itself, and ingest takes the author for the publisher; two authors are read alike."""
    path = _note(tmp_path, fmt, "Asylum Research Desk")
    document = read(path)
    assert (document.metadata.publisher, document.metadata.authors) == (None, ("Asylum Research Desk",))
    (figure,) = extract_document(document, lexicon=load_lexicon(graph)).figures
    assert (figure.value, figure.reported_by) == (1240, "Asylum Research Desk")
    result = runner.invoke(app, ["ingest", str(path), "-g", str(graph), "--id", "research-desk-note"])
    assert result.exit_code == 0, result.output
    records = yaml.safe_load((graph / "sources" / "research-desk-note.yaml").read_text(encoding="utf-8"))
    assert records["source"]["publisher"] == "asylum-research-desk"
    assert records["figures"][0]["reported-by"] == ["asylum-research-desk"]
    assert read(_note(tmp_path, fmt, "Jane Analyst, John Doe")).metadata.authors == ("Jane Analyst", "John Doe")


@pytest.mark.parametrize("fmt", ["pdf", "markdown"])
def test_a_placeholder_author_is_no_author(graph: Path, tmp_path: Path, fmt: str) -> None:
    """The "Administrator" an authoring tool writes names nobody: ingest asks for the publisher."""
    path = _note(tmp_path, fmt, "Administrator")
    assert read(path).metadata.authors == ()
    result = runner.invoke(app, ["ingest", str(path), "-g", str(graph)])
    assert result.exit_code == 2 and "neither its publisher nor its author" in result.output
