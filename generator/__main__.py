"""`python -m generator`: the same as the `oit` command."""
from .cli import run

run()
