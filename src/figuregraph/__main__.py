"""``python -m figuregraph``: the figuregraph command, for an environment whose scripts folder is not on the path."""

from .cli import main

main()
