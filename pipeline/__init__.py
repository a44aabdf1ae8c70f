"""citegraph: pipeline."""
