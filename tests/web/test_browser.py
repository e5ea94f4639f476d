"""The real server (`quotegraph serve`, a subprocess) in a real browser (Debian's chromium via Playwright).

Search, filter by speaker, open a statement, open the article and check that the
highlighted text is exactly the quote's offsets; hostile text never runs; a
screenshot is checked for a non-blank render.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.fixtures.web import corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (apt-get install chromium)"),
]
playwright_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = corpus.build_linked(tmp_path_factory.mktemp("browser") / "linked.db")
    port = free_port()
    exe = shutil.which("quotegraph", path=str(Path(sys.executable).parent)) or "quotegraph"
    proc = subprocess.Popen([exe, "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/speakers", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"server did not start: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    yield pg
    context.close()


def test_search_filter_statement_article_flow(server, page, tmp_path):
    page.goto(server + "/")
    page.fill("#top-q", "ferries")
    page.press("#top-q", "Enter")
    page.wait_for_load_state()
    assert "q=ferries" in page.url
    assert page.inner_text("#result-count").startswith("3 quotes")

    # Filter by speaker through the facet.
    page.click("ul.facet-speaker a:text('Ada Okafor')")
    page.wait_for_load_state()
    assert "speaker=" in page.url
    speakers = page.locator("article.card .speaker").all_inner_texts()
    assert speakers and set(speakers) == {"Ada Okafor"}

    # Open the statement reported by two outlets.
    page.locator("article.card", has_text="old pier").first.locator("a.stmt").click()
    page.wait_for_load_state()
    versions = page.locator("article.version")
    assert versions.count() == 2
    assert "first report" in versions.nth(0).inner_text() and "Daily Ledger" in versions.nth(0).inner_text()
    assert page.locator("article.version ins").count() > 0
    statement_shot = tmp_path / "statement.png"
    page.screenshot(path=str(statement_shot), full_page=True)
    assert_not_blank(statement_shot)

    # Open the second report in its article: the highlight is exactly the stored offsets.
    versions.nth(1).locator("a.spot").click()
    page.wait_for_load_state()
    assert "/documents/wire-002" in page.url and page.url.endswith("#q-q1-0")
    doc = httpx.get(server + "/api/documents/wire-002").json()
    quote = doc["quotes"][0]
    span = quote["contents"][0]
    mark = page.locator("mark#q-q1-0")
    assert mark.text_content() == doc["text"][span["start"]:span["end"]]
    # Attribution on focus (keyboard users) as well as on hover (title).
    mark.focus()
    after = page.evaluate("getComputedStyle(document.querySelector('mark#q-q1-0'), '::after').content")
    assert "Ada Okafor" in after and "confidence 0.90" in after
    assert "confidence" in (mark.get_attribute("title") or "")
    article_shot = tmp_path / "article.png"
    page.screenshot(path=str(article_shot), full_page=True)
    assert_not_blank(article_shot)
    assert page.problems == []  # no CSP violations, script errors or dialogs


def test_every_highlight_matches_offsets_and_boilerplate_toggles(server, page):
    for doc_id in ("ledger-001", "ledger-003", "wire-005", "evil-004"):
        doc = httpx.get(f"{server}/api/documents/{doc_id}").json()
        page.goto(f"{server}/documents/{doc_id}")
        for q in doc["quotes"]:
            for i, s in enumerate(q["contents"]):
                assert page.locator(f"mark#q-{q['id']}-{i}").text_content() == doc["text"][s["start"]:s["end"]]
        # The article body as rendered is the stored text, character for character.
        assert page.locator("#article-text").text_content() == doc["text"]
    page.goto(f"{server}/documents/ledger-001")
    furniture = page.locator("#article-text .bp").first
    assert furniture.is_visible()
    page.click("#toggle-bp")  # external app.js (the CSP allows no inline script)
    assert not furniture.is_visible()
    assert page.get_attribute("#toggle-bp", "aria-pressed") == "true"
    assert page.problems == []


def test_hostile_text_does_not_run(server, page):
    for path in ("/documents/evil-004", "/?q=reject", "/speakers", "/statements"):
        page.goto(server + path)
        assert page.locator("img").count() == 0
        assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    page.goto(server + "/documents/evil-004")
    page.hover("mark#q-q1-0")
    page.wait_for_timeout(200)
    assert page.problems == []


def test_low_confidence_statement_is_marked(server, page):
    """A statement below web/views.LOW_CONFIDENCE (the corpus gives one 0.35) carries a
    "low confidence" badge; the same speaker's confident statement does not."""
    doc = httpx.get(server + "/api/documents/ledger-003").json()
    assert [q["confidence"] for q in doc["quotes"]] == [0.9, 0.35]  # the API carries it
    page.goto(server + "/")  # every quote of the small corpus, newest first
    page.wait_for_load_state()
    low = page.locator("article.card", has_text="residents had not been consulted")
    sure = page.locator("article.card", has_text="Nobody in the port ward")
    assert low.count() == 1 and sure.count() == 1
    assert "low-confidence" in (low.get_attribute("class") or "").split()
    assert low.locator(".low-conf").inner_text() == "low confidence" and low.locator(".low-conf").is_visible()
    assert "low-confidence" not in (sure.get_attribute("class") or "").split()
    assert sure.locator(".low-conf").count() == 0
    assert page.problems == []


def assert_not_blank(path: Path) -> None:
    from PIL import Image, ImageStat

    img = Image.open(path).convert("RGB")
    assert img.width >= 1000 and img.height >= 400
    stat = ImageStat.Stat(img.convert("L"))
    assert stat.stddev[0] > 20, f"screenshot looks blank (stddev {stat.stddev[0]:.1f})"
    colours = img.resize((320, 200)).getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50


def test_cards_show_when_it_was_said_apart_from_when_it_was_reported(server, page):
    """A dated quote ("said on Tuesday", reported a day later) and an undated one (only a
    bound: said on or before the day it was reported), as a reader sees them."""
    page.goto(server + "/?q=ferries")
    page.wait_for_load_state()
    dated = page.locator("article.card", has_text="opens to ferries in March")
    assert dated.locator(".said").inner_text() == "said 6 Feb 2024"
    assert dated.locator(".reported").inner_text() == "reported 2024-02-07"
    undated = page.locator("article.card", has_text="will open to ferries in March")
    assert undated.locator(".said").inner_text() == "said on or before 6 Feb 2024"
    assert undated.locator(".reported").inner_text() == "reported 2024-02-06"
    # The bound is set apart visually (italic), the dated day is not.
    style = "e => getComputedStyle(e).fontStyle"
    assert undated.locator(".said").evaluate(style) == "italic"
    assert dated.locator(".said").evaluate(style) == "normal"
    assert not page.problems
