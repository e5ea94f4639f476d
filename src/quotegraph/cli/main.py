"""Entry point: imports every command module so each registers its commands."""
from __future__ import annotations

from .app import app

# Each module owns the commands of one part of the data flow.
from . import extract_cmds  # noqa: F401,E402  extract, bench ingest
from . import nlp_cmds  # noqa: F401,E402  eval, train, bench extract
from . import store_cmds  # noqa: F401,E402  ingest, quotes, speakers, show, stats, export, bench store
from . import train_cmds  # noqa: F401,E402  train-tagger, tagger-eval, bench tagger
from . import web_cmds  # noqa: F401,E402  serve, bench web
from . import link_cmds  # noqa: F401,E402  link, statements, reactions, speakers-edit, bench link
from . import report_cmds  # noqa: F401,E402  timeline
from . import demo_cmds  # noqa: F401,E402  demo
from . import scale_cmds  # noqa: F401,E402  load, bench scale (Ray engine)
from . import follow_cmds  # noqa: F401,E402  fetch, watch, alerts, bench watch
from . import narrative_cmds  # noqa: F401,E402  topics, framing, alignment, echoes, claims
from . import audit_cmds  # noqa: F401,E402  audit-speakers
from . import labels_cmds  # noqa: F401,E402  check-labels, eval-labels


def run() -> None:
    app()


if __name__ == "__main__":
    run()
