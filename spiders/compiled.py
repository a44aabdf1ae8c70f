"""The optional compiled extensions (setup.py builds them when a C compiler is there): loaded when built, else None,
and then the pure-Python path of the same function is used."""

from __future__ import annotations

import importlib
import logging
import os
from typing import Any


def extension(module: str, pure_python_env: bool = True) -> Any:
    """The extension ``module``, or None when it was not built, cannot load (built against another lxml: Cython
    checks the size of lxml's types), or ``CITEGRAPH_PURE_PYTHON`` is set (``pure_python_env``: honour it)."""
    if pure_python_env and os.environ.get("CITEGRAPH_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(module)
    except ImportError:  # not built: no C compiler at install
        return None
    except Exception as exc:  # an ABI mismatch
        logging.getLogger(__name__).warning("%s unusable (%s): the Python path is used", module, exc)
        return None
