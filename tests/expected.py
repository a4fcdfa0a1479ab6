"""What the tests expect of the seed graph, in one place: its figures, footnotes and district
parts as the records state them, and parameters that make each library query find something."""

from __future__ import annotations

from figuregraph.rdf.namespace import FG

from .conftest import EUAA, NEWS

# One row per figure of the seed documents, as the foundation issue lists them:
# (wording, value, lower, upper, qualifier, measure, about, period start, period end,
#  reporting actors, footnote numbers or cited sources, stating document)
FIGURES = {
    "deserters-since-2022": (
        "over 50 000", 50000, 50000, 60000, FG.over, "deserters", "russian-armed-forces",
        "2022-01-01", "2025-09-15", {"mariana-katzarova"}, {"955"}, EUAA),
    "deserters-share-of-forces-in-ukraine": (
        "nearly 10 %", 10, 9, 10, FG.nearly, "deserters-share-of-forces", "russian-armed-forces",
        "2022-01-01", "2025-09-15", {"mariana-katzarova"}, {"955"}, EUAA),
    "prosecuted-desertion-2024": (
        "over 16 000", 16000, 16000, 17000, FG.over, "persons-prosecuted-desertion", "russian-armed-forces",
        "2024-01-01", "2024-12-31", {"mariana-katzarova"}, {"955"}, EUAA),
    "convicted-desertion-2024": (
        "over 13 500", 13500, 13500, 13600, FG.over, "persons-convicted-desertion", "russian-armed-forces",
        "2024-01-01", "2024-12-31", {"mariana-katzarova"}, {"955"}, EUAA),
    "desertion-criminal-cases-current": (
        "tens of thousands", 10000, 10000, 99999, FG.orderOfMagnitude, "desertion-awol-criminal-cases",
        "russian-armed-forces", None, "2025-10-24", {"human-rights-lawyer-euaa-2025-10"}, {"956"}, EUAA),
    "desertion-awol-cases-total-2024-12": (
        "50 500", 50500, 50500, 50500, FG.exact, "desertion-awol-criminal-cases", "russian-armed-forces",
        None, "2024-12-31", {"frontelligence-insight"}, {"957", "960"}, EUAA),
    "desertion-awol-cases-southern-md-2024-12": (
        "nearly 22 580", 22580, 22570, 22580, FG.nearly, "desertion-awol-criminal-cases",
        "southern-military-district", None, "2024-12-31", {"frontelligence-insight"}, {"957", "960"}, EUAA),
    "desertion-awol-cases-central-md-2024-12": (
        "nearly 13 800", 13800, 13700, 13800, FG.nearly, "desertion-awol-criminal-cases",
        "central-military-district", None, "2024-12-31", {"frontelligence-insight"}, {"960"}, EUAA),
    "desertion-awol-cases-moscow-md-2024-12": (
        "nearly 7 780", 7780, 7770, 7780, FG.nearly, "desertion-awol-criminal-cases",
        "moscow-military-district", None, "2024-12-31", {"frontelligence-insight"}, {"960"}, EUAA),
    "desertion-awol-cases-eastern-md-2024-12": (
        "nearly 3 380", 3380, 3370, 3380, FG.nearly, "desertion-awol-criminal-cases",
        "eastern-military-district", None, "2024-12-31", {"frontelligence-insight"}, {"960"}, EUAA),
    "desertion-awol-cases-leningrad-md-2024-12": (
        "over 3050", 3050, 3050, 3060, FG.over, "desertion-awol-criminal-cases",
        "leningrad-military-district", None, "2024-12-31", {"frontelligence-insight"}, {"960"}, EUAA),
    "left-units-central-md-2024-11-2025-07": (
        "over 25 000", 25000, 25000, 26000, FG.over, "deserters", "central-military-district",
        "2024-11-01", "2025-07-31", {"ukraine-military-intelligence"}, {"961"}, EUAA),
    "convictions-desertion-2024-03": (
        "684", 684, 684, 684, FG.exact, "persons-convicted-desertion", "russian-armed-forces",
        "2024-03-01", "2024-03-31", {"uk-ministry-of-defence"}, {"uk-mod-2024-04-24-desertion-update"}, NEWS),
    "convictions-desertion-since-mobilisation": (
        "7,400", 7400, 7400, 7400, FG.exact, "persons-convicted-desertion", "russian-armed-forces",
        "2022-09-21", "2024-03-31", {"uk-ministry-of-defence"}, {"uk-mod-2024-04-24-desertion-update"}, NEWS),
    "convictions-desertion-moscow-region-since-mobilisation": (
        "496", 496, 496, 496, FG.exact, "persons-convicted-desertion", "moscow-region",
        "2022-09-21", "2024-03-31", {"uk-ministry-of-defence"}, {"uk-mod-2024-04-24-desertion-update"}, NEWS),
}

