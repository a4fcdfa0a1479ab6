"""The Typer application, the command decorator (errors become exit codes; every command takes
``--quiet`` and ``--progress``) and ``--version``."""

from __future__ import annotations

import functools
import inspect
import sys
from typing import Any, Callable, TypeVar, cast, get_type_hints

import typer

from .. import progress as progress_display
from ..errors import FigureGraphError
from .options import ProgressOpt, QuietOpt
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


SHARED = (inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=QuietOpt),
          inspect.Parameter("progress", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=ProgressOpt))


def show_progress(quiet: bool, forced: bool) -> bool:
    """Progress bars on a terminal, never with ``--quiet``, on a pipe or a file only with ``--progress``."""
    return not quiet and (forced or sys.stderr.isatty())


def command() -> Callable[[F], F]:
    """Register a command with the shared ``--quiet``/``--progress``; a FigureGraphError it raises
    becomes a message on stderr and its exit code."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def reporting(*args: Any, quiet: bool = False, progress: bool = False, **kwargs: Any) -> Any:
            progress_display.configure(show_progress(quiet, progress), stderr)
            try:
                return func(*args, **kwargs)
            except FigureGraphError as exc:
                stderr.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
                raise typer.Exit(exc.exit_code) from None
            finally:
                progress_display.configure(False)

        hints = get_type_hints(func, include_extras=True)
        own = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in inspect.signature(func).parameters.values()]
        parameters = [*own, *SHARED]
        cast(Any, reporting).__signature__ = inspect.Signature(parameters)
        reporting.__annotations__ = {p.name: p.annotation for p in parameters}
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
