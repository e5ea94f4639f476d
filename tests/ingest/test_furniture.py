"""Site furniture on the five seeds (read from ../shared, never copied) and on
fictional fixtures: every furniture line is marked, no body line is.

Expectations are line indices (0-based, as in the file), so no seed text is
repeated here. A line counts as marked when one boilerplate span covers it
exactly (spans are whole lines, offsets into the unmodified text).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegraph.ingest import body_spans, read_inputs
from quotegraph.records import Document
from tests.paths import ROOT, SHARED

SEEDS = SHARED / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"

# Per seed: furniture line indices, the headline line (None: the scrape has no
# headline), and the outlet a dateline gives (None: no dateline).
SEED_EXPECTATIONS = {
    # Plain article: nothing to mark.
    "000_493d1921efc46a88.txt": {"furniture": [], "title": None, "outlet": None},
    # Armenian accessibility line; two photo captions each printed twice; size picker.
    "001_6406e2ef00b6ea62.txt": {"furniture": [0, 5, 6, 20, 21, 35, 36, 37, 38], "title": 2, "outlet": None},
    # "ArmInfo." dateline, no furniture.
    "002_caad379c0cab8d1b.txt": {"furniture": [], "title": None, "outlet": "ArmInfo"},
    # Page title "Headline -" before the headline; comment rules; "Editor's choice".
    "003_e3fab4c4f7db35db.txt": {"furniture": [0, 17, 19], "title": 3, "outlet": "Mediamax"},
    # Banner lines and tag line atop; photo credit twice; three section tails.
    "004_32c8f6a9c60019b6.txt": {"furniture": [0, 1, 2, 3, 7, 8, 62, 64, 66], "title": 5, "outlet": None},
}

FIXTURE_EXPECTATIONS = {
    "meridian_nav_credits.txt": {
        "furniture": [0, 1, 2, 3, 5, 6, 7, 8, 11, 16, 17, 18, 19, 20, 21],
        "title": 4,
        "outlet": None,
        "language": "en",
    },
    "vestnik_cyrillic.txt": {"furniture": [0, 2, 6, 7, 8], "title": 1, "outlet": None, "language": "ru"},
    "gazette_headline_twice.txt": {
        "furniture": [1, 9, 10, 11, 12, 13],
        "title": 0,
        "outlet": "Tarvos Gazette",
        "language": "en",
    },
    # Site tagline with a dash, weather widget, dated place line, caption with an
    # embedded credit printed twice, "Comments" + rules, "Read also" + links.
    "harbour_banner_no_meta.txt": {
        "furniture": [0, 1, 2, 6, 8, 9, 17, 18, 20, 21, 22],
        "title": 4,
        "outlet": None,
        "language": "en",
    },
}


def file_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's stripped content, indexed like the file's lines."""
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lead = len(content) - len(content.lstrip())
        out.append((pos + lead, pos + lead + len(content.strip())))
        pos += len(raw)
    return out


def marked_lines(doc: Document) -> set[int]:
    spans = {(s.start, s.end) for s in doc.boilerplate}
    return {i for i, (start, end) in enumerate(file_lines(doc.text)) if end > start and (start, end) in spans}


def is_body_paragraph(line: str) -> bool:
    """The test's independent notion of body text: a sentence-ending line of more than 12 words."""
    core = line.rstrip("\"'”’» ")
    return bool(core) and core[-1] in ".!?" and len(line.split()) > 12


def read_one(path: Path) -> Document:
    (doc,) = list(read_inputs([path]))
    assert isinstance(doc, Document), doc
    return doc


