"""The Typer application objects. Command modules register themselves on these."""
import typer

app = typer.Typer(
    name="quotegraph",
    help="Who said what, when, to whom, reported by whom: attributed statements from news coverage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Benchmarks that print measured figures.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
