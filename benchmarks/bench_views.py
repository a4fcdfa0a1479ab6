"""View benchmark: the whole-graph page of synthetic corpora in headless chromium.

For each size: nodes and edges, page size, time to write the page (with its layout computed in
Python), time from opening the file to the laid-out page (drawn, the default zoom set), how long the
first redraw after a zoom takes (what a user waits for on each move), and whether the page answers
a label search and how fast.

    python benchmarks/bench_views.py --figures 3800 15000 --out benchmarks/VIEWS.md
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

import figuregraph as fg
from figuregraph.views import view_of
from figuregraph.views.html import write

from common import write_synthetic


def measure(figures: int, work: Path, browser: Browser) -> dict[str, Any]:
    corpus = work / f"corpus-{figures}"
    write_synthetic(figures, corpus)
    store = fg.open_store(fg.build(corpus))
    started = time.perf_counter()
    view = view_of(store, max_nodes=100_000)
    page = work / f"view-{figures}.html"
    size = write(view, page)
    written = time.perf_counter() - started
    tab = browser.new_page(viewport={"width": 1600, "height": 1000})
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    opened = time.perf_counter()
    tab.goto(page.as_uri())
    tab.wait_for_function("() => window.figuregraph && window.figuregraph.stable", timeout=600_000, polling=100)
    tab.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    stable = time.perf_counter() - opened
    redraw = tab.evaluate("""() => new Promise((done) => {
        const net = window.figuregraph.network, started = performance.now();
        net.once("afterDrawing", () => done(performance.now() - started));
        net.moveTo({scale: net.getScale() * 1.5, animation: false});
    })""")
    label = sorted(view.graph.nodes(data=True))[0][1]["label"]
    asked = time.perf_counter()
    found = tab.evaluate("(label) => window.figuregraph.find(label)", label)
    answer = time.perf_counter() - asked
    tab.close()
    return {"figures": figures, "nodes": view.graph.number_of_nodes(), "edges": view.graph.number_of_edges(),
            "bytes": size, "write_s": written, "stable_s": stable, "redraw_ms": redraw, "search_ms": answer * 1000,
            "answered": found is not None, "errors": len(errors)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--figures", type=int, nargs="+", default=[3800, 15000])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/VIEWS.md"))
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("needs Debian's chromium (apt-get install chromium)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for n in args.figures:
            row = measure(n, Path(tmp), browser)
            print(row, flush=True)
            rows.append(row)
        browser.close()
    lines = ["# View benchmark (headless chromium, whole-graph page of synthetic corpora)", "",
             "Produced by `python benchmarks/bench_views.py`; one run per size on this 2-core machine (shared with",
             "other work while it ran). The layout is computed in Python when the page is written (`write page`);",
             "the page opens with physics off. `open -> laid out`: from opening the file to the first frame drawn at",
             "the default zoom; `redraw after a zoom`: the frame after one zoom step; `find`: a label search and",
             "its selection.", "",
             "| figures | nodes | edges | page size | write page | open -> laid out | redraw after a zoom | find "
             "| errors |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['figures']} | {r['nodes']:,} | {r['edges']:,} | {int(r['bytes']) / 1e6:.1f} MB | "
                     f"{r['write_s']:.1f} s | {r['stable_s']:.1f} s | {r['redraw_ms']:.0f} ms | "
                     f"{r['search_ms']:.0f} ms "
                     f"({'found' if r['answered'] else 'NOT found'}) | {r['errors']} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
