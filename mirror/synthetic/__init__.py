"""Synthetic sites and landing runs at any size, with ground truth."""
