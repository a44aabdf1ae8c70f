"""How a crawl's processes run the garbage collector (``spiders.run.long_lived_gc``), in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spiders.run import PARSE_WORKER_YOUNG

CHECK = """
import gc, weakref
import scrapy, spiders.crawlers.pith  # what a crawl holds once it is up
from spiders.run import long_lived_gc

long_lived_gc(young={young})
class Node:
    pass
a, b = Node(), Node()
a.other, b.other = b, a
gone = weakref.ref(a)
del a, b
held = [[i] for i in range(25000)]  # a crawl's young objects: the collections that follow find the cycle
print(gc.get_freeze_count(), gone() is None, gc.get_threshold()[2], gc.get_threshold()[0])
"""


@pytest.mark.parametrize("young", [None, PARSE_WORKER_YOUNG], ids=["event loop", "parse worker"])
def test_long_lived_gc_freezes_what_the_crawl_holds_and_still_frees_new_cycles(young: int | None) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK.format(young=young)],
        cwd=Path(__file__).parents[1],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    frozen, cycle_freed, full_every, young_every = int(out[0]), out[1], int(out[2]), int(out[3])
    assert frozen > 20_000, "Scrapy's and the parsers' objects are out of the collections"
    assert cycle_freed == "True", "a reference cycle made after the freeze is still collected"
    assert full_every == 100
    assert young_every == (young or 700)
