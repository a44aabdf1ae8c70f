"""citegraph is pure Python but for four optional extensions: the compiled block renderer
(``spiders/pages/_render.pyx``, a port of ``spiders.pages.blocks._Renderer`` that walks libxml2's nodes in C),
``spiders/records/_slots.pyx`` (a record's fields set in C), ``spiders/normalize/_scan.pyx`` (the reference
parser as character loops) and ``spiders/pages/_lists.pyx`` (a page's lists as C loops); ``spiders/_cslots.pxd``
holds what three of them share (slots read and written at their offsets). Without a
C compiler the build warns and goes on, and the parsers use their Python paths: same blocks, same records. The
same holds for a Cython that cannot translate one of them (``optional`` covers only the C compile, which comes
after)."""

from __future__ import annotations

import warnings
from pathlib import Path

import lxml
from Cython.Build import cythonize
from setuptools import Extension, setup

EXTENSIONS = [
    Extension("spiders.pages._render", ["spiders/pages/_render.pyx"], include_dirs=lxml.get_include(), optional=True),
    Extension("spiders.records._slots", ["spiders/records/_slots.pyx"], optional=True),
    Extension("spiders.normalize._scan", ["spiders/normalize/_scan.pyx"], optional=True),
    Extension("spiders.pages._lists", ["spiders/pages/_lists.pyx"], optional=True),
]


def translated(extension: Extension) -> list[Extension]:
    """The extension translated to C by Cython, or none (with a warning) when Cython cannot."""
    try:
        return list(cythonize([extension], language_level=3, quiet=True))
    except Exception as exc:  # Cython's CompileError and whatever else stops the translation
        reason = f"{type(exc).__name__}: {exc}"
        warnings.warn(f"{extension.name} not compiled ({reason}); its pure-Python path is used", stacklevel=2)
        # An editable install keeps the module an earlier build left beside its source: it would be imported, the
        # old code passing for the new. Without it the Python path is used, as the warning says.
        for stale in Path(extension.sources[0]).parent.glob(extension.name.rsplit(".", 1)[-1] + ".*.so"):
            stale.unlink()
        return []


setup(ext_modules=[ext for extension in EXTENSIONS for ext in translated(extension)])
