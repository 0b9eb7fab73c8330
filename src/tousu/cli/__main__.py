"""`python -m tousu.cli` runs the command line."""

from tousu.cli.main import app

app(prog_name="tousu")
