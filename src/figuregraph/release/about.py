"""What a release says about its dataset: read from a small YAML file (``dataset.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..model.fields import Fields
from ..model.yamlio import load_yaml

DEFAULT_ABOUT = Path("dataset.yaml")


@dataclass(frozen=True)
class DatasetInfo:
    title: str
    description: str
    license: str
    publisher: str
    version: str
    homepage: str | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)
    endpoint: str | None = None


def read_about(path: Path) -> DatasetInfo:
    """The dataset description in ``path``; errors name the file and line."""
    if not path.is_file():
        raise InputError(f"dataset description not found: {path} (title, description, license, publisher, "
                         "version; see the repository's dataset.yaml)")
    f = Fields(load_yaml(path), path, "the dataset description")
    info = DatasetInfo(
        title=str(f.text("title", required=True)),
        description=str(f.text("description", required=True)),
        license=str(f.url("license", required=True)),
        publisher=str(f.text("publisher", required=True)),
        version=str(f.text("version", required=True)),
        homepage=_opt(f.url("homepage")),
        keywords=tuple(str(k) for k in f.texts("keywords")),
        endpoint=_opt(f.url("endpoint")),
    )
    f.done()
    return info


def with_overrides(info: DatasetInfo, version: str | None, endpoint: str | None) -> DatasetInfo:
    return replace(info, version=version or info.version, endpoint=endpoint or info.endpoint)


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
