"""Readers: formats, encodings, metadata, ids, and one test per bad-input kind.

All inputs are real files written to a temporary folder by the test (text
written for these tests; nothing copied from ../shared).
"""
from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import tempfile
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotegraph.ingest import read_inputs
from quotegraph.records import Document, InputError, content_hash
from tests.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"

ARTICLE = (
    "Tarvos and Lumeria agreed on Tuesday to resume talks on their river border after a pause of five months.\n"
    "Share this article\n"
    "“We have lost too much time already,” the Lumerian deputy foreign minister said in Veskara on Tuesday.\n"
)
CYRILLIC = (
    "Министр иностранных дел Лумерии заявила во вторник, что переговоры о речной границе возобновятся в марте.\n"
    "Поделиться\n"
    "По её словам, стороны договорились обсудить права на воду и возвращение задержанных судов.\n"
)
FRENCH = (
    "Le ministre des Affaires étrangères a déclaré mardi à Genève que les négociations reprendraient en mars.\n"
    "Selon lui, les deux délégations ont évoqué la frontière fluviale et le retour des bateaux saisis.\n"
)


def page(title: str, body: str, head_extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p)
    return (
        f"<html><head><title>{title}</title>{head_extra}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer></body></html>"
    )


HTML_BODY = (
    "The foreign ministers of Tarvos and Lumeria met in Veskara on Tuesday for the first time in five months.\n"
    "Both delegations said the talks had been constructive and would continue in March at the same venue.\n"
    "Observers from three neighbouring countries attended the opening session as guests of the mayor."
)


def read_all(paths, **kw) -> tuple[list[Document], list[InputError]]:
    docs, errors = [], []
    for item in read_inputs([Path(p) for p in paths], **kw):
        (errors if isinstance(item, InputError) else docs).append(item)
    return docs, errors


def one_error(path: Path, **kw) -> InputError:
    docs, errors = read_all([path], **kw)
    assert docs == [] and len(errors) == 1, (docs, errors)
    assert errors[0].path == str(path)
    return errors[0]


# --- encodings -----------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding,text,prefix",
    [
        ("utf-8", ARTICLE, b""),
        ("utf-8", ARTICLE, b"\xef\xbb\xbf"),  # UTF-8 with BOM
        ("utf-16", ARTICLE.replace("\n", "\r\n"), b""),  # Python writes the BOM
        ("utf-16-le", ARTICLE, b""),  # no BOM: detected from the NUL pattern
        ("cp1251", CYRILLIC, b""),
        ("latin-1", FRENCH, b""),
    ],
)
def test_encodings_decode_exactly(tmp_path: Path, encoding: str, text: str, prefix: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(prefix + text.encode(encoding))
    (doc,), errors = read_all([path])
    assert errors == []
    assert doc.text == text  # exact: BOM removed, line endings kept
    for span in doc.boilerplate:
        assert doc.text[span.start : span.end] == span.text
    if "Share this article" in text or "Поделиться" in text:
        marked = [s.text for s in doc.boilerplate]
        assert marked == ["Share this article"] or marked == [] and "Поделиться" in text


def test_cp1251_offsets_point_at_cyrillic_words(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(CYRILLIC.encode("cp1251"))
    (doc,), _ = read_all([path])
    start = doc.text.index("Лумерии")
    assert doc.text[start : start + 7] == "Лумерии"
    assert doc.language == "ru"
    assert doc.meta["encoding"] == "cp1251"


def test_latin1_text_is_french(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes(FRENCH.encode("latin-1"))
    (doc,), _ = read_all([path])
    assert "Affaires étrangères" in doc.text and doc.language == "fr"


# --- bad inputs: one test per kind ---------------------------------------------------


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "picture.txt"
    rng = random.Random(3)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(500)))
    assert "binary file" in one_error(path).reason


def test_binary_without_magic_number(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    rng = random.Random(4)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(2000)))
    assert "binary" in one_error(path).reason


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert one_error(path).reason == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n\n   \r\n", encoding="utf-8")
    assert "empty article" in one_error(path).reason


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress((ARTICLE * 50).encode("utf-8"))
    path = tmp_path / "story.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated gzip" in one_error(path).reason


