"""citegraph: spiders."""
