"""Generated DocResults for the store benchmark (generated, not extracted).

Sentences come from the sample corpus when one is given (so word frequencies
and lengths look like the real input), otherwise from a small generated
vocabulary. Speakers follow a Zipf-like distribution (a few speakers are
quoted very often, most rarely), as in news coverage.
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..records import DocResult, Document, Quote, Span, Speaker

_FIRST = ("Anna Boris Carla Dmitri Elena Farid Greta Hovik Irina Jonas Karen Lilit Mikhail Nadia Oskar Petra "
          "Ruben Sofia Tigran Ulla Viktor Wanda Xenia Yuri Zara Armen Bella Cyrus Dana Emil Fiona Gor Hana "
          "Ivan Jana Kamo Lena Marat Nora Otto Pavel Rosa Samvel Tanya Umar Vera Wilhelm Yana Zurab Alina "
          "Bogdan Celine Davit Edita Filip Gayane Henrik Inga Jakob Katya").split()
_LAST = ("Abrahamian Baranova Castellan Demirova Eriksen Fedorov Grigoryan Hakobian Ivanova Jansen Karapetyan "
         "Lindqvist Minasian Novak Orlova Petrosyan Quintero Rostova Sargsyan Tamm Ulyanov Vardanyan Weiss "
         "Yilmaz Zakharyan Aliyev Bergstrom Chernova Dallakyan Esposito Fischer Gasparyan Hovsepyan Ilves "
         "Jovanovic Kowalski Lazarev Markaryan Nazarova Olsen Pogosyan Ramirez Simonyan Toivonen Urbanek "
         "Voskanyan Wojcik Yeremenko Zeynalova Antonov Bagdasarian Cerny Durand Egorova Faber Galstyan "
         "Harutyunyan Isaeva Juhasz Kovacs Lopez Melikyan Nikolaev Ozturk Popescu Rinaldi Sokolova "
         "Tsaturyan Unger Vasquez Wagner Yakovleva Zohrabyan").split()
_ROLES = ("foreign minister", "spokeswoman", "spokesman", "member of parliament", "deputy minister",
          "party leader", "ambassador", "analyst", "mayor", "prime minister", "human rights defender",
          "security council secretary", "opposition lawmaker", "governor", "press secretary")
_OUTLET_WORDS = ("Daily Times Herald Courier Post Gazette Observer Telegraph Chronicle Review Monitor "
                 "Tribune Journal Dispatch Mirror Express Report Bulletin Sentinel Ledger").split()
_GENERATED_WORDS = (
    "government security border agreement talks peace region return residents refugees conflict ministry "
    "statement officials parliament opposition party election vote budget reform energy gas pipeline trade "
    "sanctions troops ceasefire negotiations delegation summit president minister spokesperson journalists "
    "villages homes roads schools water prices inflation economy investment court ruling law protest rally "
    "police arrest human rights international community mediation guarantees treaty withdrawal monitoring "
    "mission observers humanitarian aid convoy corridor crossing checkpoint displaced families winter shelter "
    "hospital doctors teachers students farmers workers pensions salaries taxes customs exports imports "
    "railway airport harbor bridge reconstruction demining tensions escalation provocation accusations "
    "response warning demand proposal compromise deadline meeting visit capital neighbours partners allies"
).split()
_BOILERPLATE = ("Home | World | Politics | Economy | Culture\nXS SM MD LG\n",
                "Share this article\nRelated Articles\n",
                "Comments are moderated. Please keep the discussion civil.\n")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


def _sample_sentences(samples: Path | None, limit: int = 20_000) -> list[str]:
    """Sentences (20-300 characters) from .txt and .jsonl files under ``samples``."""
    if samples is None or not samples.exists():
        return []
    sentences: list[str] = []
    for file in sorted(samples.rglob("*")):
        if not file.is_file():
            continue
        texts: list[str] = []
        try:
            if file.suffix == ".txt":
                texts.append(file.read_text(encoding="utf-8", errors="replace"))
            elif file.suffix == ".jsonl":
                for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
                    try:
                        value = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(value, dict) and isinstance(value.get("text"), str):
                        texts.append(value["text"])
        except OSError:
            continue
        for text in texts:
            for sentence in _SENTENCE_SPLIT.split(" ".join(text.split())):
                # Quotation marks inside a sentence would blur the generated quote spans.
                if 20 <= len(sentence) <= 300 and not any(m in sentence for m in "\"“”«»"):
                    sentences.append(sentence.rstrip(".!?"))
        if len(sentences) >= limit:
            break
    return sentences


def _generated_sentences(rng: random.Random, count: int = 5_000) -> list[str]:
    words = _GENERATED_WORDS
    out = []
    for _ in range(count):
        n = rng.randint(8, 24)
        sentence = " ".join(rng.choice(words) for _ in range(n))
        out.append(sentence[0].upper() + sentence[1:])
    return out


def _spliced(sentences: list[str], rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        head, tail = rng.choice(sentences).split(), rng.choice(sentences).split()
        cut_head, cut_tail = rng.randint(2, max(2, len(head) - 1)), rng.randint(1, max(1, len(tail) - 2))
        out.append(" ".join(head[:cut_head] + tail[cut_tail:]))
    return out


@dataclass
class SyntheticCorpus:
    """Everything needed to generate documents and to pick realistic queries."""

    sentences: list[str]
    speakers: list[tuple[str, str, str]]  # (name, type, role)
    speaker_weights: list[float]
    outlets: list[str]
    modelled_on: str
    words: list[str] = field(default_factory=list)


def build_corpus_model(samples: Path | None, n_speakers: int, seed: int) -> SyntheticCorpus:
    rng = random.Random(seed)
    sentences = _sample_sentences(samples)
    modelled_on = f"{len(sentences)} sentences from {samples}" if sentences else "generated vocabulary"
    if len(sentences) < 50:
        sentences = _generated_sentences(rng)
        modelled_on = "generated vocabulary (no sample corpus found)"
    elif len(sentences) < 5_000:
        # A small sample repeats itself too much for a million quotes: splice
        # sentence halves so text and index sizes look like a varied corpus.
        sentences = sentences + _spliced(sentences, rng, 5_000 - len(sentences))
        modelled_on += f", recombined to {len(sentences):,}"
    names: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    while len(names) < n_speakers:
        if len(seen) >= len(_FIRST) * len(_LAST):
            # More speakers than name pairs: add a middle initial.
            name = f"{rng.choice(_FIRST)} {chr(65 + rng.randrange(26))}. {rng.choice(_LAST)}"
        else:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name in seen:
            continue
        seen.add(name)
        names.append((name, "PERSON", rng.choice(_ROLES)))
    # Zipf-like: the speaker of rank r is quoted about 1/r^0.9 as often as the first.
    weights = [1.0 / (rank ** 0.9) for rank in range(1, n_speakers + 1)]
    outlets = sorted({f"The {a} {b}" for a in _OUTLET_WORDS for b in _OUTLET_WORDS if a != b})
    rng.shuffle(outlets)
    words = sorted({w.lower() for s in sentences for w in re.findall(r"[A-Za-z]{4,}", s)})
    return SyntheticCorpus(sentences, names, weights, outlets[:40], modelled_on, words)


def generate_results(model: SyntheticCorpus, docs: int, quotes: int, seed: int) -> Iterator[DocResult]:
    """``docs`` DocResults holding ``quotes`` quotes in all, with exact offsets."""
    rng = random.Random(seed + 1)
    start_day = date(2022, 1, 1)
    base, extra = divmod(quotes, docs)
    extra_docs = set(rng.sample(range(docs), extra)) if extra else set()
    speaker_pick = rng.choices  # bound once: called a million times
    for index in range(docs):
        n_quotes = base + (1 if index in extra_docs else 0)
        published = (start_day + timedelta(days=rng.randrange(1000))).isoformat()
        outlet = model.outlets[index % len(model.outlets)]
        chosen = speaker_pick(model.speakers, weights=model.speaker_weights, k=n_quotes) if n_quotes else []
        yield _document(index, n_quotes, chosen, published, outlet, model, rng)


def _document(index, n_quotes, chosen, published, outlet, model: SyntheticCorpus, rng: random.Random) -> DocResult:
    parts: list[str] = []
    length = 0

    def add(piece: str) -> tuple[int, int]:
        nonlocal length
        start = length
        parts.append(piece)
        length += len(piece)
        return start, length

    boilerplate = [add(rng.choice(_BOILERPLATE))]
    add(rng.choice(model.sentences) + ". " + rng.choice(model.sentences) + ".\n")
    local: dict[str, Speaker] = {}
    local_ids: dict[str, str] = {}
    mentions: dict[str, list[Span]] = {}
    quote_records: list[tuple] = []
    for q in range(n_quotes):
        name, type_, role = chosen[q]
        local_id = local_ids.setdefault(name, f"s{len(local_ids) + 1}")
        local.setdefault(local_id, Speaker(local_id, name, type_, role))
        content_text = rng.choice(model.sentences)
        if rng.random() < 0.4:
            add("“")
            content = add(content_text)
            add(",” ")
            source = add(name)
            add(", the " + role + ", ")
            cue = add("said")
            add(".\n")
            kind = "direct"
        else:
            source = add(name)
            add(" ")
            cue = add(rng.choice(("said", "told reporters", "stressed", "argued")))
            add(" ")
            content = add("that " + content_text[0].lower() + content_text[1:])
            add(".\n")
            kind = "indirect"
        quote_records.append((q, kind, content, cue, source, local_id))
        if rng.random() < 0.5:
            add(rng.choice(model.sentences) + ".\n")
    boilerplate.append(add(rng.choice(_BOILERPLATE)))
    text = "".join(parts)
    quotes = []
    for q, kind, content, cue, source, local_id in quote_records:
        source_span = Span.of(text, *source)
        mentions.setdefault(local_id, []).append(source_span)
        quotes.append(Quote(
            id=f"q{q + 1}", kind=kind, contents=[Span.of(text, *content)], cue=Span.of(text, *cue),
            sources=[source_span], speaker=local[local_id], confidence=round(rng.uniform(0.5, 0.99), 2),
            extra={"said_on": None} if rng.random() < 0.5 else {},
        ))
    doc = Document(
        id=f"syn-{index:07d}", source=f"synthetic/{index:07d}.txt", text=text, url=f"https://example.org/{index}",
        outlet=outlet, published=published, language="en", title=model.sentences[index % len(model.sentences)][:80],
        boilerplate=[Span.of(text, *b) for b in boilerplate], format="txt",
    )
    return DocResult(document=doc, quotes=quotes, speakers=local, mentions=mentions)
