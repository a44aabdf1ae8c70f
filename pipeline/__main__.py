"""``python -m pipeline``: the citegraph command."""

from pipeline.cli import main

main()
