"""Canonical speakers from per-document speakers (records built here, no mocks)."""
from pathlib import Path

import pytest

from quotegraph.link import corrections as corr
from quotegraph.link.speakers import link_speakers
from quotegraph.link.types import SpeakerMention as M


def _groups(links):
    return {sid: sorted(s.members) for sid, s in links.speakers.items()}


def _same(links, a, b):
    return links.by_member[a] == links.by_member[b]


def test_transliteration_variants_and_surname_merge():
    links = link_speakers([
        M("d1", "s1", "Nikol Pashinian", "PERSON", "Prime Minister", "2024-04-17"),
        M("d2", "s1", "Nikol Pashinyan", "PERSON", "Armenian Prime Minister", "2024-05-02"),
        M("d3", "s1", "Pashinyan", "PERSON", None, "2024-05-03"),
    ])
    assert _same(links, ("d1", "s1"), ("d2", "s1")) and _same(links, ("d1", "s1"), ("d3", "s1"))
    speaker = links.speakers[links.by_member[("d1", "s1")]]
    assert speaker.name in {"Nikol Pashinian", "Nikol Pashinyan"}
    assert set(speaker.aliases) == {"Nikol Pashinian", "Nikol Pashinyan", "Pashinyan"}
    # Roles over time: each with the date and document that stated it.
    assert [(r.role, r.date, r.doc_id) for r in speaker.roles] == [
        ("Prime Minister", "2024-04-17", "d1"), ("Armenian Prime Minister", "2024-05-02", "d2")]


def test_two_aliyevs_stay_apart_and_a_bare_surname_follows_its_context():
    links = link_speakers([
        M("d1", "s1", "Ilham Aliyev", "PERSON", "Azerbaijani President", "2024-03-01", context=frozenset({"bairamov"})),
        M("d2", "s1", "Elnur Aliyev", "PERSON", "Russian businessman", "2024-03-02", context=frozenset({"lavrov"})),
        # Same article as Ilham's full name: the surname is his.
        M("d1", "s2", "Aliyev", "PERSON", None, "2024-03-01"),
        # Another article, talked about with Bayramov: Ilham again.
        M("d3", "s1", "Aliyev", "PERSON", None, "2024-03-05", context=frozenset({"bairamov"})),
        # Nothing to tell them apart: stays on its own rather than a guess.
        M("d4", "s1", "Aliev", "PERSON", None, None),
    ])
    ilham, elnur = links.by_member[("d1", "s1")], links.by_member[("d2", "s1")]
    assert ilham != elnur
    assert links.by_member[("d1", "s2")] == ilham
    assert links.by_member[("d3", "s1")] == ilham
    assert links.by_member[("d4", "s1")] not in {ilham, elnur}


def test_same_name_with_conflicting_countries_is_two_people():
    links = link_speakers([
        M("d1", "s1", "Ali Hasanov", "PERSON", "Azerbaijani presidential aide"),
        M("d2", "s1", "Ali Hasanov", "PERSON", "Turkish footballer"),
    ])
    assert not _same(links, ("d1", "s1"), ("d2", "s1"))


def test_bare_surname_with_a_different_kind_of_role_is_not_merged():
    links = link_speakers([
        M("d1", "s1", "Hanna Lehtovaara", "PERSON", "wife of the delegation leader"),
        M("d2", "s1", "Lehtovaara", "PERSON", "head of the delegation"),
    ])
    assert not _same(links, ("d1", "s1"), ("d2", "s1"))


def test_organisations_differing_in_one_word_stay_apart():
    links = link_speakers([
        M("d1", "o1", "Russian Foreign Ministry", "ORG"),
        M("d2", "o1", "Azerbaijani Foreign Ministry", "ORG"),
        M("d3", "o1", "Russia's Ministry of Foreign Affairs", "ORG"),
    ])
    assert not _same(links, ("d1", "o1"), ("d2", "o1"))
    assert _same(links, ("d1", "o1"), ("d3", "o1"))


def test_unnamed_role_joins_the_one_person_holding_it():
    links = link_speakers([
        M("d1", "s1", "Maria Zakharova", "PERSON", "Russian Foreign Ministry spokeswoman"),
        M("d2", "s1", "the Russian Foreign Ministry spokeswoman", "PERSON"),
        M("d3", "s1", "a senior official", "PERSON"),
    ])
    assert _same(links, ("d1", "s1"), ("d2", "s1"))
    assert not _same(links, ("d1", "s1"), ("d3", "s1"))


def test_a_collective_description_does_not_join_one_of_its_members():
    """"Ruritania's opposition" is the opposition, not the one opposition lawmaker the
    corpus names; "the Ruritanian opposition lawmaker" is her."""
    links = link_speakers([
        M("d1", "s1", "Ilka Varro", "PERSON", "Ruritanian opposition lawmaker"),
        M("d1", "s2", "Ruritania's opposition", "UNKNOWN"),
        M("d2", "s1", "the Ruritanian opposition lawmaker", "PERSON"),
    ])
    assert not _same(links, ("d1", "s1"), ("d1", "s2"))
    assert _same(links, ("d1", "s1"), ("d2", "s1"))


