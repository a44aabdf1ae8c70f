"""Normalisers: identifiers, URLs, LaTeX, reference strings."""
