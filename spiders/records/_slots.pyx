# cython: language_level=3, boundscheck=False, wraparound=False
"""A record's fields set and read in C: ``fill`` for ``spiders.records.base.fast_init``, ``as_dict`` for
``spiders.records.base.to_json_dict`` (built at install when a C compiler is there; without it, or with
``CITEGRAPH_PURE_PYTHON=1``, both go one Python call per field)."""

from cpython.object cimport Py_TYPE, PyTypeObject
from cpython.dict cimport PyDict_SetItem

cdef extern from "Python.h":
    dict _PyDict_NewPresized(Py_ssize_t minused)


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


def as_dict(obj, str kind, tuple names, tuple slots):
    """``{"kind": kind, names[i]: slots[i].__get__(obj, type(obj)), ...}`` in that order: ``obj`` as a dict, each
    field read as its member descriptor reads it (an unset one raises ``AttributeError``)."""
    cdef Py_ssize_t i, n = len(slots)
    cdef PyTypeObject* kind_of_slot
    cdef object owner = <object>Py_TYPE(obj)
    if len(names) != n:
        raise ValueError(f"{n} slots, {len(names)} names")
    cdef dict out = _PyDict_NewPresized(n + 1)  # its size at once: no growing through 8, 16, 32 entries
    PyDict_SetItem(out, "kind", kind)
    for i in range(n):
        slot = slots[i]
        kind_of_slot = Py_TYPE(slot)
        if kind_of_slot.tp_descr_get is NULL:
            raise TypeError(f"{slot!r} cannot be read")
        PyDict_SetItem(out, names[i], kind_of_slot.tp_descr_get(slot, obj, owner))
    return out
