"""Statement types are stored, filterable everywhere, and listings default to speech."""
import json

from fastapi.testclient import TestClient

from quotegraph.store import connect, queries, write_result
from quotegraph.web.app import create_app
from tests.conftest import run_cli
from tests.fixtures.store.builders import article


def _store(path):
    result = article("d1", [("Ines Carrow", "PERSON", None, "the strike goes on until the offer improves"),
                            ("Ines Carrow", "PERSON", None, "the union will accept the offer in the end"),
                            ("Harbour Survey", "ORG", None, "most dockers support the strike"),
                            ("Pavel Dunmore", "PERSON", "mayor", "the city will not raise its offer")])
    for quote, kind in zip(result.quotes, ["speech", "belief", "finding", "speech"]):
        quote.type = kind
    conn = connect(path)
    write_result(conn, result)
    return conn


def test_store_filter_and_cli_default_to_speech(tmp_path):
    conn = _store(tmp_path / "t.db")
    assert sorted(q["type"] for q in queries.quotes(conn, statement_type="all")) == ["belief", "finding", "speech",
                                                                                       "speech"]
    assert [q["type"] for q in queries.quotes(conn, statement_type="belief")] == ["belief"]
    conn.close()
    listed = json.loads(run_cli("quotes", "--db", tmp_path / "t.db", "--format", "json").stdout)
    assert len(listed) == 2 and {q["type"] for q in listed} == {"speech"}
    every = json.loads(run_cli("quotes", "--db", tmp_path / "t.db", "--format", "json", "--type", "all").stdout)
    assert len(every) == 4
    bad = run_cli("quotes", "--db", tmp_path / "t.db", "--type", "rumour")
    assert bad.returncode == 2 and "--type must be one of" in bad.stderr


def test_api_type_parameter_and_facet(tmp_path):
    _store(tmp_path / "w.db").close()
    client = TestClient(create_app(tmp_path / "w.db"), raise_server_exceptions=False)
    assert client.get("/api/quotes").json()["total"] == 2
    assert client.get("/api/quotes", params={"type": "finding"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"type": "all"}).json()["total"] == 4
    assert client.get("/api/quotes", params={"type": "rumour"}).status_code in (400, 422)
    page = client.get("/")
    assert page.status_code == 200 and "Statement type" in page.text and "belief" in page.text
