"""The synth command: synthetic corpora for scale work."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import command
from .output import refuse_stdout, stderr


@command()
def synth(
    figures: int = typer.Option(..., "--figures", "-n", help="How many figures to generate."),
    output: Path = typer.Option(..., "--output", "-o", help="The graph folder to write (replaced whole)."),
    seed: int = typer.Option(1, "--seed", help="Random seed: the same seed gives the same corpus."),
) -> None:
    """Write a realistic synthetic corpus of record files that 'figuregraph build -g DIR' accepts."""
    from ..model import synth as synthesis

    refuse_stdout(output, "a corpus is a folder of record files")
    corpus = synthesis.generate(figures, seed)
    synthesis.write(corpus, output)
    stderr.print(f"wrote {len(corpus.files)} record files with {corpus.figures} figures to {output}",
                 highlight=False)
