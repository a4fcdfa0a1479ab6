"""Matching a name as written to an actor of the graph: the names a lexicon holds at the time of the
call count, whichever dict holds them and whatever was matched before."""

from __future__ import annotations

from figuregraph.extract import Lexicon
from figuregraph.extract.attribution import match_actor

SAID = "a statement by the Kharkiv Human Rights Protection Group on 3 March"


def test_a_name_added_to_the_lexicon_is_matched_at_once(lexicon: Lexicon) -> None:
    names = dict(lexicon.actors)
    assert match_actor(SAID, names) is None  # the graph has no such actor
    names["kharkiv human rights protection group"] = "khpg"  # a review adds it
    assert match_actor(SAID, names) == "khpg"
    assert match_actor(SAID, dict(lexicon.actors)) is None  # another dict without it: not found there


def test_the_longest_name_inside_wins_in_any_lexicon(lexicon: Lexicon) -> None:
    names = dict(lexicon.actors)
    assert match_actor("the British Ministry of Defence said", names) == "uk-ministry-of-defence"
    assert match_actor("the British Ministry of Defence said", {**names, "british ministry": "x"}) == \
        "uk-ministry-of-defence"
    assert match_actor("the British Ministry said", {**names, "british ministry": "x"}) == "x"
