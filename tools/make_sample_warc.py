"""Build samples/warc/northwind-radio.warc.gz: two fictional Northwind Radio pages as
WARC response records (plus their request records), for the bundled sample corpus.

Deterministic: record ids, WARC dates and HTTP dates are fixed, and gzip members
carry no timestamp, so running it twice gives the same bytes (the committed file
must be reproducible). Run from the repository root:

    .venv/bin/python tools/make_sample_warc.py [OUT.warc.gz]
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "samples" / "warc" / "northwind-radio.warc.gz"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Northwind Radio</title>
<meta property="og:site_name" content="Northwind Radio">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{published}T{time}+00:00">
<meta name="date" content="{published}">
</head>
<body>
<div class="cookie-notice"><p>Northwind Radio uses cookies to improve your experience. <a href="/cookies">Find out more</a>.</p><button>OK</button></div>
<header>
<a class="brand" href="/">Northwind Radio</a>
<nav><a href="/news">News</a> | <a href="/ostrel">Ostrel Valley crisis</a> | <a href="/listen">Listen live</a> | <a href="/podcasts">Podcasts</a> | <a href="/languages">Other languages</a></nav>
</header>
<main>
<article>
<h1>{title}</h1>
<div class="meta">Northwind Radio newsroom · <time datetime="{published}T{time}+00:00">{human_date}</time></div>
{body}
<section class="more"><h2>More from Northwind Radio</h2><ul><li><a href="/ostrel">All coverage of the Ostrel Valley crisis</a></li></ul></section>
</article>
</main>
<footer><p>© 2025 Northwind Radio. All rights reserved.</p><p><a href="/terms">Terms of use</a> · <a href="/privacy">Privacy</a> · <a href="/contact">Contact the newsroom</a></p></footer>
</body>
</html>
"""

ARTICLES = [
    {
        "url": "https://northwindradio.example/news/2025/03/07/halvari-no-concessions",
        "record_id": "<urn:uuid:6d1c2a52-0000-4000-8000-000000000001>",
        "request_id": "<urn:uuid:6d1c2a52-0000-4000-8000-000000000002>",
        "warc_date": "2025-03-07T15:30:00Z",
        "http_date": "Fri, 07 Mar 2025 15:30:00 GMT",
        "published": "2025-03-07",
        "time": "14:10:00",
        "human_date": "7 March 2025",
        "title": "Velmoran minister: ‘We will not trade our deputies for concessions’",
        "paragraphs": [
            "Velmora will not make territorial concessions in exchange for the release of four lawmakers held in Dravenia, Foreign Minister Teodor Halvari said on Friday.",
            "‘We will not trade our deputies for a single metre of the Ostrel Valley’, Halvari said in an interview with Northwind Radio. ‘Nobody in Ulmsk should expect that.’",
            "The minister said that his government had asked the Continental Security Forum to send an envoy to the region, and that Kessary expected an answer ‘within days’.",
            "Halvari rejected accusations by opposition lawmaker Ilse Tessaro that the government had done too little to bring the deputies home. ‘I understand her anger. But diplomacy done on television is not diplomacy’, he said.",
            "Asked about the comments of Dravenian Deputy Foreign Minister Arsen Makaryan, who said on Thursday that the deputies had ignored two signals to stop, the minister called the account ‘a fairy tale written after the fact’.",
            "Earlier this week, the Dravenian Foreign Ministry said the deputies had crossed the border without notification and would be freed once an investigation was completed.",
        ],
    },
    {
        "url": "https://northwindradio.example/news/2025/03/13/eight-days-at-the-sennet-pass",
        "record_id": "<urn:uuid:6d1c2a52-0000-4000-8000-000000000003>",
        "request_id": "<urn:uuid:6d1c2a52-0000-4000-8000-000000000004>",
        "warc_date": "2025-03-13T19:45:00Z",
        "http_date": "Thu, 13 Mar 2025 19:45:00 GMT",
        "published": "2025-03-13",
        "time": "18:20:00",
        "human_date": "13 March 2025",
        "title": "Analysis: Eight days at the Sennet Pass",
        "paragraphs": [
            "Velmora’s foreign minister, Teodor Halvari, on Wednesday deplored remarks by Dravenian Foreign Ministry spokeswoman Marta Kelnik that ‘nobody will apologise’ for the detention of four Velmoran lawmakers, calling them ‘a message to every traveller on the Ostrel road’.",
            "‘Eight days is not a document check. Eight days is a message’, the minister said. ‘We heard it, and so did everyone else in the region.’",
            "The Velmoran Foreign Ministry said on Thursday that it had formally asked the Continental Security Forum to examine the case.",
            "Dravenian Deputy Foreign Minister Arsen Makaryan told Northwind Radio that Ulmsk would ‘cooperate with any serious inquiry’ but would not accept ‘a court of public opinion’.",
            "Markus Lehtovaara, who led the delegation, said the deputies would present a report to the National Assembly. Asked whether he regretted the trip, he said: ‘No. The road is ours to drive.’",
            "Opposition deputy Ilse Tessaro said in an interview with Northwind Radio that she would ask for parliamentary hearings on the handling of the crisis. Tessaro said she had warned the minister in February that the pass would become a trap.",
        ],
    },
]


def render(article: dict) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in article["paragraphs"])
    html = PAGE.format(body=body, **{k: v for k, v in article.items() if k != "paragraphs"})
    return html.encode("utf-8")


def write_warc(out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for art in ARTICLES:
            payload = render(art)
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Date", art["http_date"]),
                    ("Content-Length", str(len(payload))),
                ],
                protocol="HTTP/1.1",
            )
            response = writer.create_warc_record(
                art["url"],
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Record-ID": art["record_id"], "WARC-Date": art["warc_date"]},
            )
            request_headers = StatusAndHeaders(
                "GET " + art["url"].split("northwindradio.example", 1)[1] + " HTTP/1.1",
                [("Host", "northwindradio.example"), ("User-Agent", "quotegraph-sample-builder/1.0")],
                is_http_request=True,
            )
            request = writer.create_warc_record(
                art["url"],
                "request",
                http_headers=request_headers,
                warc_headers_dict={
                    "WARC-Record-ID": art["request_id"],
                    "WARC-Date": art["warc_date"],
                    "WARC-Concurrent-To": art["record_id"],
                },
            )
            writer.write_record(response)
            writer.write_record(request)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    write_warc(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
