"""The words records use for kinds, qualifiers and grades, and the terms they stand for (declared in
``schema``; kept here under their old names until every importer reads ``schema``)."""

from .schema import (  # noqa: F401
    ACTOR_CLASSES,
    CITO_PROPERTIES,
    CREDIBILITY,
    PLACE_CLASSES,
    QUALIFIERS,
    RELATION_PROPERTIES,
    RELIABILITY,
    SOURCE_CLASSES,
)
