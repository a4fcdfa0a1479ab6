"""Issue 17: each bad input gets a clear message naming the file, exit code 2, nothing written:
encrypted, scanned, corrupt, truncated and bomb PDFs, limits on pages and objects, binary files
and a suffix that lies."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figuregraph.cli import app
from figuregraph.errors import InputError
from figuregraph.extract.formats import pdf as pdf_reader
from figuregraph.extract.reading import read

from ...conftest import GRAPH_DIR
from .makers import PdfPage, PdfSpec, make_pdf, news_page, raw_pdf, report_spec, scanned_pdf

runner = CliRunner()


def refused(path: Path, *words: str) -> str:
    with pytest.raises(InputError) as caught:
        read(path)
    message = str(caught.value)
    assert str(path) in message and all(w in message for w in words), message
    return message


def test_encrypted_pdf(tmp_path: Path) -> None:
    spec = report_spec()
    spec.password = "secret"
    refused(make_pdf(tmp_path / "locked.pdf", spec), "encrypted PDF", "password")


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    refused(scanned_pdf(tmp_path / "scan.pdf"), "no text layer: this PDF needs OCR first")


def test_corrupt_and_truncated_pdfs(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", report_spec()).read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(whole[:len(whole) * 2 // 3])
    refused(truncated, "truncated PDF")
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ngarbage\n%%EOF\n")
    refused(corrupt, "corrupt PDF")


def test_a_decompression_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(raw_pdf(b"0" * 80_000_000))  # 80 MB of content in about 80 KB of file
    assert bomb.stat().st_size < 200_000
    refused(bomb, "possible bomb")


def test_limits_on_decoded_size_pages_and_objects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(raw_pdf(b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n" * 40_000, pages=3))
    monkeypatch.setattr(pdf_reader, "MAX_STREAM_BYTES", 1_000_000)
    refused(path, "decompresses to over", "possible bomb")
    monkeypatch.setattr(pdf_reader, "MAX_STREAM_BYTES", 64 * 2**20)
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    refused(path, "3 pages is over the limit of 2")
    monkeypatch.setattr(pdf_reader, "MAX_OBJECTS", 5)
    refused(path, "objects is over the limit of 5")


def test_binary_files_whatever_their_suffix(tmp_path: Path) -> None:
    png = tmp_path / "article.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    refused(png, "image/png")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<w:document/>" * 1000)
    docx = tmp_path / "notes.md"
    docx.write_bytes(archive.getvalue())
    refused(docx, "not a document figuregraph reads")


def test_a_suffix_that_lies_is_read_by_content(tmp_path: Path) -> None:
    page = tmp_path / "report.pdf"
    page.write_text(news_page(), encoding="utf-8")
    assert read(page).format == "html"
    pdf = tmp_path / "notes.txt"
    pdf.write_bytes(make_pdf(tmp_path / "x.pdf", PdfSpec([PdfPage(["Courts heard 1 240 cases."])])).read_bytes())
    assert read(pdf).format == "pdf"
    result = runner.invoke(app, ["extract", str(page), "-g", str(GRAPH_DIR)])
    assert result.exit_code == 0 and f"{page}: read as html (its content), not as its suffix '.pdf' says" in \
        " ".join(result.output.split())


def test_ingest_of_a_bad_document_writes_nothing(tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    before = sorted(p.relative_to(graph) for p in graph.rglob("*"))
    scan = scanned_pdf(tmp_path / "scan.pdf")
    result = runner.invoke(app, ["ingest", str(scan), "-g", str(graph), "--title", "T", "--publisher", "euaa"])
    assert result.exit_code == 2 and "no text layer: this PDF needs OCR first" in result.output
    assert str(scan) in " ".join(result.output.split())
    assert sorted(p.relative_to(graph) for p in graph.rglob("*")) == before


def test_an_owner_password_alone_does_not_stop_reading(tmp_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 30, "Courts heard 1 240 cases in 2024.")
    pdf.set_encryption(owner_password="owner", encryption_method=EncryptionMethod.AES_256)  # no user password
    path = tmp_path / "restricted.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert read(path).text == "Courts heard 1 240 cases in 2024."


def test_an_empty_document_is_refused_by_name(tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    before = sorted(p.relative_to(graph) for p in graph.rglob("*"))
    for name, data in (("empty.txt", b""), ("empty.pdf", b""), ("blank.md", b" \n\t\n")):
        path = tmp_path / name
        path.write_bytes(data)
        refused(path, "empty", f"({len(data)} bytes")
        for command in (["extract", str(path)], ["check", str(path)],
                        ["ingest", str(path), "--title", "T", "--publisher", "euaa"]):
            result = runner.invoke(app, [*command, "-g", str(graph)])
            assert result.exit_code == 2 and f"{path}: empty" in " ".join(result.output.split()), result.output
    assert sorted(p.relative_to(graph) for p in graph.rglob("*")) == before
    result = runner.invoke(app, ["check", "-", "-g", str(graph)], input="  \n")
    assert result.exit_code == 2 and "standard input: empty" in result.output


def test_a_url_is_refused_and_never_fetched(tmp_path: Path) -> None:
    """A page served on 127.0.0.1 and a port nothing listens on: both are refused as URLs, exit 2,
    and the server sees no request (figuregraph never fetches)."""
    import subprocess
    import sys

    from figuregraph.store.serve import free_port

    from ...servers import FIGUREGRAPH, stop, wait_for_port

    graph = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text(news_page(), encoding="utf-8")
    port, silent = free_port(), free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                                  cwd=site, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_for_port(port, server)
            for url in (f"http://127.0.0.1:{port}/page.html", f"http://127.0.0.1:{silent}/report.pdf"):
                for command in (["extract", url], ["check", url], ["ingest", url, "--url", url]):
                    done = subprocess.run([str(FIGUREGRAPH), *command, "-g", str(graph)], capture_output=True,
                                          text=True, timeout=120)
                    message = " ".join(done.stderr.split())
                    assert done.returncode == 2 and f"{url}: a URL, not a file" in message, done.stderr
                    assert "never fetches" in message and f"curl -o {url.rsplit('/', 1)[1]} '{url}'" in message
        finally:
            stop(server)
    assert "GET" not in log.read_text(encoding="utf-8", errors="replace")
