"""Alert rules on a real store: matching, each match once, and a webhook receiver on
127.0.0.1 that gets every alert exactly once across a restart and an outage."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from quotegraph.follow.alerts import RuleError, load_rules, run_alerts
from quotegraph.store import connect, write_result
from tests.fixtures.store.builders import article


class Receiver:
    def __init__(self):
        self.received: list[dict] = []
        self.down = False
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.down:
                    self.send_response(503)
                else:
                    receiver.received.append(json.loads(body))
                    self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.stop()


def _rules(tmp_path, text):
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    return load_rules(path)


def _store(conn, doc_id, statements, outlet="Meridian Wire"):
    write_result(conn, article(doc_id, [(name, "PERSON", None, said) for name, said in statements], outlet=outlet))


def test_rules_file_errors_name_the_rule(tmp_path):
    with pytest.raises(RuleError, match="rule 1: unknown key"):
        _rules(tmp_path, "alerts:\n  - speaker: X\n    colour: red\n")
    with pytest.raises(RuleError, match="rule 1: search: unbalanced"):
        _rules(tmp_path, 'alerts:\n  - search: \'"open phrase\'\n')
    with pytest.raises(RuleError, match="type must be one of"):
        _rules(tmp_path, "alerts:\n  - type: rumour\n")


def test_webhook_gets_each_alert_exactly_once_across_restart_and_outage(tmp_path, receiver):
    db = tmp_path / "q.db"
    rules_text = f"alerts:\n  - name: halvari\n    speaker: Teodor Halvari\n    to: ['{receiver.url}', '{tmp_path / 'out.jsonl'}']\n"
    conn = connect(db)
    _store(conn, "d1", [("Teodor Halvari", "The crossings will reopen on Monday."),
                        ("Mara Velde", "Nobody asked us about the crossings.")])
    assert run_alerts(conn, _rules(tmp_path, rules_text)) == (1, [])
    assert [m["content"] for m in receiver.received] == ["The crossings will reopen on Monday."]
    conn.close()

    # restart: nothing new, nothing sent again
    conn = connect(db)
    assert run_alerts(conn, _rules(tmp_path, rules_text)) == (0, [])
    assert len(receiver.received) == 1
    # the receiver is down while a new statement arrives: it waits, then arrives once
    receiver.down = True
    _store(conn, "d2", [("Teodor Halvari", "We will not accept new conditions on the convoys.")])
    new, errors = run_alerts(conn, _rules(tmp_path, rules_text))
    assert new == 1 and errors and "HTTP 503" in errors[0]
    conn.close()
    receiver.down = False
    conn = connect(db)
    assert run_alerts(conn, _rules(tmp_path, rules_text)) == (0, [])
    assert [m["content"] for m in receiver.received] == ["The crossings will reopen on Monday.",
                                                          "We will not accept new conditions on the convoys."]
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert len(lines) == 2 and len({json.loads(line)["id"] for line in lines}) == 2


def test_filters_search_outlet_and_type(tmp_path):
    conn = connect(tmp_path / "q.db")
    _store(conn, "a", [("Ines Carrow", "The harbour strike goes on until the pay offer improves.")], outlet="Harbour Post")
    _store(conn, "b", [("Ines Carrow", "Talks on the grain corridor resume.")], outlet="Meridian Wire")
    rules = _rules(tmp_path, f"alerts:\n  - name: strike\n    search: strike\n    outlet: harbour post\n"
                             f"    to: ['{tmp_path / 'a.jsonl'}']\n"
                             f"  - name: beliefs\n    type: belief\n    to: ['{tmp_path / 'b.jsonl'}']\n")
    assert run_alerts(conn, rules) == (1, [])
    [hit] = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert hit["rule"] == "strike" and hit["doc_id"] == "a"
    assert not (tmp_path / "b.jsonl").exists()  # every stored quote is speech
