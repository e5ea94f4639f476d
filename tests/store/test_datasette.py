"""The store opens in Datasette as it is: tables, JSON rows and full-text search."""
from __future__ import annotations

import asyncio

import pytest

from tests.fixtures.store.builders import article  # noqa: E402

from quotegraph.store import connect, write_results  # noqa: E402

datasette_app = pytest.importorskip("datasette.app", reason="datasette is a test dependency")


def test_datasette_serves_quotes_and_searches_them(tmp_path):
    path = tmp_path / "corpus.db"
    conn = connect(path)
    list(write_results(conn, [
        article("tass-1", [("Maria Zakharova", "PERSON", "spokeswoman", "an opportunity to return was and is there"),
                           ("Tigran Abrahamian", "PERSON", None, "clear security mechanisms must be put in place")],
                outlet="TASS"),
        article("rferl-1", [("Metakse Hakobian", "PERSON", None, "every Armenian dreams about returning")],
                outlet="RFE/RL"),
    ]))
    conn.close()

    async def fetch():
        ds = datasette_app.Datasette([str(path)])
        quotes = await ds.client.get("/corpus/quotes.json?_shape=array&_sort=pk")
        by_speaker = await ds.client.get("/corpus/quotes.json?_shape=array&speaker_id=maria-zakharova")
        searched = await ds.client.get("/corpus/quotes.json?_shape=array&_search=mechanisms")
        sql = await ds.client.get("/corpus.json", params={
            "sql": "select s.name, count(*) as n from quotes q join speakers s on s.id = q.speaker_id"
                   " group by s.name order by n desc, s.name", "_shape": "array"})
        return quotes, by_speaker, searched, sql

    quotes, by_speaker, searched, sql = asyncio.run(fetch())
    assert quotes.status_code == 200
    rows = quotes.json()
    assert [r["id"] for r in rows] == ["tass-1#q1", "tass-1#q2", "rferl-1#q1"]
    assert [r["content"] for r in by_speaker.json()] == ["an opportunity to return was and is there"]
    # Datasette finds the external-content FTS5 table on its own.
    assert [r["id"] for r in searched.json()] == ["tass-1#q2"]
    assert sql.json() == [{"name": "Maria Zakharova", "n": 1}, {"name": "Metakse Hakobian", "n": 1},
                          {"name": "Tigran Abrahamian", "n": 1}]