DISTRICT_PARTS = {
    "desertion-awol-cases-southern-md-2024-12", "desertion-awol-cases-central-md-2024-12",
    "desertion-awol-cases-moscow-md-2024-12", "desertion-awol-cases-eastern-md-2024-12",
    "desertion-awol-cases-leningrad-md-2024-12",
}

FOOTNOTES = {  # number -> (cited source, publisher, published, locator)
    "955": ("un-hrc-2025-katzarova-report", "un-human-rights-council", "2025-09-15", "para. 91"),
    "956": ("euaa-2025-interview-human-rights-lawyer", "euaa", "2025-10-24", None),
    "957": ("frontelligence-2025-desertions-loss-ratios", "frontelligence-insight", "2025-03-05", None),
    "958": ("rondeli-key-agencies", "rondeli-foundation", None, None),
    "959": ("militarnyi-2025-two-new-military-districts", "militarnyi", "2025-02-26", None),
    "960": ("frontelligence-2025-desertions-loss-ratios", "frontelligence-insight", "2025-03-05", None),
    "961": ("tpv-world-2025-ukrainian-intelligence-25000", "tpv-world", "2025-10-18", None),
    "962": ("globalsecurity-central-military-district", "globalsecurity-org", None, None),
}


PARAMS = {
    "figures-about": {"subject": "southern-military-district"},
    "figures-by-reporter": {"actor": "mediazona"},
    "citation-chain": {"figure": "desertion-awol-cases-southern-md-2024-12"},
    # internal queries: terms and records of the seed graph that they find something for
    "internal/chart-figures": {"measure": "desertion-awol-criminal-cases"},
    "internal/check-chain": {"source": "uk-mod-2024-04-24-desertion-update"},
    "internal/check-figure-links": {"measure": "persons-convicted-desertion", "subject": "russian-armed-forces"},
    "internal/check-figures": {"measure": "persons-convicted-desertion", "subject": "russian-armed-forces"},
    "internal/check-same-text": {"sha256": "0" * 64},
    "internal/cite-figure": {"figure": "deserters-since-2022"},
    "internal/cite-sources": {"cls": "fg:Report"},
    "internal/diff-actors": {"cls": "fg:MilitaryDistrict"},
    "internal/diff-sources": {"cls": "fg:Report"},
    "internal/explore-backed": {"via": "frontelligence-2025-desertions-loss-ratios"},
    "internal/explore-citers": {"source": "frontelligence-2025-desertions-loss-ratios"},
    "internal/explore-facts": {"node": "desertion-awol-cases-southern-md-2024-12"},
    "internal/explore-footnotes": {"source": "euaa-2026-coi-russia-desertion"},
    "internal/explore-links": {"node": "desertion-awol-cases-southern-md-2024-12"},
    "internal/explore-measure": {"measure": "desertion-awol-criminal-cases"},
    "internal/linked-by": {"property": "fg:reportedBy"},
    "internal/project-cites": {"property": "cito:citesAsDataSource"},
    "internal/project-named": {"cls": "fg:Organisation"},
    "internal/store-exists": {"node": "mediazona"},
    "internal/audit-present": {"graph": "https://w3id.org/figuregraph/id/graph/audit"},
}

# The audit's queries, which read its derived graph (tests/audit)
AUDIT_QUERIES = ("credibility", "primary-sources", "corroborations", "circular-reporting", "conflicts", "totals")
