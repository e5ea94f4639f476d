"""Writer: idempotent by hash, replace on change, --force, one transaction per document."""
from __future__ import annotations


import pytest

from tests.fixtures.store.builders import article  # noqa: E402

from quotegraph.records import Quote, Span  # noqa: E402
from quotegraph.store import QuoteFilter, StoreWriteError, connect, queries, quote_search, write_result, write_results  # noqa: E402

ZAKHAROVA = ("Maria Zakharova", "PERSON", "spokeswoman")
HAKOBIAN = ("Metakse Hakobian", "PERSON", "parliamentarian")


def counts(conn) -> dict[str, int]:
    tables = ["documents", "quotes", "boilerplate", "mentions", "doc_speakers", "speaker_roles", "quotes_fts",
              "documents_fts"]
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def two_statements(doc_id="d1", first="an opportunity to return was and is there", **kw):
    return article(doc_id, [(*ZAKHAROVA, first), (*HAKOBIAN, "return cannot happen near the border")], **kw)


def test_same_document_twice_is_unchanged_and_writes_nothing(tmp_path):
    conn = connect(tmp_path / "q.db")
    first = write_result(conn, two_statements())
    before = counts(conn)
    second = write_result(conn, two_statements())
    assert (first.status, first.quotes) == ("added", 2)
    assert (second.status, second.quotes) == ("unchanged", 0)
    assert counts(conn) == before


def test_changed_article_replaces_all_its_rows_and_search_index(tmp_path):
    conn = connect(tmp_path / "q.db")
    write_result(conn, two_statements(first="the corridor stays closed"))
    outcome = write_result(conn, two_statements(first="the checkpoint reopens tomorrow"))
    assert outcome.status == "replaced"
    assert counts(conn)["quotes"] == 2 and counts(conn)["documents"] == 1
    assert quote_search.search(conn, QuoteFilter(search="corridor")) == []
    assert [q["contents"][0]["text"] for q in quote_search.search(conn, QuoteFilter(search="checkpoint"))] == [
        "the checkpoint reopens tomorrow"]
    assert conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'corridor'").fetchone()[0] == 0
    # The speaker's count follows the replacement instead of doubling.
    assert conn.execute("SELECT quote_count FROM speakers WHERE id = 'maria-zakharova'").fetchone()[0] == 1


def test_force_rewrites_an_unchanged_document_with_the_new_extraction(tmp_path):
    conn = connect(tmp_path / "q.db")
    write_result(conn, two_statements())
    re_extracted = two_statements()  # same text, an extractor that now finds one quote fewer
    re_extracted.quotes.pop()
    assert write_result(conn, re_extracted).status == "unchanged"
    assert counts(conn)["quotes"] == 2
    outcome = write_result(conn, re_extracted, force=True)
    assert (outcome.status, outcome.quotes) == ("replaced", 1)
    assert counts(conn)["quotes"] == 1 and counts(conn)["quotes_fts"] == 1
    assert conn.execute("SELECT quote_count FROM documents").fetchone()[0] == 1


def test_markers_match_rows_and_extra_fields_round_trip(tmp_path):
    conn = connect(tmp_path / "q.db")
    result = two_statements(quote_extra={"said_on": "2024-02-07", "reused": False},
                            doc_extra={"dates": [{"text": "on Wednesday", "value": "2024-02-07"}]})
    write_result(conn, result)
    row = conn.execute("SELECT quote_count, boilerplate_count, mention_count FROM documents").fetchone()
    assert tuple(row) == (2, 1, 2)
    stored = queries.document(conn, "d1")
    assert stored["dates"] == [{"text": "on Wednesday", "value": "2024-02-07"}]
    expected = {q.id: q.to_dict() for q in result.quotes}
    for q in stored["quotes"]:
        assert q["said_on"] == "2024-02-07" and q["reused"] is False
        # Everything of DESIGN.md's record survives, except the speaker id, which becomes the stable one.
        original = expected[q["id"]]
        assert {k: v for k, v in q.items() if k != "speaker"} == {k: v for k, v in original.items() if k != "speaker"}
        assert q["speaker"]["name"] == original["speaker"]["name"]
    assert stored["boilerplate"] == [s.to_dict() for s in result.document.boilerplate]
    assert stored["text"] == result.document.text


def test_speakers_get_stable_ids_aliases_and_roles_across_documents(tmp_path):
    conn = connect(tmp_path / "q.db")
    write_result(conn, article("a", [("Maria Zakharova", "PERSON", "spokeswoman", "one thing")], published="2024-02-07"))
    write_result(conn, article("b", [("MARIA ZAKHAROVA", "PERSON", "diplomat", "another thing")], published="2024-03-01"))
    assert conn.execute("SELECT count(*) FROM speakers").fetchone()[0] == 1
    [speaker] = queries.speakers(conn)
    assert speaker["id"] == "maria-zakharova" and speaker["quotes"] == 2
    assert sorted(speaker["roles"]) == ["diplomat", "spokeswoman"]
    dates = dict(conn.execute("SELECT role, date FROM speaker_roles"))
    assert dates == {"spokeswoman": "2024-02-07", "diplomat": "2024-03-01"}


def test_bulk_path_writes_batches_and_handles_an_id_twice_in_one_batch(tmp_path):
    conn = connect(tmp_path / "q.db")
    results = [two_statements(f"d{i}") for i in range(30)]
    results.append(two_statements("d3", first="a different text for document three"))
    outcomes = list(write_results(conn, results, batch_size=8))
    statuses = [o.status for o in outcomes]
    assert statuses.count("added") == 30 and statuses.count("replaced") == 1
    assert counts(conn)["documents"] == 30 and counts(conn)["quotes"] == 60
    assert queries.document(conn, "d3")["quotes"][0]["contents"][0]["text"] == "a different text for document three"


def test_a_bad_document_in_a_batch_fails_alone_and_stores_nothing_of_itself(tmp_path):
    conn = connect(tmp_path / "q.db")
    bad = two_statements("bad")
    bad.quotes.append(Quote(id="x", kind="rumour", contents=[Span(0, 4, "Home")]))  # not a quote kind
    outcomes = list(write_results(conn, [two_statements("ok1"), bad, two_statements("ok2")], batch_size=10))
    assert [o.status for o in outcomes] == ["added", "failed", "added"]
    assert "bad" in outcomes[1].error
    assert [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")] == ["ok1", "ok2"]
    assert conn.execute("SELECT count(*) FROM quotes WHERE doc_id = 'bad'").fetchone()[0] == 0
    with pytest.raises(StoreWriteError):
        write_result(conn, bad)


def test_duplicate_quote_ids_in_a_document_are_all_kept(tmp_path):
    conn = connect(tmp_path / "q.db")
    result = two_statements()
    result.quotes[1].id = result.quotes[0].id
    write_result(conn, result)
    ids = [q["id"] for q in queries.document(conn, "d1")["quotes"]]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_a_legacy_publication_day_point_is_stored_as_an_on_or_before_bound(tmp_path):
    """An extract file or Parquet shard written before store version 5 still says
    'before_publication' with start = end: the writer stores the honest form."""
    conn = connect(tmp_path / "q.db")
    legacy = {"start": "2024-02-07", "end": "2024-02-07", "precision": "before_publication", "evidence": None,
              "rule": "before_publication"}
    write_result(conn, two_statements(quote_extra={"said_on": legacy, "reused": False}))
    for q in queries.document(conn, "d1")["quotes"]:
        assert q["said_on"] == {"start": None, "end": "2024-02-07", "precision": "on_or_before_publication",
                                "evidence": None, "rule": "on_or_before_publication"}
        assert q["reused"] is False
