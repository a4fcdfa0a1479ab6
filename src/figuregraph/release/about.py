"""What a release says about its dataset: read from a small YAML file (``dataset.yaml``).

Every field is declared once, with what it means and its default: a release without the file, or
with fields left out, still works, takes the defaults (no licence and no publisher are claimed for
the data) and names the fields to fill in. ``template`` is the file ``figuregraph init`` writes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from collections.abc import Callable

from ..errors import InputError
from ..model.fields import Fields
from ..model.yamlio import Mapping, load_yaml

DEFAULT_ABOUT = Path("dataset.yaml")


@dataclass(frozen=True)
class AboutField:
    name: str
    kind: str  # text, url or texts
    meaning: str
    example: str
    default: str | None = None
    to_fill: bool = True  # named when missing


FIELDS = (
    AboutField("title", "text", "The dataset's name.", "Figures on desertion from the Russian armed forces",
               default="A figuregraph dataset"),
    AboutField("description", "text", "What the dataset holds, in a sentence or two.",
               "Figures stated in COI reports, each with who reported it and the sources behind it.",
               default="Figures as stated in their sources, with who reported each, the document stating it, "
                       "the footnotes that back it and the chains of sources behind them."),
    AboutField("license", "url", "The licence of the data, as a URL.", "https://creativecommons.org/licenses/by/4.0/"),
    AboutField("publisher", "text", "Who publishes the dataset.", "Example Research Group"),
    AboutField("version", "text", "The release version.", "0.1.0", default="0.0.0"),
    AboutField("homepage", "url", "A web page about the dataset.", "https://example.org/dataset", to_fill=False),
    AboutField("keywords", "texts", "Keywords for catalogues.", "[desertion, provenance]", to_fill=False),
    AboutField("endpoint", "url", "A public SPARQL endpoint serving it.", "https://example.org/sparql",
               to_fill=False),
)


@dataclass(frozen=True)
class DatasetInfo:
    title: str
    description: str
    license: str | None
    publisher: str | None
    version: str
    homepage: str | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)
    endpoint: str | None = None
    missing: tuple[str, ...] = ()  # the fields to fill in that took their defaults

    def reminder(self, where: Path) -> str | None:
        """What to fill in, or None when nothing is missing."""
        if not self.missing:
            return None
        fill = (f"fill them in {where}" if where.is_file()
                else f"write them in {where} (figuregraph init DIR writes a dataset.yaml listing every field)")
        return f"the release used defaults for {', '.join(self.missing)}: {fill}"


def defaults() -> DatasetInfo:
    """The description of a dataset nobody has described yet."""
    return _info({})


SPECS = {spec.name: spec for spec in FIELDS}


def _info(given: dict[str, object]) -> DatasetInfo:
    def value(name: str) -> str | None:
        chosen = given.get(name, SPECS[name].default)
        return None if chosen is None else str(chosen)

    keywords = given.get("keywords") or []
    return DatasetInfo(
        title=str(value("title")), description=str(value("description")), license=value("license"),
        publisher=value("publisher"), version=str(value("version")), homepage=value("homepage"),
        keywords=tuple(str(k) for k in keywords) if isinstance(keywords, list) else (),
        endpoint=value("endpoint"),
        missing=tuple(spec.name for spec in FIELDS if spec.to_fill and spec.name not in given))


def read_about(path: Path) -> DatasetInfo:
    """The dataset description in ``path`` (its defaults where it has no file); errors name the file and line."""
    if not path.is_file():
        return defaults()
    content = load_yaml(path)
    f = Fields(Mapping() if content is None else content, path, "the dataset description")  # all commented out
    read: dict[str, Callable[[str], object]] = {"text": f.text, "url": f.url, "texts": f.texts}
    given: dict[str, object] = {}
    for spec in FIELDS:
        value = read[spec.kind](spec.name)
        if value:
            given[spec.name] = value
    f.done()
    return _info(given)


def require_file(path: Path) -> Path:
    """A description named on the command line must exist."""
    if not path.is_file():
        raise InputError(f"dataset description not found: {path} (figuregraph init DIR writes one to fill in)")
    return path


def template() -> str:
    """A dataset.yaml to fill in: every field with its meaning and an example, commented out."""
    lines = ["# What a release says about the dataset (VoID and DCAT metadata). Counts, classes and example",
             "# resources are computed from the graph at release time: only what cannot be computed is here.",
             "# Uncomment and fill in each field; `figuregraph release` names the ones still missing.", ""]
    for spec in FIELDS:
        default = "" if spec.default is None else f" (left out: \"{spec.default}\")"
        lines += [f"# {spec.meaning}{default}", f"# {spec.name}: {spec.example}", ""]
    return "\n".join(lines)


def with_overrides(info: DatasetInfo, version: str | None, endpoint: str | None) -> DatasetInfo:
    missing = tuple(m for m in info.missing if not (m == "version" and version))
    return replace(info, version=version or info.version, endpoint=endpoint or info.endpoint, missing=missing)
