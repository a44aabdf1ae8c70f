"""citegraph is pure Python but for two optional extensions: the compiled block renderer
(``spiders/pages/_render.pyx``, a port of ``spiders.pages.blocks._Renderer`` that walks libxml2's nodes in C) and
``spiders/records/_slots.pyx`` (a record's fields set in C). Without a C compiler the build warns and goes on, and
the parsers use the Python renderer and set fields in Python: same blocks, same records."""

from __future__ import annotations

import lxml
from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [
            Extension(
                "spiders.pages._render",
                ["spiders/pages/_render.pyx"],
                include_dirs=lxml.get_include(),
                optional=True,
            ),
            Extension("spiders.records._slots", ["spiders/records/_slots.pyx"], optional=True),
        ],
        language_level=3,
        quiet=True,
    )
)
