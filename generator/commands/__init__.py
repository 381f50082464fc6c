"""One module per command of `oit`; each command's function is part of the library API."""
