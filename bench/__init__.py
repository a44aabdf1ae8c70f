"""citegraph benchmarks."""
