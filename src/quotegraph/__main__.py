from quotegraph.cli.main import run

run()
