"""citegraph: warehouse."""
