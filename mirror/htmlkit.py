"""Tiny HTML writing helpers shared by the mirror builders and the synthetic site generator."""

from __future__ import annotations

import uuid
from html import escape


def esc(text: str) -> str:
    """Escape text for an HTML text node or attribute."""
    return escape(text, quote=True)


def tag(name: str, content: str = "", **attrs: str | None) -> str:
    """One element; attribute names ending in ``_`` lose it (``class_`` -> ``class``)."""
    rendered = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items() if v is not None)
    return f"<{name}{rendered}>{content}</{name}>"


def page(title: str, canonical: str, body: str, lang: str = "en") -> str:
    """A whole HTML document."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title>"
        f'<link rel="canonical" href="{esc(canonical)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"</head>\n<body>{body}</body></html>\n"
    )


def placeholder_uuid(name: str) -> str:
    """A stable, clearly documented placeholder uuid v4 for a hub whose real uuid is unknown."""
    raw = bytearray(uuid.uuid5(uuid.NAMESPACE_URL, "citegraph-mirror:" + name).bytes)
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))
