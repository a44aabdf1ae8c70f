# cython: language_level=3, boundscheck=False, wraparound=False
"""``fill``: a record's fields set in C, for ``spiders.records.base.fast_init`` (built at install when a C compiler is
there; without it, or with ``CITEGRAPH_PURE_PYTHON=1``, ``fast_init`` sets them one Python call each)."""

from cpython.object cimport Py_TYPE, PyTypeObject


def fill(obj, tuple slots, tuple values):
    """Set ``obj``'s slot ``slots[i]`` (a member descriptor) to ``values[i]``, each as ``slots[i].__set__(obj,
    values[i])`` would, the descriptor's type check included."""
    cdef Py_ssize_t i, n = len(slots)
    cdef PyTypeObject* kind
    if len(values) != n:
        raise ValueError(f"{n} slots, {len(values)} values")
    for i in range(n):
        slot = slots[i]
        kind = Py_TYPE(slot)
        if kind.tp_descr_set is NULL:
            raise TypeError(f"{slot!r} cannot be set")
        kind.tp_descr_set(slot, obj, values[i])
