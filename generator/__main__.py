"""`python -m generator`: the same as the `oit` command."""
import sys

from .cli import main

sys.exit(main())
