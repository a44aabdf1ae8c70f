# cython: language_level=3
"""The fields of slotted classes read and written at their slots' offsets, for the compiled modules (cimported by
``spiders.pages._render``, ``spiders.pages._lists`` and ``spiders.records._slots``): what a member descriptor's
``__get__`` and ``__set__`` do, without their checks, for slots known to be plain object slots."""

from cpython.ref cimport Py_INCREF


cdef extern from "Python.h":
    ctypedef struct _Object "PyObject"
    ctypedef struct PyMemberDef:
        int type
        Py_ssize_t offset
        int flags
    ctypedef struct PyMemberDescrObject:
        PyMemberDef* d_member
    int T_OBJECT_EX
    int READONLY


cdef inline Py_ssize_t plain_offset(descriptor) except -2:
    """Where the slot of a member descriptor lies in an instance when it holds an object and can be set, else -1."""
    if type(descriptor).__name__ != "member_descriptor":
        return -1
    cdef PyMemberDef* member = (<PyMemberDescrObject*><void*>descriptor).d_member
    if member.type != T_OBJECT_EX or member.flags & READONLY:
        return -1
    return member.offset


cdef inline Py_ssize_t offset_of(descriptor) noexcept:
    """``plain_offset`` of a descriptor already known to be plain."""
    return (<PyMemberDescrObject*><void*>descriptor).d_member.offset


cdef inline void put(obj, Py_ssize_t offset, value) noexcept:
    """``value`` into the empty slot at ``offset`` of a fresh instance, referenced."""
    Py_INCREF(value)
    (<_Object**>(<char*><void*>obj + offset))[0] = <_Object*><void*>value


cdef inline bint is_set(obj, Py_ssize_t offset) noexcept:
    """The slot at ``offset`` holds an object (an unset one raises ``AttributeError`` through its descriptor)."""
    return (<_Object**>(<char*><void*>obj + offset))[0] is not NULL


cdef inline object get(obj, Py_ssize_t offset):
    """The object in the slot at ``offset`` (``is_set``)."""
    return <object><void*>(<_Object**>(<char*><void*>obj + offset))[0]
