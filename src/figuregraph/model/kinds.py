"""The kinds a record may name, and the ontology term each one stands for.

Records are checked against these keys (pass one) and emitted with these terms (pass two):
adding a kind is one line here (and its term in the ontology).
"""

from __future__ import annotations

from ..rdf.namespace import CITO, FG

ACTOR_CLASSES = {
    "organisation": FG.Organisation,
    "person": FG.Person,
    "government-body": FG.GovernmentBody,
    "military-formation": FG.MilitaryFormation,
    "military-district": FG.MilitaryDistrict,
}
PLACE_CLASSES = {"country": FG.Country, "region": FG.Region, "place": FG.Place}
SOURCE_CLASSES = {
    "report": FG.Report,
    "news-article": FG.NewsArticle,
    "interview": FG.Interview,
    "web-page": FG.WebPage,
    "dataset": FG.Dataset,
    "briefing": FG.Briefing,
}
CITO_PROPERTIES = {
    "cites": CITO.cites,
    "data-source": CITO.citesAsDataSource,
    "evidence": CITO.citesAsEvidence,
    "authority": CITO.citesAsAuthority,
    "information": CITO.citesForInformation,
}
QUALIFIERS = {
    "exact": FG.exact,
    "about": FG.approximately,
    "nearly": FG.nearly,
    "over": FG.over,
    "under": FG.under,
    "at-least": FG.atLeast,
    "up-to": FG.upTo,
    "range": FG.range,
    "order-of-magnitude": FG.orderOfMagnitude,
}
RELATION_PROPERTIES = {"covers": FG.covers, "affiliated-with": FG.affiliatedWith, "based-in": FG.basedIn}

# NATO/Admiralty source reliability, as recorded by an assessment.
RELIABILITY = {grade: getattr(FG, f"reliability{grade}") for grade in "ABCDEF"}
CREDIBILITY = {grade: getattr(FG, f"credibility{grade}") for grade in range(1, 7)}
