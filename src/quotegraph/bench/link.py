"""`quotegraph bench link`: linking time and memory on a synthetic corpus, and
precision/recall on the labelled sample corpus.

The synthetic corpus is generated, not extracted (DocResults written through
the store's writer): people with transliteration variants of their names
(-ian/-yan, -iy/-y, kh/h), surname-only mentions, people sharing a surname,
statements reported by several outlets over a few days (exact repeats,
fragments, reworded variants), background sentences reused across articles,
and reaction sentences; statement words are random common English words. Each link run happens in a separate process so its
peak memory (ru_maxrss) is its own.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from ..records import Document, DocResult, Quote, Span, Speaker

GIVEN = ["Nikol", "Maria", "Ilham", "Sergei", "Dmitriy", "Anna", "Tigran", "Lilit", "Arsen", "Olga", "Mikhail",
         "Elnur", "Vartan", "Yuriy", "Gegham", "Ararat", "Jeyhun", "Hikmet", "Lusine", "Artur"]
STEMS = ["Pashin", "Hakob", "Abraham", "Minas", "Stepan", "Oskan", "Mirzo", "Sahak", "Ghukas", "Galust", "Karap",
         "Zakhar", "Galuz", "Khovay", "Bayram", "Aliy", "Lavr", "Peskov", "Zatul", "Kocharl", "Toros", "Vardan",
         "Simon", "Grigor", "Petros", "Harut", "Avetis", "Melikh", "Tevos", "Sarkis"]
OUTLETS = ["Wire A", "Herald B", "Radio C", "Daily D", "Post E", "Agency F", "Times G", "News H"]
ORGS = ["Foreign Ministry", "Defence Ministry", "Security Council", "Border Service", "Central Bank"]
COUNTRIES = ["Russian", "Azerbaijani", "Armenian", "Georgian", "Turkish", "Iranian"]


def _variants(stem: str, i: int) -> tuple[str, str]:
    """Two spellings of one surname, as two romanisations would give them."""
    if i % 3 == 0:
        return stem + "ian", stem + "yan"
    if i % 3 == 1:
        return stem + "ev", stem.replace("y", "") + "ev"
    return stem + "ova", stem.replace("kh", "h") + "ova"


def word_vocabulary(n: int) -> list[str]:
    """The first n English words of the packaged MiniLM tokenizer's vocabulary
    (roughly by frequency), without stop words and reaction-verb forms.

    Quote texts are drawn uniformly from these, so their word statistics are
    those of random words as before; but each is one word piece, as news words
    mostly are, where the former made-up tokens ("w574c") cost the model about
    3.5 pieces each (a 20-word quote: ~70 tokens vs ~20), which made the
    benchmark's embedding time about three times that of real quotes.
    Reaction verbs are left out so random quote text does not trigger the
    reaction parser.
    """
    from ..link.embed import model_dir
    from ..link.reactions import _PREFILTER
    from ..link.statements import STOPWORDS

    words: list[str] = []
    with open(os.path.join(model_dir(), "vocab.txt"), encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w.isascii() and w.isalpha() and w.islower() and len(w) >= 3 and w not in STOPWORDS and not _PREFILTER.search(w):
                words.append(w)
                if len(words) == n:
                    break
    return words


class Synth:
    def __init__(self, seed: int = 7, people: int = 20_000, span: int = 100_000) -> None:
        self.span = span  # documents spread evenly over one year
        self.rng = random.Random(seed)
        rng = self.rng
        self.vocab = word_vocabulary(6000)
        self.people = []
        for i in range(people):
            stem = STEMS[i % len(STEMS)] + ("" if i < len(STEMS) else chr(97 + (i // len(STEMS)) % 26) + chr(97 + (i // 780) % 26))
            a, b = _variants(stem, i)
            given = GIVEN[(i * 7 + i // 30) % len(GIVEN)]
            self.people.append((given, a, b, rng.choice(COUNTRIES) + " " + rng.choice(["minister", "spokeswoman", "MP", "envoy"])))
        self.background = [" ".join(rng.choices(self.vocab, k=18)).capitalize() + "." for _ in range(300)]
        self.statements: list[tuple[int, str, date]] = []  # (person, words, date)
        self.start = date(2024, 1, 1)

    def _statement(self, day: date) -> tuple[int, str, date]:
        rng = self.rng
        if self.statements and rng.random() < 0.6:
            cand = self.statements[-rng.randint(1, min(len(self.statements), 3000))]
            if abs((cand[2] - day).days) <= 5:
                return cand
        # a few people speak far more often than the rest (heavy hitters), as in news
        person = min(int(rng.paretovariate(1.1)) - 1, len(self.people) - 1) if rng.random() < 0.2 else rng.randrange(len(self.people))
        st = (person, " ".join(rng.choices(self.vocab, k=rng.randint(12, 30))), day)
        self.statements.append(st)
        return st

    def _report_text(self, words: str) -> str:
        rng = self.rng
        r = rng.random()
        toks = words.split()
        if r < 0.15:  # fragment of the longer quote
            k = max(6, len(toks) // 2)
            i = rng.randrange(0, len(toks) - k + 1)
            toks = toks[i : i + k]
        elif r < 0.25:  # reworded (another translation): a third of the words change
            toks = [rng.choice(self.vocab) if rng.random() < 0.3 else t for t in toks]
        return " ".join(toks)

    def document(self, n: int) -> DocResult:
        rng = self.rng
        day = self.start + timedelta(days=n * 365 // self.span % 365)
        outlet = rng.choice(OUTLETS)
        parts: list[str] = []
        quotes: list[Quote] = []
        speakers: dict[str, Speaker] = {}
        pos = 0

        def add(text: str) -> int:
            nonlocal pos
            parts.append(text)
            start = pos
            pos += len(text) + 1
            return start

        if rng.random() < 0.5:
            add(rng.choice(self.background))
        names: list[str] = []
        for k in range(rng.randint(2, 4)):
            person, words, _ = self._statement(day)
            given, a, b, role = self.people[person]
            r = rng.random()
            name = f"{given} {a}" if r < 0.45 else (f"{given} {b}" if r < 0.8 else a)
            sid = f"s{k}"
            if sid in speakers:
                continue
            speakers[sid] = Speaker(sid, name, "PERSON", role if rng.random() < 0.5 else None)
            names.append(name)
            text = self._report_text(words)
            lead = f"{name} said: “"
            start = add(lead + text + "”") + len(lead)
            quotes.append(Quote(f"q{k}", "direct", [Span(start, start + len(text), text)], speaker=speakers[sid]))
        if rng.random() < 0.3:
            org = f"{rng.choice(COUNTRIES)} {rng.choice(ORGS)}"
            speakers["o"] = Speaker("o", org, "ORG")
            text = " ".join(rng.choices(self.vocab, k=15))
            start = add(f"The {org} said that " + text + ".") + len(f"The {org} said that ")
            quotes.append(Quote("qo", "indirect", [Span(start, start + len(text), text)], speaker=speakers["o"]))
        if len(names) >= 2 and rng.random() < 0.03:
            add(f"{names[1]} deplored {names[0].split()[-1]}'s comments.")
        if rng.random() < 0.3:
            add(rng.choice(self.background))
        text = "\n".join(parts)
        doc = Document(id=f"syn-{n:07d}", source="synthetic", text=text, outlet=outlet, published=day.isoformat())
        return DocResult(document=doc, quotes=quotes, speakers=speakers)


def _write(db: Path, synth: Synth, first: int, count: int, console: Console) -> float:
    from ..store.schema import connect
    from ..store.writer import write_results

    conn = connect(db)
    t = time.perf_counter()
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(f"writing {count} synthetic documents", total=count)
        for i, _ in enumerate(write_results(conn, (synth.document(n) for n in range(first, first + count)), batch_size=1000)):
            if i % 1000 == 0:
                bar.update(task, completed=i)
    conn.close()
    return time.perf_counter() - t


_CHILD = """
import json, resource, sys, time
from quotegraph.store.schema import connect
from quotegraph.link.pipeline import run_link
conn = connect(sys.argv[1])
t = time.perf_counter()
s = run_link(conn, full=sys.argv[2] == "full")
ru = resource.getrusage(resource.RUSAGE_SELF)
rc = resource.getrusage(resource.RUSAGE_CHILDREN)  # embedding workers (largest one's peak)
print(json.dumps({"seconds": time.perf_counter() - t, "cpu_seconds": ru.ru_utime + ru.ru_stime + rc.ru_utime + rc.ru_stime,
                  "peak_rss_mb": ru.ru_maxrss / 1024, "worker_peak_rss_mb": rc.ru_maxrss / 1024,
                  "documents": s.documents, "quotes": s.quotes, "speakers": s.speakers, "blocks": s.blocks,
                  "statements_touched": s.statements_touched, "reused": s.reused_passages, "reactions": s.reactions,
                  "embedded": s.embedded_texts, "stages": s.seconds}))