def test_a_peer_known_by_the_title_is_shown_with_it():
    links = link_speakers([
        M("d1", "s1", "Lord Ferrant", "PERSON", "Velmo Oil chief executive"),
        M("d2", "s1", "Lord Ferrant", "PERSON", "Velmo Oil chief executive"),
        M("d2", "s2", "Ferrant", "PERSON"),
        M("d3", "s1", "Mr Kolder", "PERSON"),
        M("d3", "s2", "Anna Kolder", "PERSON"),
    ])
    names = {s.name for s in links.speakers.values()}
    assert "Lord Ferrant" in names and "Ferrant" not in names
    assert "Anna Kolder" in names and "Mr Kolder" not in names


def test_ids_are_stable_across_spellings_and_runs():
    a = link_speakers([M("d1", "s1", "Nikol Pashinian", "PERSON")])
    b = link_speakers([M("d9", "s4", "Nikol Pashinyan", "PERSON"), M("d1", "s1", "Nikol Pashinian", "PERSON")])
    assert a.by_member[("d1", "s1")] == b.by_member[("d1", "s1")] == b.by_member[("d9", "s4")]


def test_corrections_merge_split_rename(tmp_path: Path):
    mentions = [
        M("d1", "s1", "Maria Zakharova", "PERSON"),
        M("d2", "s1", "M. Zakharova", "PERSON"),
        M("d3", "s1", "Masha Zakharova", "PERSON"),
        M("d4", "s1", "Nikol Pashinian", "PERSON"),
    ]
    plain = link_speakers(mentions)
    assert not _same(plain, ("d1", "s1"), ("d3", "s1"))
    path = tmp_path / "db.aliases.yaml"
    c = corr.Corrections(merge=[["Masha Zakharova", "Maria Zakharova"]], split=[["M. Zakharova"]],
                         rename={"Zakharova, Maria": "x"})
    c.rename = {"Maria Zakharova": "Maria V. Zakharova"}
    corr.save(c, path)
    loaded = corr.load(path)
    assert loaded.to_dict() == c.to_dict()
    fixed = link_speakers(mentions, loaded)
    assert _same(fixed, ("d1", "s1"), ("d3", "s1"))
    assert not _same(fixed, ("d1", "s1"), ("d2", "s1"))
    assert fixed.speakers[fixed.by_member[("d1", "s1")]].name == "Maria V. Zakharova"
    assert fixed.speakers[fixed.by_member[("d4", "s1")]].name == "Nikol Pashinian"


def test_malformed_alias_file_names_the_file(tmp_path: Path):
    bad = tmp_path / "x.aliases.yaml"
    bad.write_text("merge: [Zakharova]\n", encoding="utf-8")
    with pytest.raises(corr.CorrectionsError, match="x.aliases.yaml"):
        corr.load(bad)
    bad.write_text("shuffle: []\n", encoding="utf-8")
    with pytest.raises(corr.CorrectionsError, match="unknown section"):
        corr.load(bad)
    assert corr.load(tmp_path / "missing.yaml").is_empty()


def test_generic_organisation_name_is_not_merged_across_documents():
    links = link_speakers([
        M("d1", "o1", "Foreign Ministry", "ORG"),
        M("d2", "o1", "Foreign Ministry", "ORG"),
        M("d3", "o1", "Velmoran Foreign Ministry", "ORG"),
        M("d4", "o1", "Velmora's Foreign Ministry", "ORG"),
    ])
    assert not _same(links, ("d1", "o1"), ("d2", "o1"))
    assert _same(links, ("d3", "o1"), ("d4", "o1"))



def test_an_unnamed_group_is_not_one_speaker_across_documents():
    """"Analysts" in two articles are two sets of people; two mentions in one article are one."""
    links = link_speakers([
        M("d1", "g1", "Analysts", "GROUP"),
        M("d2", "g1", "analysts", "GROUP"),
        M("d3", "g1", "Prosecutors", "GROUP"),
        M("d4", "g1", "prosecutors", "GROUP"),
        M("d5", "o1", "Dock Workers Union", "ORG"),
        M("d6", "o1", "Dock Workers Union", "ORG"),
    ])
    assert not _same(links, ("d1", "g1"), ("d2", "g1"))
    assert not _same(links, ("d3", "g1"), ("d4", "g1"))
    assert _same(links, ("d5", "o1"), ("d6", "o1"))  # a named body still links


def test_a_one_word_description_is_not_one_speaker_across_documents():
    """"the newspaper" of one article is not that of the next; a description precise enough
    to say whose ("the Velmoran foreign ministry spokeswoman") still joins across articles."""
    links = link_speakers([
        M("d1", "r1", "the newspaper", "UNKNOWN"),
        M("d2", "r1", "The newspaper", "UNKNOWN"),
        M("d3", "r1", "the Velmoran foreign ministry spokeswoman", "PERSON"),
        M("d4", "r1", "the Velmoran foreign ministry spokeswoman", "PERSON"),
    ])
    assert not _same(links, ("d1", "r1"), ("d2", "r1"))
    assert _same(links, ("d3", "r1"), ("d4", "r1"))


