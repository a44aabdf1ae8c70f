# cython: language_level=3, boundscheck=False, wraparound=False
"""Records made, read and written in C: ``fill`` for ``spiders.records.base.fast_init``, ``as_dict`` for
``spiders.records.base.to_json_dict``, ``Maker`` for ``record_maker`` and ``lines_by_kind`` for
``spiders.landing.lines_by_kind`` (built at install when a C compiler is there; without it, or with
``CITEGRAPH_PURE_PYTHON=1``, each has a Python path that ``tests/test_records.py`` holds it to)."""

from cpython.object cimport Py_TYPE, PyTypeObject
from cpython.dict cimport PyDict_SetItem
from libc.stdint cimport uint64_t
from libc.stdlib cimport realloc, free
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from spiders._cslots cimport offset_of, plain_offset, put
from libc.string cimport memcpy

cdef extern from "Python.h":
    ctypedef struct PyObject
    dict _PyDict_NewPresized(Py_ssize_t minused)
    object PyObject_Vectorcall(object callable, PyObject** args, size_t nargsf, object kwnames)
    int PyObject_IsInstance(object inst, object cls) except -1
    PyObject* PyDict_GetItemWithError(object d, object key) except? NULL
    object PyType_GenericNew(object kind, object args, object kwds)
    const char* PyUnicode_AsUTF8AndSize(object text, Py_ssize_t* size) except NULL
    long long PyLong_AsLongLongAndOverflow(object value, int* overflow) except? -1
    unsigned long long PyLong_AsUnsignedLongLong(object value) except? -1
    bint PyUnicode_Check(object o)
    bint PyLong_Check(object o)
    bint PyList_Check(object o)
    object PyBytes_FromStringAndSize(const char* data, Py_ssize_t size)


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


cdef dict _FIELDS_OF = {}
"""Per record class: its ``kind`` and its fields' names and member descriptors (``fields_of``'s answer)."""
cdef tuple _DEFAULT_KW = ("default",)


cdef struct Out:
    char* data
    Py_ssize_t size
    Py_ssize_t cap


class _Fallback(Exception):
    """A value orjson would refuse: the whole line goes to the standard encoder."""


cdef int _room(Out* out, Py_ssize_t more) except -1:
    cdef Py_ssize_t cap
    cdef char* grown
    if out.size + more <= out.cap:
        return 0
    cap = max(2 * out.cap, out.size + more + 1024)
    grown = <char*>realloc(out.data, cap)
    if grown is NULL:
        raise MemoryError()
    out.data, out.cap = grown, cap
    return 0


cdef inline int _put(Out* out, const char* text, Py_ssize_t n) except -1:
    _room(out, n)
    memcpy(out.data + out.size, text, n)
    out.size += n
    return 0


cdef const char* _HEX = b"0123456789abcdef"
cdef const char* _SHORT = b"........btn.fr.."
"""The letter of ``\\b \\t \\n \\f \\r`` at their code (8, 9, 10, 12, 13)."""