def test_complete_gzip_text_reads(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    (doc,), errors = read_all([path])
    assert errors == [] and doc.text == ARTICLE and doc.id == "story"


def test_html_without_body(tmp_path: Path) -> None:
    path = tmp_path / "nobody.html"
    path.write_text("<html><head><title>Talks resume</title></head></html>", encoding="utf-8")
    assert "without an article body" in one_error(path).reason


def test_undecodable_bytes(tmp_path: Path) -> None:
    """UTF-8 text damaged by a stray byte: refusing beats silently garbling every accent."""
    path = tmp_path / "damaged.txt"
    good = "Le ministre a déclaré à Genève que les négociations reprendraient.".encode("utf-8")
    path.write_bytes(good + b"\xff" + good)
    reason = one_error(path).reason
    assert reason.startswith("undecodable bytes") and f"offset {len(good)}" in reason


def test_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE * 10, encoding="utf-8")
    reason = one_error(path, max_bytes=200).reason
    assert "too large" in reason and "200" in reason
    (doc,), _ = read_all([path], max_bytes=10_000)
    assert doc.text == ARTICLE * 10


def test_over_size_limit_after_decompression(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 100_000))
    assert "exceeds limit" in one_error(path, max_bytes=10_000).reason


def _read_as_nobody(paths: list[Path]) -> list[tuple[str, str]]:
    """Run read_inputs in a forked child that has dropped root to 'nobody', so
    file permissions apply (root bypasses them); return (kind, path/reason) pairs."""
    from quotegraph.ingest.langid import identify_language
    from quotegraph.ingest.lexicon import load_lexicon

    load_lexicon(), identify_language("warm the model up before dropping privileges")
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(read_fd)
            os.setgid(65534)
            os.setuid(65534)
            out = [
                ("error", f"{i.path}|{i.reason}") if isinstance(i, InputError) else ("doc", i.id)
                for i in read_inputs(paths)
            ]
            os.write(write_fd, json.dumps(out).encode())
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return [tuple(x) for x in json.loads(data)]


def test_unreadable_permissions() -> None:
    """A file without read permission, read by an unprivileged process (a child
    that drops root when the suite runs as root, since root ignores modes)."""
    folder = Path(tempfile.mkdtemp(prefix="qg-perm-"))
    try:
        folder.chmod(0o755)
        (folder / "open.txt").write_text(ARTICLE, encoding="utf-8")
        locked = folder / "locked.txt"
        locked.write_text(ARTICLE, encoding="utf-8")
        locked.chmod(0o000)
        if os.geteuid() == 0:
            results = _read_as_nobody([folder])
        else:
            results = [
                ("error", f"{i.path}|{i.reason}") if isinstance(i, InputError) else ("doc", i.id)
                for i in read_inputs([folder])
            ]
        assert ("error", f"{locked}|permission denied") in results
        assert ("doc", "open") in results  # the run went on
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A named pipe cannot be read as a file by anyone, root included; reading it would block."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "FIFO" in one_error(fifo).reason


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    assert "broken symbolic link" in one_error(link).reason


def test_missing_path_and_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    docs, errors = read_all([tmp_path / "missing.txt", good])
    assert [d.id for d in docs] == ["good"]
    assert [(e.path, e.reason) for e in errors] == [(str(tmp_path / "missing.txt"), "no such file or directory")]


def test_unsupported_type_given_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert "unsupported file type" in one_error(path).reason


# --- HTML ------------------------------------------------------------------------------


def test_html_title_date_sitename(tmp_path: Path) -> None:
    head = (
        '<meta property="og:site_name" content="The Meridian Post">'
        '<meta property="article:published_time" content="2026-03-04T10:00:00Z">'
    )
    path = tmp_path / "talks.html"
    path.write_text(page("Talks resume in Veskara", HTML_BODY, head), encoding="utf-8")
    (doc,), errors = read_all([path])
    assert errors == []
    assert doc.format == "html" and doc.id == "talks"
    assert doc.title == "Talks resume in Veskara"
    assert doc.outlet == "The Meridian Post"
    assert doc.published == "2026-03-04"
    assert "constructive" in doc.text and "Home" not in doc.text.split("\n")
    assert doc.language == "en"