def test_a_body_described_not_named_is_not_one_speaker_across_documents():
    links = link_speakers([
        M("d1", "o1", "The party", "ORG"),
        M("d2", "o1", "the party", "ORG"),
        M("d3", "o1", "The US company", "ORG"),
        M("d4", "o1", "The US company", "ORG"),
        M("d5", "o1", "US government", "ORG"),
        M("d6", "o1", "The US government", "ORG"),
        M("d7", "o1", "Conservative Party", "ORG"),
        M("d8", "o1", "Conservative Party", "ORG"),
    ])
    assert not _same(links, ("d1", "o1"), ("d2", "o1"))
    assert not _same(links, ("d3", "o1"), ("d4", "o1"))
    assert _same(links, ("d5", "o1"), ("d6", "o1"))  # one government per country
    assert _same(links, ("d7", "o1"), ("d8", "o1"))  # a name


def test_a_peer_joins_a_namesake_only_with_the_title_or_the_context():
    links = link_speakers([
        M("d1", "s1", "Carole Walker", "PERSON", "political correspondent", "2005-02-01"),
        M("d2", "s1", "Lord Walker", "PERSON", None, "2005-02-03"),
        M("d3", "s1", "Peter Goldsmith", "PERSON", "attorney general", "2005-02-01"),
        M("d3", "s2", "Lord Goldsmith", "PERSON", None, "2005-02-01"),
        M("d4", "s1", "Lord Goldsmith", "PERSON", None, "2005-02-05"),
    ])
    assert not _same(links, ("d1", "s1"), ("d2", "s1"))
    # the same article calls him both; another article's "Lord Goldsmith" then joins the titled cluster
    assert _same(links, ("d3", "s1"), ("d3", "s2")) and _same(links, ("d3", "s1"), ("d4", "s1"))

# -- "Mr Blair" across documents: joins where the context says who, stays apart where not --------

BLAIRS = [
    M("d1", "s1", "Tony Blair", "PERSON", "Prime Minister", "2005-02-01", "BBC News",
      context=frozenset({"brown", "howard"})),
    M("d2", "s1", "Ian Blair", "PERSON", "Metropolitan Police Commissioner", "2005-02-03", "BBC News",
      context=frozenset({"livingstone", "clarke"})),
    M("d3", "s1", "Cherie Blair", "PERSON", "wife of the prime minister", "2005-02-04", "BBC News",
      context=frozenset({"booth"})),
]


def test_mr_surname_joins_the_person_its_co_mentions_name():
    links = link_speakers([*BLAIRS, M("d4", "s1", "Mr Blair", "PERSON", None, "2005-02-05", "BBC News",
                                      context=frozenset({"brown", "howard"}))])
    assert _same(links, ("d4", "s1"), ("d1", "s1"))
    assert links.speakers[links.by_member[("d4", "s1")]].name == "Tony Blair"


def test_mr_surname_with_nothing_to_tell_two_men_apart_stays_apart():
    links = link_speakers([*BLAIRS, M("d4", "s1", "Mr Blair", "PERSON", None, "2005-06-01", "Other Paper",
                                      context=frozenset({"smith"}))])
    own = links.by_member[("d4", "s1")]
    assert own not in {links.by_member[("d1", "s1")], links.by_member[("d2", "s1")], links.by_member[("d3", "s1")]}


def test_mr_surname_with_the_role_of_another_kind_joins_the_holder_of_that_role():
    links = link_speakers([*BLAIRS, M("d4", "s1", "Mr Blair", "PERSON", "Metropolitan Police Commissioner",
                                      "2005-02-05", "BBC News", context=frozenset({"brown"}))])
    assert _same(links, ("d4", "s1"), ("d2", "s1"))


def test_a_title_of_the_other_gender_never_joins():
    # The only Blair of the corpus is a woman: "Mr Blair" is someone else, whatever the context.
    links = link_speakers([BLAIRS[2], M("d4", "s1", "Mr Blair", "PERSON", None, "2005-02-05", "BBC News",
                                        context=frozenset({"booth"}))])
    assert not _same(links, ("d4", "s1"), ("d3", "s1"))
    # ... and "Mrs Blair" talked about with Cherie Blair's co-mentions is her.
    links = link_speakers([*BLAIRS, M("d5", "s1", "Mrs Blair", "PERSON", None, "2005-02-05", "BBC News",
                                      context=frozenset({"booth"}))])
    assert _same(links, ("d5", "s1"), ("d3", "s1"))


def test_mrs_surname_does_not_join_a_man_whose_context_it_shares():
    tony_with_title = M("d6", "s1", "Mr Blair", "PERSON", "Prime Minister", "2005-02-02", "BBC News",
                        context=frozenset({"brown", "howard"}))
    links = link_speakers([*BLAIRS, tony_with_title,
                           M("d5", "s1", "Mrs Blair", "PERSON", None, "2005-02-05", "BBC News",
                             context=frozenset({"brown", "howard"}))])
    assert _same(links, ("d6", "s1"), ("d1", "s1"))  # the PM's title makes him a man
    assert not _same(links, ("d5", "s1"), ("d1", "s1"))