"""


def _link_in_child(db: Path, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(db), mode], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"link run failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _workers(run: dict) -> str:
    mb = run.get("worker_peak_rss_mb", 0)
    return f"embedding workers up to {mb:.0f} MB each" if mb > 1 else "no embedding workers"


def labelled_scores(samples: Path) -> dict:
    """Pairwise P/R of speaker merges and statement clusters on samples/gold.json."""
    from ..store.schema import connect
    from ..store.writer import write_results
    from ..evaluate.linking import build_labelled_set, pairwise_scores
    from ..link.pipeline import run_link

    ls = build_labelled_set(samples)
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "labelled.db")
        list(write_results(conn, ls.results))
        run_link(conn, full=True)
        spk = {(r[0], r[1]): r[2] for r in conn.execute("SELECT doc_id, local_id, speaker_id FROM link_mentions")}
        st = {(r[0], r[1]): r[2] for r in conn.execute("SELECT doc_id, quote_id, statement_id FROM link_reports")}
        conn.close()
    sp, sr, npred, ngold = pairwise_scores(ls.gold_speaker, spk)
    cp, cr, cpred, cgold = pairwise_scores(ls.gold_cluster, st)
    hits = sum(st.get(a) is not None and st.get(a) == st.get(b) for a, b in ls.utterance_pairs)
    return {"speaker_precision": sp, "speaker_recall": sr, "speaker_pairs_pred": npred, "speaker_pairs_gold": ngold,
            "statement_precision_vs_events": cp, "statement_recall_vs_events": cr, "statement_pairs_pred": cpred,
            "utterance_pairs_found": hits, "utterance_pairs": len(ls.utterance_pairs)}


def _stored_documents(db: Path) -> int:
    from ..store.schema import connect

    if not db.exists():
        return 0
    conn = connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def run_bench(docs: int, add: int, workdir: Path | None, console: Console, reuse: bool = False) -> None:
    root = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="qg-bench-link-"))
    root.mkdir(parents=True, exist_ok=True)
    db = root / "bench-link.db"
    synth = Synth(span=docs)
    if reuse and _stored_documents(db) == docs:
        # The same generator state as when the corpus was written, so the added
        # documents continue its statements.
        for n in range(docs):
            synth.document(n)
        console.print(f"reusing the {docs} synthetic documents already in {db}")
        _link_and_report(db, synth, docs, add, console, None)
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    _link_and_report(db, synth, docs, add, console, 0.0)


def _link_and_report(db: Path, synth: "Synth", docs: int, add: int, console: Console, t_write: float | None) -> None:
    import os

    console.print(f"synthetic corpus: {docs} documents + {add} incremental, database {db}; "
                  f"load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if t_write is not None:
        t_write = _write(db, synth, 0, docs, console)
        console.print(f"  written in {t_write:.1f} s (store writer, not part of the link figures)")
    full = _link_in_child(db, "full")
    console.print(f"full link:        {full['seconds']:.1f} s wall ({full['cpu_seconds']:.1f} s CPU), peak RSS {full['peak_rss_mb']:.0f} MB "
                  f"+ {_workers(full)} "
                  f"({full['documents']} docs, {full['quotes']} quotes, {full['speakers']} speakers, "
                  f"{full['reused']} reused passages, {full['reactions']} reactions, {full['embedded']} texts embedded) "
                  f"stages {full['stages']}  [target <= 600 s]")
    _write(db, synth, docs, add, console)
    inc = _link_in_child(db, "incremental")
    console.print(f"incremental link: {inc['seconds']:.1f} s wall ({inc['cpu_seconds']:.1f} s CPU), peak RSS {inc['peak_rss_mb']:.0f} MB "
                  f"+ {_workers(inc)} "
                  f"({inc['documents']} new docs, {inc['quotes']} quotes, {inc['blocks']} blocks re-decided, "
                  f"{inc['statements_touched']} statements updated, {inc['embedded']} texts embedded) "
                  f"stages {inc['stages']}  [target <= 30 s]")
    samples = Path(__file__).resolve().parents[3] / "samples"
    if (samples / "gold.json").exists():
        s = labelled_scores(samples)
        console.print(
            f"labelled set (samples/gold.json): speaker merges P={s['speaker_precision']:.3f} R={s['speaker_recall']:.3f} "
            f"({s['speaker_pairs_pred']} predicted / {s['speaker_pairs_gold']} gold pairs); statement clusters "
            f"P={s['statement_precision_vs_events']:.3f} vs speech-event labels ({s['statement_pairs_pred']} predicted pairs; "
            f"event recall {s['statement_recall_vs_events']:.3f} is low by design: an event holds many utterances); "
            f"utterance pairs (translations, syndicated) found {s['utterance_pairs_found']}/{s['utterance_pairs']}")
    else:
        console.print(f"labelled set: {samples}/gold.json not found, skipped")