def test_html_date_is_never_guessed(tmp_path: Path) -> None:
    """No date in the markup: published stays None even though the text mentions years."""
    body = HTML_BODY + "\nThe treaty of 1998 and the accord of 2004 were both cited."
    path = tmp_path / "nodate.html"
    path.write_text(page("Talks resume", body), encoding="utf-8")
    (doc,), _ = read_all([path])
    assert doc.published is None


# --- metadata: sidecar and CSV ----------------------------------------------------------


def test_sidecar_metadata(tmp_path: Path) -> None:
    for name in ("sidecar_story.txt", "sidecar_story.meta.json"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    docs, errors = read_all([tmp_path])
    assert errors == [] and len(docs) == 1  # the .meta.json is not read as an input
    (doc,) = docs
    assert doc.url == "https://lumeria-herald.example/news/protocol-vote"
    assert doc.outlet == "Lumeria Herald"
    assert doc.published == "2026-02-13"
    assert doc.title == "Parliament approves border protocol"


def test_csv_metadata_relative_absolute_and_basename(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        (corpus / name).write_text(ARTICLE, encoding="utf-8")
    csv_path = tmp_path / "meta.csv"
    csv_path.write_text(
        "path,url,outlet,published,title\n"
        "corpus/a.txt,https://x.example/a,Outlet A,2026-01-05,Title A\n"  # relative to the CSV
        f"{corpus / 'b.txt'},,Outlet B,14 February 2026,\n"  # absolute; date in words
        "c.txt,,Outlet C,spring 2026,Title C\n",  # bare name; a date that cannot be pinned down
        encoding="utf-8",
    )
    docs, errors = read_all([corpus], meta_csv=csv_path)
    assert errors == []
    by_id = {d.id: d for d in docs}
    assert (by_id["a"].url, by_id["a"].outlet, by_id["a"].published, by_id["a"].title) == (
        "https://x.example/a", "Outlet A", "2026-01-05", "Title A")
    assert (by_id["b"].outlet, by_id["b"].published) == ("Outlet B", "2026-02-14")
    assert (by_id["c"].outlet, by_id["c"].published, by_id["c"].title) == ("Outlet C", None, "Title C")


def test_sidecar_wins_over_csv(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "s.meta.json").write_text('{"outlet": "From sidecar"}', encoding="utf-8")
    csv_path = tmp_path / "m.csv"
    csv_path.write_text("path,outlet,title\ns.txt,From CSV,CSV title\n", encoding="utf-8")
    (doc,), _ = read_all([tmp_path / "s.txt"], meta_csv=csv_path)
    assert doc.outlet == "From sidecar" and doc.title == "CSV title"


def test_bad_sidecar_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "s.meta.json").write_text("{not json", encoding="utf-8")
    assert "bad sidecar metadata" in one_error(tmp_path / "s.txt").reason


# --- JSONL ------------------------------------------------------------------------------


def test_jsonl_lines_errors_and_exact_text(tmp_path: Path) -> None:
    text_with_crlf = "First paragraph of the story, written for this test.\r\nSecond paragraph follows here."
    lines = [
        json.dumps({"id": "a1", "text": text_with_crlf, "outlet": "Tarvos Gazette", "published": "2026-03-01",
                    "category": "ignored", "url": "https://tg.example/a1"}),
        "{broken json",
        json.dumps({"id": "a3", "text": ""}),
        json.dumps({"text": "no id here, but a sentence long enough to be an article."}),
        "",
        json.dumps({"id": 7, "html": page("Talks resume", HTML_BODY), "title": "Given title"}),
        json.dumps(["not", "an", "object"]),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = read_all([path])
    assert [d.id for d in docs] == ["a1", "7"]
    a1, a7 = docs
    assert a1.text == text_with_crlf and a1.format == "jsonl"
    assert (a1.outlet, a1.published, a1.url, a1.source) == ("Tarvos Gazette", "2026-03-01", "https://tg.example/a1", f"{path}:1")
    assert a7.title == "Given title" and "constructive" in a7.text
    assert [e.path for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:7"]
    assert "invalid JSON" in errors[0].reason
    assert "no 'text' or 'html'" in errors[1].reason
    assert "missing or empty 'id'" in errors[2].reason


def test_jsonl_duplicate_ids_made_unique(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    row = {"id": "same", "text": ARTICLE}
    path.write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n", encoding="utf-8")
    docs, _ = read_all([path])
    assert [d.id for d in docs] == ["same", "same#2"]
    assert docs[0].hash == docs[1].hash == content_hash(ARTICLE)


# --- WARC ---------------------------------------------------------------------------------


def build_warc(gz: bool) -> bytes:
    buf = BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    dated = '<meta property="article:published_time" content="2026-03-02T08:00:00Z">'
    pages = [
        ("https://tg.example/news/1", page("Talks resume in Veskara", HTML_BODY, dated), "text/html; charset=utf-8"),
        ("https://tg.example/logo.png", "\x89PNG fake image", "image/png"),
        ("https://tg.example/news/2", page("Border patrols begin", HTML_BODY.replace("Tuesday", "Friday")), "text/html"),
        ("https://tg.example/news/3", "<html><head><title>Empty</title></head></html>", "text/html"),
    ]
    for uri, body, ctype in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=BytesIO(body.encode("utf-8")), http_headers=http,
            warc_headers_dict={"WARC-Date": "2026-03-05T12:00:00Z"},
        )
        writer.write_record(record)
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_records(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(build_warc(gz))
    docs, errors = read_all([path])
    assert [d.id for d in docs] == ["https://tg.example/news/1", "https://tg.example/news/2"]
    first, second = docs
    assert first.format == "warc" and first.url == "https://tg.example/news/1"
    assert first.published == "2026-03-02"  # the page's own date beats the crawl date
    assert second.published == "2026-03-05"  # no date in the page: WARC-Date
    assert first.title == "Talks resume in Veskara"
    assert [(e.path, "without an article body" in e.reason) for e in errors] == [(f"{path}@https://tg.example/news/3", True)]


@pytest.mark.parametrize("fraction", [0.45, 0.6, 0.97])
def test_truncated_warc(tmp_path: Path, fraction: float) -> None:
    """Cut inside a payload, inside a record header, and just before the end."""
    data = build_warc(False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: int(len(data) * fraction)])
    docs, errors = read_all([path])
    assert len(docs) >= 1  # records before the cut are kept
    assert errors[-1].path == str(path) and "truncated WARC" in errors[-1].reason


def test_truncated_warc_gz(tmp_path: Path) -> None:
    data = build_warc(True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.6)])
    assert "truncated gzip" in one_error(path).reason


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("hello, this is not an archive\n", encoding="utf-8")
    assert "not a WARC" in one_error(path).reason


# --- directories, order, ids, hashes -------------------------------------------------------


def test_directory_recursion_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "deep" / "z.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "y.txt").write_text(ARTICLE.replace("Tuesday", "Monday"), encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "a" / "y.meta.json").write_text('{"outlet": "Y News"}', encoding="utf-8")
    (tmp_path / "top.html").write_text(page("Talks resume", HTML_BODY), encoding="utf-8")
    docs, errors = read_all([tmp_path])
    assert errors == []
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == ["a/y.txt", "b/deep/z.txt", "top.html"]
    assert docs[0].outlet == "Y News"


def test_colliding_stems_get_stable_distinct_ids(tmp_path: Path) -> None:
    for folder in ("north", "south"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "report.html").write_text(page("Talks resume", HTML_BODY), encoding="utf-8")
    first = [d.id for d in read_all([tmp_path])[0]]
    second = [d.id for d in read_all([tmp_path])[0]]
    assert first == second == ["north/report.txt", "report.html", "south/report.txt"]


def test_same_article_twice_same_hash(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "three.txt").write_text(ARTICLE + "One more line.\n", encoding="utf-8")
    docs = {d.id: d for d in read_all([tmp_path])[0]}
    assert docs["one"].hash == docs["two"].hash == content_hash(ARTICLE)
    assert docs["three"].hash != docs["one"].hash
