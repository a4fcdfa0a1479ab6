"""The Typer application, the command decorator (errors become exit codes) and ``--version``."""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar, cast

import typer

from ..errors import FigureGraphError
from .output import stderr

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="figuregraph",
    help="A knowledge graph of actors, sources and figures: who says so, on what evidence, "
    "and does anyone else agree?",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command() -> Callable[[F], F]:
    """Register a command; a FigureGraphError it raises becomes a message on stderr and its exit code."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def reporting(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except FigureGraphError as exc:
                stderr.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
                raise typer.Exit(exc.exit_code) from None

        app.command()(reporting)
        return cast(F, reporting)

    return decorate


def _version(asked: bool) -> None:
    if asked:
        import figuregraph

        typer.echo(f"figuregraph {figuregraph.__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    pass