cdef inline bint _needs_escape(uint64_t word) noexcept:
    """Whether one of eight bytes is below 0x20, ``"`` or ``\\`` (SWAR: each term has a byte's high bit set where
    the subtraction borrowed from a byte that was below the bound, or zero once xored with the character; bytes of
    0x80 and above, UTF-8's, never count; a term is non-zero exactly when its condition holds for some byte)."""
    cdef uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL
    cdef uint64_t quote = word ^ (ones * 0x22), backslash = word ^ (ones * 0x5C)
    return (((word - ones * 0x20) & ~word) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs != 0


cdef int _put_str(Out* out, text) except -1:
    """``text`` as orjson writes a string: UTF-8, ``"`` and ``\\`` escaped, control characters as ``\\b \\t \\n
    \\f \\r`` or ``\\u00XX``, nothing else (a lone surrogate raises, as orjson refuses it)."""
    cdef Py_ssize_t n, i
    cdef const char* utf8 = PyUnicode_AsUTF8AndSize(text, &n)
    cdef unsigned char c
    cdef char* w
    cdef uint64_t word
    _room(out, 6 * n + 2 + 8)
    w = out.data + out.size
    w[0] = 34  # "
    w += 1
    i = 0
    while i + 8 <= n:  # eight bytes at a time while none of them needs escaping (most text)
        memcpy(&word, utf8 + i, 8)
        if _needs_escape(word):
            break
        memcpy(w, &word, 8)
        w += 8
        i += 8
    for i in range(i, n):
        c = <unsigned char>utf8[i]
        if c >= 32 and c != 34 and c != 92:
            w[0] = c
            w += 1
        elif c == 34 or c == 92:
            w[0] = 92
            w[1] = c
            w += 2
        elif c == 8 or c == 9 or c == 10 or c == 12 or c == 13:
            w[0] = 92
            w[1] = _SHORT[c]
            w += 2
        else:
            w[0], w[1], w[2], w[3], w[4], w[5] = 92, 117, 48, 48, _HEX[c >> 4], _HEX[c & 15]  # \u00XX
            w += 6
    w[0] = 34
    w += 1
    out.size = w - out.data
    return 0


cdef int _put_int(Out* out, value) except -1:
    """An int as orjson writes it: from -2**63 to 2**64 - 1, else ``_Fallback``."""
    cdef int overflow = 0
    cdef long long small = PyLong_AsLongLongAndOverflow(value, &overflow)
    cdef unsigned long long magnitude
    cdef char digits[24]
    cdef int k = 24
    cdef bint negative = False
    if overflow < 0:
        raise _Fallback()
    if overflow > 0:
        try:
            magnitude = PyLong_AsUnsignedLongLong(value)
        except OverflowError:
            raise _Fallback()
    elif small < 0:
        negative = True
        magnitude = <unsigned long long>(-(small + 1)) + 1
    else:
        magnitude = <unsigned long long>small
    while True:
        k -= 1
        digits[k] = 48 + <char>(magnitude % 10)
        magnitude //= 10
        if magnitude == 0:
            break
    if negative:
        k -= 1
        digits[k] = 45  # -
    return _put(out, digits + k, 24 - k)


cdef int _put_value(Out* out, value, dumps, default) except -1:
    """A field's value as orjson writes it (``dumps(value, default=default)``, what it writes for it inside a dict):
    strings, None, booleans, ints and lists here, anything else by ``dumps`` itself."""
    cdef Py_ssize_t i, n
    cdef PyObject* args[2]
    if PyUnicode_Check(value):
        return _put_str(out, value)
    if value is None:
        return _put(out, b"null", 4)
    if value is True:
        return _put(out, b"true", 4)
    if value is False:
        return _put(out, b"false", 5)
    if PyLong_Check(value):
        return _put_int(out, value)
    if PyList_Check(value):
        _put(out, b"[", 1)
        n = len(value)
        for i in range(n):
            if i:
                _put(out, b",", 1)
            _put_value(out, (<list>value)[i], dumps, default)
        return _put(out, b"]", 1)
    args[0] = <PyObject*>value
    args[1] = <PyObject*>default
    try:
        written = PyObject_Vectorcall(dumps, args, 1, _DEFAULT_KW)
    except TypeError:
        raise _Fallback()
    return _put(out, <bytes>written, len(<bytes>written))


cdef bytes _line(Out* out, record, str kind, tuple names, tuple keys, tuple slots, object owner, dumps, default):
    """The record's landing line, written here: ``{"kind":kind,"name":value,...}`` with no spaces, as orjson writes
    ``as_dict(record)``; ``_Fallback`` where orjson would refuse it."""
    cdef Py_ssize_t i, n = len(slots)
    cdef PyTypeObject* kind_of_slot
    out.size = 0
    _put(out, b'{"kind":', 8)
    try:
        _put_str(out, kind)
        for i in range(n):
            key = <bytes>keys[i]
            _put(out, key, len(key))
            slot = slots[i]
            kind_of_slot = Py_TYPE(slot)
            _put_value(out, kind_of_slot.tp_descr_get(slot, record, owner), dumps, default)
    except UnicodeEncodeError:  # a lone surrogate
        raise _Fallback()
    _put(out, b"}", 1)
    return PyBytes_FromStringAndSize(out.data, out.size)


def lines_by_kind(list records, skip, fields_of, dumps, default, fallback):
    """``{kind: [line, ...]}`` of the records (in order, but instances of ``skip``): each line the bytes of
    ``dumps(as_dict(record), default=default)`` (orjson's), written here for the values records hold (strings,
    None, booleans, ints, lists of them) and by ``dumps`` for the others, or ``fallback`` of that dict where
    ``dumps`` would raise ``TypeError`` (``landing.encode``'s two paths). ``fields_of(cls)`` gives a record class's
    field names and member descriptors. One call for a page's records: the Python loop, ``landing.encode_record``
    and the functions it calls cost ~9 k CPU instructions a record on top of the dict and its JSON, which cost
    ~8 k more than writing the line here."""
    cdef dict out = {}
    cdef tuple known
    cdef list group
    cdef Out buffer
    buffer.data, buffer.size, buffer.cap = NULL, 0, 0
    try:
        for record in records:
            if PyObject_IsInstance(record, skip):
                continue
            cls = type(record)
            known = _FIELDS_OF.get(cls)
            if known is None:
                names, slots = fields_of(cls)
                keys = tuple((',"' + name + '":').encode() for name in names)
                known = _FIELDS_OF[cls] = (cls.kind, tuple(names), keys, tuple(slots))
            kind = known[0]
            try:
                line = _line(&buffer, record, kind, known[1], known[2], known[3], cls, dumps, default)
            except _Fallback:
                line = fallback(as_dict(record, kind, known[1], known[3]))
            group = out.get(kind)
            if group is None:
                out[kind] = [line]
            else:
                group.append(line)
    finally:
        free(buffer.data)
    return out


cdef tuple _NO_ARGS = ()


cdef Py_ssize_t* _plain_offsets(tuple slots) except? NULL:
    """Each slot's offset in an instance when every one is a writable object slot of ``__slots__`` (what its member
    descriptor's ``__set__`` would write to, after checks that cannot fail for them), else NULL."""
    cdef Py_ssize_t i, n = len(slots)
    for slot in slots:
        if plain_offset(slot) < 0:
            return NULL
    cdef Py_ssize_t* out = <Py_ssize_t*>PyMem_Malloc((n if n else 1) * sizeof(Py_ssize_t))
    if out is NULL:
        raise MemoryError()
    for i in range(n):
        out[i] = offset_of(slots[i])
    return out


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
    cdef Py_ssize_t* offsets
    """Where each field lives in an instance, when every one is a plain object slot (else NULL: each is set through
    its descriptor)."""

    def __dealloc__(self):
        PyMem_Free(self.offsets)

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
        self.offsets = _plain_offsets(slots)

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
                        name = self.names[i]
                        raise TypeError(f"{self.cls.__qualname__}() missing required keyword argument: {name!r}")
                    if type(value) is self.factory:
                        value = value.make()
            if self.offsets is not NULL:  # a fresh instance's slot is empty: the value is put there, referenced
                put(obj, self.offsets[i], value)
            else:
                slot = self.slots[i]
                kind = Py_TYPE(slot)
                kind.tp_descr_set(slot, obj, value)
        if consumed != len(prov):  # a key that is no field, or one given by position too: as the class call would
            raise TypeError(f"{self.cls.__qualname__}(): provenance keys {sorted(prov)} not all other fields")
        return obj
