"""Narrative pages and their JSON twins over a store with topics (the labelled story)."""
import pytest
from fastapi.testclient import TestClient

from quotegraph.web.app import create_app
from tests.conftest import run_cli
from tests.paths import ROOT

STORY = ROOT / "samples_narratives"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("web-story") / "s.db"
    for args in (["ingest", str(STORY), "--meta", str(STORY / "meta.csv")], ["link"], ["topics"]):
        proc = run_cli(*args, "--db", db)
        assert proc.returncode == 0, proc.stderr
    return TestClient(create_app(db), raise_server_exceptions=False)


def test_topic_pages_show_actors_and_statements(client):
    topics = client.get("/api/topics").json()["items"]
    assert topics and client.get("/topics").status_code == 200
    biggest = max(topics, key=lambda t: t["size"])
    data = client.get(f"/api/topics/{biggest['id']}").json()
    assert data["actors"] and len(data["statements"]) >= biggest["size"]  # every report of each statement
    page = client.get(f"/topics/{biggest['id']}")
    assert page.status_code == 200 and data["actors"][0]["name"] in page.text
    assert client.get("/topics/9999").status_code == 404


def test_alignment_heatmap_and_echoes_side_by_side(client):
    data = client.get("/api/alignment").json()
    n = len(data["actors"])
    assert n >= 2 and all(len(row) == n for row in data["matrix"])
    svg = client.get("/alignment.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content
    echoes = client.get("/api/echoes").json()["items"]
    [echo] = [e for e in echoes if "voluntary relocation" in e["phrase"]]
    page = client.get("/echoes")
    assert page.status_code == 200
    for use in echo["uses"]:
        assert f"/documents/{use['doc_id']}#q-" in page.text