def check(doc: Document, expected: dict) -> None:
    lines = file_lines(doc.text)
    marked = marked_lines(doc)
    furniture = set(expected["furniture"])
    assert furniture - marked == set(), f"furniture lines not marked: {sorted(furniture - marked)}"
    assert marked - furniture == set(), f"lines marked that are not furniture: {sorted(marked - furniture)}"
    # Every boilerplate span is a whole line and carries its own text.
    for span in doc.boilerplate:
        assert doc.text[span.start : span.end] == span.text
    assert all((s.start, s.end) in set(lines) for s in doc.boilerplate)
    # Independent check: no body paragraph lies inside a boilerplate span
    # (captions read like sentences, so the listed furniture lines are excluded).
    for i, (start, end) in enumerate(lines):
        if i not in furniture and is_body_paragraph(doc.text[start:end]):
            assert i not in marked, f"body paragraph {i} marked"
            assert any(s <= start and end <= e for s, e in body_spans(doc))
    title = expected["title"]
    if title is None:
        assert doc.title is None
    else:
        start, end = lines[title]
        assert doc.title == doc.text[start:end]
        assert title not in marked
    assert doc.outlet == expected["outlet"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not available")
@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_furniture_marked_and_body_untouched(name: str) -> None:
    path = SEEDS / name
    doc = read_one(path)
    assert doc.text == path.read_text(encoding="utf-8")  # offsets index the file as it is
    check(doc, SEED_EXPECTATIONS[name])
    assert doc.language == "en"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not available")
def test_seed_body_paragraphs_exist_in_every_seed() -> None:
    """Guards the body check above against vacuity: each seed has body paragraphs to protect."""
    for name in SEED_EXPECTATIONS:
        text = (SEEDS / name).read_text(encoding="utf-8")
        assert sum(is_body_paragraph(text[s:e]) for s, e in file_lines(text)) >= 4


@pytest.mark.parametrize("name", sorted(FIXTURE_EXPECTATIONS))
def test_fixture_furniture(name: str) -> None:
    doc = read_one(FIXTURES / name)
    check(doc, FIXTURE_EXPECTATIONS[name])
    assert doc.language == FIXTURE_EXPECTATIONS[name]["language"]


def test_closing_short_sentence_is_body() -> None:
    """'He declined to comment.' after the last long paragraph stays body text."""
    doc = read_one(FIXTURES / "meridian_nav_credits.txt")
    assert 15 not in marked_lines(doc)
    assert doc.text.splitlines()[15].endswith(".")


def test_crlf_offsets_and_furniture(tmp_path: Path) -> None:
    """Windows line endings are kept and spans still index the text exactly."""
    src = (FIXTURES / "meridian_nav_credits.txt").read_text(encoding="utf-8")
    path = tmp_path / "crlf.txt"
    path.write_bytes(src.replace("\n", "\r\n").encode("utf-8"))
    doc = read_one(path)
    assert "\r\n" in doc.text and doc.text == src.replace("\n", "\r\n")
    check(doc, FIXTURE_EXPECTATIONS["meridian_nav_credits.txt"])
    assert all("\r" not in s.text and "\n" not in s.text for s in doc.boilerplate)


def test_body_spans_complement_boilerplate() -> None:
    doc = read_one(FIXTURES / "meridian_nav_credits.txt")
    body = body_spans(doc)
    covered = sorted([(s.start, s.end) for s in doc.boilerplate] + body)
    # Body and boilerplate tile the text without gaps or overlaps.
    assert covered[0][0] == 0 and covered[-1][1] == len(doc.text)
    assert all(a[1] == b[0] for a, b in zip(covered, covered[1:]))


def test_lexicon_is_data(tmp_path: Path) -> None:
    """A new site's furniture is taught by editing the YAML file, not the code."""
    from quotegraph.ingest.boilerplate import find_furniture
    from quotegraph.ingest.lexicon import DEFAULT_LEXICON, load_lexicon

    text = "Tarvos and Lumeria signed the protocol on Friday after a night of talks in Veskara.\nVeskara Daily Plus\n"
    assert find_furniture(text, load_lexicon(DEFAULT_LEXICON)).spans == []
    custom = tmp_path / "furniture.yaml"
    custom.write_text(DEFAULT_LEXICON.read_text(encoding="utf-8") + "\n" + "extra_lines_unused: []\n", encoding="utf-8")
    data = custom.read_text(encoding="utf-8").replace("lines:\n", "lines:\n  - veskara daily plus\n", 1)
    custom.write_text(data, encoding="utf-8")
    report = find_furniture(text, load_lexicon(custom))
    assert [text[s:e] for s, e in report.spans] == ["Veskara Daily Plus"]


def test_metadata_title_identifies_the_headline_line(tmp_path: Path) -> None:
    """A title-case site line precedes the headline: without metadata it is taken
    for the headline (both stay unmarked); with a sidecar title the real headline
    is found and the site line becomes page furniture."""
    text = (
        "Harbour Times Morning Digest Edition\n"
        "Port workers end strike after pay deal\n"
        "Dock workers in Veskara voted on Wednesday to end a nine-day strike after a pay offer.\n"
        "The harbour authority said delayed ships would be cleared by the end of the week.\n"
    )
    path = tmp_path / "digest.txt"
    path.write_text(text, encoding="utf-8")
    guessed = read_one(path)
    assert guessed.title == "Harbour Times Morning Digest Edition" and marked_lines(guessed) == set()
    (tmp_path / "digest.meta.json").write_text('{"title": "Port workers end strike after pay deal"}', encoding="utf-8")
    informed = read_one(path)
    assert informed.meta["headline"]["start"] == text.index("Port workers")
    assert marked_lines(informed) == {0}


POLNEAR_TRAIN = SHARED / "polnear" / "train.jsonl"


@pytest.mark.skipif(not POLNEAR_TRAIN.is_file(), reason="../shared/polnear/train.jsonl is not available")
def test_no_polnear_attribution_falls_in_boilerplate() -> None:
    """Attributions are article body by definition: none of the hand-annotated
    cue/source/content spans of PolNeAR train may touch a boilerplate span,
    while the cleaner still finds furniture there (credits, 'ABSTRACT.', ...)."""
    gold = {}
    with POLNEAR_TRAIN.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            gold[row["id"]] = row["quotes"]
    touching, attributions, marked = [], 0, 0
    for doc in read_inputs([POLNEAR_TRAIN]):
        assert isinstance(doc, Document), doc
        marked += len(doc.boilerplate)
        for quote in gold[doc.id]:
            attributions += 1
            for span in quote["cues"] + quote["sources"] + quote["contents"]:
                if any(span["start"] < b.end and b.start < span["end"] for b in doc.boilerplate):
                    touching.append((doc.id, span["text"][:60]))
    assert attributions > 10_000 and marked > 50
    assert touching == []


@pytest.mark.parametrize(
    "opening,outlet",
    [
        ("Lumeria /Veskara Wire/. The minister said on Tuesday that talks would resume.", "Veskara Wire"),
        ("VESKARA (Reuters) - The minister said on Tuesday that talks would resume.", "Reuters"),
        ("TarvosInfo. The minister said on Tuesday that talks would resume.", "TarvosInfo"),
        ("TASS. The minister said on Tuesday that talks would resume.", "TASS"),
        ("Lumeria Daily. The minister said on Tuesday that talks would resume.", "Lumeria Daily"),
        # A place or an ordinary word opening the body is not an outlet.
        ("VESKARA. The minister said on Tuesday that talks would resume.", None),
        ("New Veskara. The minister said on Tuesday that talks would resume.", None),
        ("Thus. The minister said on Tuesday that talks would resume.", None),
    ],
)
def test_dateline_outlet(tmp_path: Path, opening: str, outlet: str | None) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(opening + "\nA second paragraph follows with more detail on the talks in Veskara.\n", encoding="utf-8")
    assert read_one(path).outlet == outlet
