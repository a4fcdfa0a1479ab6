"""VoID and DCAT description of a release, computed from the data (counts, classes, examples).

Only what cannot be computed (title, licence, publisher, version) comes from ``dataset.yaml``.
The description has no blank nodes: partitions and distributions get IRIs under the
dataset's IRI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, VOID, XSD

from ..rdf.namespace import DATA, FG, bind_prefixes, local_id
from ..store.base import Store
from ..store.library import run
from .about import DatasetInfo

DATASET = URIRef("https://w3id.org/figuregraph/dataset")
DCAT_VERSION = URIRef(str(DCAT) + "version")  # DCAT 3; rdflib's closed DCAT namespace predates it

@dataclass(frozen=True)
class Distribution:
    """One file of the release as DCAT sees it."""

    name: str
    media_type: str
    size: int


@dataclass(frozen=True)
class Counts:
    triples: int
    entities: int
    subjects: int
    properties: int
    objects: int
    classes: tuple[tuple[URIRef, int], ...]


def count(store: Store) -> Counts:
    """The VoID statistics of the data, by SPARQL on the store (distinct triples of all graphs)."""
    triples, subjects, properties, objects = (int(str(x)) for x in run(store, "release-counts").rows[0])
    entities = int(str(run(store, "release-entities").rows[0][0]))
    classes = tuple((URIRef(str(c)), int(str(n))) for c, n in run(store, "release-classes").rows)
    return Counts(triples, entities, subjects, properties, objects, classes)


def describe(store: Store, info: DatasetInfo, created: date, files: list[Distribution],
             base_url: str | None = None) -> Graph:
    """The VoID + DCAT graph of a release."""
    counts = count(store)
    g = bind_prefixes(Graph(bind_namespaces="none"))
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("foaf", FOAF), ("owl", OWL)):
        g.bind(prefix, ns)
    d = DATASET
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal(info.title, lang="en")))
    g.add((d, DCTERMS.description, Literal(info.description, lang="en")))
    if info.license:  # never claimed for the data when the description does not give one
        g.add((d, DCTERMS.license, URIRef(info.license)))
    if info.publisher:
        publisher = URIRef(f"{DATASET}/publisher")
        g.add((d, DCTERMS.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, FOAF.name, Literal(info.publisher)))
    g.add((d, DCTERMS.created, Literal(created.isoformat(), datatype=XSD.date)))
    g.add((d, DCTERMS.issued, Literal(created.isoformat(), datatype=XSD.date)))
    g.add((d, DCAT_VERSION, Literal(info.version)))
    g.add((d, OWL.versionInfo, Literal(info.version)))
    if info.homepage:
        g.add((d, FOAF.homepage, URIRef(info.homepage)))
        g.add((d, DCAT.landingPage, URIRef(info.homepage)))
    for keyword in info.keywords:
        g.add((d, DCAT.keyword, Literal(keyword, lang="en")))
    if info.endpoint:
        g.add((d, VOID.sparqlEndpoint, URIRef(info.endpoint)))
        service = URIRef(f"{DATASET}/sparql")
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCAT.endpointURL, URIRef(info.endpoint)))
        g.add((service, DCAT.servesDataset, d))
    g.add((d, VOID.uriSpace, Literal(DATA)))
    g.add((d, VOID.vocabulary, URIRef(str(FG._NS))))
    g.add((d, VOID.triples, Literal(counts.triples)))
    g.add((d, VOID.entities, Literal(counts.entities)))
    g.add((d, VOID.distinctSubjects, Literal(counts.subjects)))
    g.add((d, VOID.properties, Literal(counts.properties)))
    g.add((d, VOID.distinctObjects, Literal(counts.objects)))
    g.add((d, VOID.classes, Literal(len(counts.classes))))
    for cls, n in counts.classes:
        partition = URIRef(f"{DATASET}/class/{_slug(cls)}")
        g.add((d, VOID.classPartition, partition))
        g.add((partition, VOID["class"], cls))
        g.add((partition, VOID.entities, Literal(n)))
    for (example,) in run(store, "release-example-figures").rows:
        g.add((d, VOID.exampleResource, URIRef(str(example))))
    for f in files:
        dist = URIRef(f"{DATASET}/distribution/{f.name}")
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f.name)))
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{f.media_type}")))
        g.add((dist, DCAT.byteSize, Literal(f.size, datatype=XSD.nonNegativeInteger)))
        if base_url:
            url = URIRef(base_url.rstrip("/") + "/" + f.name)
            g.add((dist, DCAT.downloadURL, url))
            g.add((dist, DCAT.accessURL, url))
            if f.media_type in ("text/turtle", "application/n-triples"):
                g.add((d, VOID.dataDump, url))
    g.add((d, RDFS.label, Literal(info.title, lang="en")))
    return g


def _slug(cls: URIRef) -> str:
    """A path segment for a class IRI from its prefixed name: fg-Figure, skos-Concept."""
    return "".join(c if c.isalnum() or c in "_" else "-" for c in local_id(cls))
