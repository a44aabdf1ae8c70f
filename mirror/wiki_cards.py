"""Split the seed's glued card texts back into the card fields the wiki serves.

The seed (a text rendering) runs a card's pieces together; the titles below are read off the seed by
hand (they differ from the older context records), the rest is split by rule and then re-rendered and
compared with the seed, so a wrong split fails the mirror build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TYPE_ICONS = {
    "paper": "📄",
    "book": "📚",
    "blog": "✏️",
    "report": "📋",
    "talk": "🎙️",
    "podcast": "🎧",
    "government": "🏛️",
    "reference": "📖",
    "web": "🔗",
}
STAR_LABELS = {5: "Gold", 4: "High", 3: "Good", 2: "Mixed", 1: "Low"}
PUBLICATIONS = (
    "arXiv",
    "OpenAI",
    "Anthropic",
    "Google DeepMind",
    "METR",
    "Alignment Forum",
    "Transformer Circuits",
    "MIRI",
    "Centre for the Governance of AI",
)
SEED_TITLES = {
    "04d39e8bd5d50dd5": "OpenAI Official Homepage",
    "afe2508ac4caf5ee": "Anthropic - AI Safety Company Homepage",
    "0ef9b0fe0f3c92b4": "Google DeepMind Official Homepage",
    "c7ad54b3ace7e27d": "[2309.00667] Taken out of context: On measuring situational awareness in LLMs",
    "1e658bda9f72e89b": "Adaptive Gradient Methods with Dynamic Bound of Learning Rate (AdaBound)",
    "37bfe0d9cbb2271e": "Precautionary Principle",
    "45370a5153534152": "METR: Model Evaluation and Threat Research",
    "103df9c9771e2390": "Another (Outer) Alignment Failure Story",
    "5083d746c2728ff2": "Transformer Circuits Thread",
    "d42c3c74354e7b66": "Causal Scrubbing - Redwood Research",
    "f35c467b353f990f": "GovAI helps decision-makers navigate the transition to a world with advanced AI, by "
    'producing rigorous research and fostering talent." name="description"/><meta '
    'content="GovAI | Home',
}
TAGS = sorted(
    """alignment safety mesa-optimization risk-interactions ai-safety inner-alignment deception
technical-safety capabilities evaluation llm decision-theory governance deployment interpretability
sycophancy training existential-risk policy red-teaming outer-alignment anthropic
mechanistic-interpretability corrigibility x-risk""".split(),
    key=len,
    reverse=True,
)


@dataclass(frozen=True)
class Card:
    """The fields of one hover card, as the page shows them."""

    type: str
    stars: int | None
    publication: str | None
    title: str
    note: str
    authors: str | None
    year: str | None
    citations: str | None
    summary: str
    tags: list[str]
    hidden_tags: int | None


_TAIL = re.compile(
    r"^(?:(?P<authors>.{1,160}?)(?: \((?P<year>\d{4})\)|(?<= et al\.)(?=\d)))?"
    r"(?:(?P<cites>[\d,]+) citations)?(?P<summary>.*?\.\.\.)(?P<tags>[a-z\-]*)(?:\+(?P<hidden>\d+))?$"
)


def split_card(glued: str, title: str) -> Card:
    """Split a glued card text into its fields."""
    kind = next(t for t, icon in TYPE_ICONS.items() if glued.startswith(f"{icon} {t}"))
    rest = glued[len(TYPE_ICONS[kind]) + 1 + len(kind) :]
    stars_m = re.match(r"[★☆]{5}", rest)
    stars = stars_m.group().count("★") if stars_m else None
    rest = rest[5:] if stars_m else rest
    pub = next((p for p in PUBLICATIONS if rest.startswith(p + title)), None)
    rest = rest[len(pub) :] if pub else rest
    assert rest.startswith(title), (title, rest[:80])
    rest = rest[len(title) :]
    note, m = _note_and_tail(rest)
    assert m, rest
    return Card(
        kind,
        stars,
        pub,
        title,
        note,
        m["authors"],
        m["year"],
        m["cites"],
        m["summary"],
        _split_tags(m["tags"]),
        int(m["hidden"]) if m["hidden"] else None,
    )


def _note_and_tail(rest: str) -> tuple[str, re.Match[str]]:
    """The note ends at a glue point (sentence end run into the next piece); prefer one an author line follows."""
    candidates = [g.end() for g in re.finditer(r"[.!?](?=\S)", rest)]
    for end in candidates:
        m = _TAIL.match(rest[end:])
        if m and m["authors"] and all(len(p.split()) <= 4 for p in m["authors"].removesuffix(" et al.").split(",")):
            return rest[:end], m
    end = next(e for e in candidates if re.match(r"[A-Z]", rest[e:]))
    m = _TAIL.match(rest[end:])
    assert m, rest
    return rest[:end], m


def _split_tags(glued: str) -> list[str]:
    tags: list[str] = []
    while glued:
        tag = next(t for t in TAGS if glued.startswith(t))
        tags.append(tag)
        glued = glued[len(tag) :]
    return tags


def card_text(card: Card) -> str:
    """The card as the text rendering shows it (to check a split against the seed)."""
    parts = [
        f"{TYPE_ICONS[card.type]} {card.type}",
        "★" * (card.stars or 0) + "☆" * (5 - card.stars) if card.stars else "",
        card.publication or "",
        card.title,
        card.note,
    ]
    if card.authors is not None:
        parts.append(card.authors + (f" ({card.year})" if card.year else ""))
    parts += [f"{card.citations} citations" if card.citations else "", card.summary, "".join(card.tags)]
    parts.append(f"+{card.hidden_tags}" if card.hidden_tags else "")
    return "".join(parts)
