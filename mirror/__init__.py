"""citegraph: mirror."""
