"""Conversion time of the format readers (issue 17): a generated PDF of 50, 100 and 200 pages
(time per page) and folders of 25, 50 and 100 saved web pages (time per MB), to show that
conversion is linear in the size. The documents come from the tests' makers (tests/extract/formats/);
each PDF page has a running header, a page number, 30 body lines with superscript markers and
four footnotes. Writes FORMATS.md.

    .venv/bin/python benchmarks/bench_formats.py [--pages 50,100,200] [--html 25,50,100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from figuregraph.extract.reading import read  # noqa: E402
from tests.extract.formats.makers import Line, PdfPage, PdfSpec, make_pdf, news_page, sup  # noqa: E402


def pdf_spec(pages: int) -> PdfSpec:
    out = []
    for p in range(pages):
        body: list[Line] = [
            [(f"{p}.{i}  According to the ministry, courts heard about {p + i} 300 cases of absence in 2024", False),
             sup(str(4 * p + 1 + i % 4)) if i % 8 == 0 else ("", False), (" and more.", False)] for i in range(30)]
        notes: list[Line] = [
            [sup(str(4 * p + 1 + k)), (f" Ministry of Defence, Annual report {k}, 12 January 2025, p. 14", False)]
            for k in range(4)]
        out.append(PdfPage(body, notes))
    return PdfSpec(out, title="Benchmark", author="Bench", created="2025-01-01", header="Benchmark | January 2025")


def best(fn: object, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", default="50,100,200")
    parser.add_argument("--html", default="25,50,100")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "FORMATS.md")
    args = parser.parse_args()
    lines = ["# Format conversion", "", "`benchmarks/bench_formats.py` on this project's 2-core machine (best of 3).",
             "Each PDF page holds about 2 900 characters of body text (30 lines), four footnotes, a running",
             "header and a page number; each web page is a news page with navigation, a cookie banner, a",
             "related-links box, a footer and metadata. Times include the checks on the file (pypdf for a",
             "PDF) and the metadata; the machine is shared, so repeated runs vary by about a third.",
             "", "| PDF pages | file size | text | read | per page | per MB of text |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    with tempfile.TemporaryDirectory() as tmp:
        for pages in (int(p) for p in args.pages.split(",")):
            path = make_pdf(Path(tmp) / f"{pages}.pdf", pdf_spec(pages))
            seconds = best(lambda: read(path))
            text = len(read(path).text.encode("utf-8")) / 1e6
            lines.append(f"| {pages} | {path.stat().st_size / 1e6:.2f} MB | {text:.2f} MB | {seconds:.2f} s | "
                         f"{1000 * seconds / pages:.1f} ms | {seconds / text:.1f} s |")
            print(lines[-1], flush=True)
        lines += ["", "| HTML pages | total size | read | per page | per MB |", "| ---: | ---: | ---: | ---: | ---: |"]
        for count in (int(c) for c in args.html.split(",")):
            folder = Path(tmp) / f"html-{count}"
            folder.mkdir()
            for i in range(count):
                page = news_page().replace("684", str(600 + i)).replace("</article>",
                                                                         "<p>More text.</p>" * 40 + "</article>")
                (folder / f"{i}.html").write_text(page, encoding="utf-8")
            files = sorted(folder.iterdir())
            size = sum(f.stat().st_size for f in files) / 1e6
            seconds = best(lambda: [read(f) for f in files])
            lines.append(f"| {count} | {size:.2f} MB | {seconds:.2f} s | {1000 * seconds / count:.1f} ms | "
                         f"{seconds / size:.2f} s |")
            print(lines[-1], flush=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
