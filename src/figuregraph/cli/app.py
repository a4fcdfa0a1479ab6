"""The Typer application, the command decorator (errors become exit codes; every command takes
``--quiet`` and ``--progress``) and ``--version``."""

from __future__ import annotations

import functools
import inspect
import sys
import warnings
from typing import Any, TypeVar, cast, get_type_hints
from collections.abc import Callable

import typer
from typer.models import ParameterInfo

from .. import progress as progress_display
from ..errors import FigureGraphError, InputWarning, os_error_message
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
    becomes a message on stderr and its exit code, and so does an OSError (a full disk, a folder
    that cannot be written): the one place where they are turned into a message naming the path,
    with exit code 2. InputWarnings are shown on stderr."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def reporting(*args: Any, quiet: bool = False, progress: bool = False, **kwargs: Any) -> Any:
            progress_display.configure(show_progress(quiet, progress), stderr)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("always", InputWarning)  # each one names its own record
                    warnings.showwarning = _showing(warnings.showwarning)
                    return func(*args, **kwargs)
            except FigureGraphError as exc:
                _error(str(exc))
                raise typer.Exit(exc.exit_code) from None
            except OSError as exc:
                _error(os_error_message(exc))
                raise typer.Exit(2) from None
            finally:
                progress_display.configure(False)

        hints = get_type_hints(func, include_extras=True)
        own = [p.replace(annotation=hints.get(p.name, p.annotation))
               for p in inspect.signature(func).parameters.values()]
        parameters = [*own, *SHARED]
        cast(Any, reporting).__signature__ = inspect.Signature(parameters)
        reporting.__annotations__ = {p.name: p.annotation for p in parameters}
        for p in parameters:
            _plain_option(p)
        app.command(help=plain_help(func.__doc__ or ""))(reporting)
        return cast(F, reporting)

    return decorate


def plain_help(text: str) -> str:
    """Help as typer's rich mode shows it: each paragraph on one line (the terminal wraps it where the
    docstring's lines would break its sentences) and square brackets as text, never rich markup."""
    from rich.markup import escape

    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(escape(" ".join(line.strip() for line in p.splitlines())) for p in paragraphs)


_PLAIN: set[int] = set()  # the options whose help is plain already (aliases are shared between commands)


def _plain_option(parameter: inspect.Parameter) -> None:
    """The help of a parameter's typer option or argument made plain, once."""
    infos = [parameter.default, *getattr(parameter.annotation, "__metadata__", ())]
    for info in infos:
        if isinstance(info, ParameterInfo) and info.help and id(info) not in _PLAIN:
            info.help = plain_help(info.help)
            _PLAIN.add(id(info))


def _showing(previous: Callable[..., None]) -> Callable[..., None]:
    """``warnings.showwarning`` that writes an InputWarning as one line on stderr, others as before."""
    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: Any = None, line: str | None = None) -> None:
        if not issubclass(category, InputWarning):
            return previous(message, category, filename, lineno, file, line)
        stderr.print("[yellow]warning:[/] ", markup=True, highlight=False, end="")
        stderr.print(str(message), markup=False, highlight=False)
    return show


def _error(message: str) -> None:
    stderr.print("[bold red]error:[/] ", markup=True, highlight=False, end="")
    stderr.print(message, markup=False, highlight=False)


def _version(asked: bool) -> None:
    if asked:
        import figuregraph

        typer.echo(f"figuregraph {figuregraph.__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    pass
