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


cdef extern from "Python.h":
    ctypedef struct PyObject
    object PyObject_Vectorcall(object callable, PyObject** args, size_t nargsf, object kwnames)
    int PyObject_IsInstance(object inst, object cls) except -1

cdef dict _FIELDS_OF = {}
"""Per record class: its ``kind`` and its fields' names and member descriptors (``fields_of``'s answer)."""
cdef tuple _DEFAULT_KW = ("default",)


def lines_by_kind(list records, skip, fields_of, dumps, default, fallback):
    """``{kind: [line, ...]}`` of the records (in order, but instances of ``skip``): each line
    ``dumps(as_dict(record), default=default)``, or ``fallback`` of that dict where ``dumps`` raises ``TypeError``
    (``landing.encode``'s two paths). ``fields_of(cls)`` gives a record class's field names and member descriptors.
    One call for a page's records: the Python loop, ``landing.encode_record`` and the functions it calls cost
    ~9 k CPU instructions a record on top of the dict and its JSON."""
    cdef dict out = {}
    cdef PyObject* args[2]
    cdef tuple known
    cdef list group
    for record in records:
        if PyObject_IsInstance(record, skip):
            continue
        cls = type(record)
        known = _FIELDS_OF.get(cls)
        if known is None:
            names, slots = fields_of(cls)
            known = _FIELDS_OF[cls] = (cls.kind, tuple(names), tuple(slots))
        kind = known[0]
        data = as_dict(record, kind, known[1], known[2])
        args[0] = <PyObject*>data
        args[1] = <PyObject*>default
        try:
            line = PyObject_Vectorcall(dumps, args, 1, _DEFAULT_KW)
        except TypeError:  # orjson's JSONEncodeError is one (integers past 64 bits)
            line = fallback(data)
        group = out.get(kind)
        if group is None:
            out[kind] = [line]
        else:
            group.append(line)
    return out


cdef extern from "Python.h":
    PyObject* PyDict_GetItemWithError(object d, object key) except? NULL
    object PyType_GenericNew(object kind, object args, object kwds)


cdef tuple _NO_ARGS = ()


cdef class Maker:
    """Makes records of one class from a provenance dict and the values of some of its fields, in an order fixed
    when the maker is made: ``maker(prov, v1, v2, ...)`` is ``cls(name1=v1, name2=v2, ..., **prov)``, the fields set in
    C. A record class called with a dozen keywords and ``**prov`` goes through a dict the call builds and
    ``__init__`` unpacks again: ~13 k CPU instructions for a hub citation, 70 of them a hub page."""

    cdef object cls
    cdef tuple names
    cdef tuple slots
    cdef tuple defaults
    cdef tuple sources
    cdef object required
    cdef object factory
    cdef Py_ssize_t nargs

    def __init__(self, cls, tuple given, tuple names, tuple slots, tuple defaults, required, factory):
        """``given``: the names of the fields passed by position; ``names``, ``slots``, ``defaults``: every field's,
        in the class's order (a default: the value, ``required`` when none, a ``factory`` instance to call)."""
        if not len(names) == len(slots) == len(defaults):
            raise ValueError("one name, slot and default per field")
        if len(set(given)) != len(given) or not set(given) <= set(names):
            raise ValueError(f"{given!r}: not distinct fields of {cls.__qualname__}")
        for slot in slots:
            if Py_TYPE(slot).tp_descr_set is NULL:
                raise TypeError(f"{slot!r} cannot be set")
        self.cls, self.names, self.slots, self.defaults = cls, names, slots, defaults
        self.sources = tuple(given.index(name) if name in given else -1 for name in names)
        self.required, self.factory, self.nargs = required, factory, len(given)

    def __call__(self, dict prov, *values):
        cdef Py_ssize_t i, k, n = len(self.names), consumed = 0
        cdef PyObject* found
        cdef PyTypeObject* kind
        if len(values) != self.nargs:
            raise TypeError(f"{self.cls.__qualname__} maker takes {self.nargs} values ({len(values)} given)")
        obj = PyType_GenericNew(self.cls, _NO_ARGS, None)
        for i in range(n):
            k = self.sources[i]
            if k >= 0:
                value = values[k]
            else:
                found = PyDict_GetItemWithError(prov, self.names[i])
                if found is not NULL:
                    value = <object>found
                    consumed += 1
                else:
                    value = self.defaults[i]
                    if value is self.required:
                        raise TypeError(f"{self.cls.__qualname__}() missing required keyword argument: {self.names[i]!r}")
                    if type(value) is self.factory:
                        value = value.make()
            slot = self.slots[i]
            kind = Py_TYPE(slot)
            kind.tp_descr_set(slot, obj, value)
        if consumed != len(prov):  # a key that is no field, or one given by position too: as the class call would
            raise TypeError(f"{self.cls.__qualname__}(): provenance keys {sorted(prov)} not all other fields")
        return obj
