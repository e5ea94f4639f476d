"""`quotegraph audit-speakers`: speaker names a reader would correct, counted on real articles."""
from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ..records import DocResult, InputError
from .app import app

console = Console(width=160)


@app.command("audit-speakers")
def audit_speakers_command(
    inputs: list[Path] = typer.Argument(..., exists=True, help="Articles (any input extract reads)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N documents."),
    show: int = typer.Option(30, "--show", help="Offending examples listed per check."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts and every offence as one JSON object."),
) -> None:
    """Extract the articles and count surname speakers whose full name the same
    document gives, time expressions as speakers, doubled names, clauses in names and role debris,
    listing offending examples by document id (targets: 0 each)."""
    from ..engine import process
    from ..evaluate.speakers import audit_document, SpeakerAudit

    audit = SpeakerAudit()
    failed = 0
    for item in itertools.islice(process(inputs), limit):
        if isinstance(item, InputError):
            failed += 1
            console.print(f"error: {item}", markup=False, highlight=False, soft_wrap=True)
            continue
        assert isinstance(item, DocResult)
        audit_document(item, audit)
    checks = {
        "surname speaker named in full in the same document": audit.surname_named_in_full,
        "(not counted) organisation speaker the document calls one, sharing a surname":
            audit.organisations_sharing_surname,
        "(not counted) courtesy title of the other gender than the full name with the surname":
            audit.titled_other_gender,
        "time expression as speaker": audit.time_expressions,
        "doubled name": audit.doubled_names,
        "clause in the speaker name": audit.clause_names,
        "(not counted) a list or a number with commas in the speaker name": audit.comma_noun_phrases,
        "role with debris": audit.role_debris,
    }
    if as_json:
        print(json.dumps({"counts": audit.counts(), "failed": failed,
                          "offences": {k: [str(o) for o in v] for k, v in checks.items()}}))
        raise typer.Exit(1 if failed else 0)
    counts = audit.counts()
    console.print(f"documents {counts['documents']}  quotes {counts['quotes']}  with a speaker {counts['with_speaker']}"
                  f"  inputs failed {failed}")
    for title, offences in checks.items():
        extra = f"  (document names several people with the surname: {audit.ambiguous})" \
            if offences is audit.surname_named_in_full else ""
        console.print(f"[bold]{title}: {len(offences)}[/bold]{extra}")
        for o in offences[:show]:
            console.print(f"  {o}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1 if failed else 0)
