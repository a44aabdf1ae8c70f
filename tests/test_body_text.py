"""A body's text read only as far as it is asked for gives what decoding it whole gives: whether it is UTF-8
(``_render.utf8_valid`` against ``bytes.decode``), its last characters, and the whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spiders.pages.common import BodyText, decode_utf8

try:
    from spiders.pages import _render
except ImportError:  # no C compiler: BodyText decodes whole
    _render = None  # type: ignore[assignment]

SEQUENCES = [
    b"a", b"<", b"</html>", b"\x00", b"\x7f", b"\xc2\x80", b"\xdf\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xe0\xa0\x80",
    b"\xe0\x9f\xbf", b"\xed\x9f\xbf", b"\xed\xa0\x80", b"\xef\xbf\xbf", b"\xf0\x90\x80\x80", b"\xf0\x8f\xbf\xbf",
    b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\x80", b"\xbf", b"\xff", b"\xe2\x82",
    b"\xf0\x9f\x98",
    "é★📄".encode(), b"12345678", b"abcdefghijklmnop",
]  # fmt: skip


def _utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(SEQUENCES), max_size=24).map(b"".join), st.binary(max_size=40)))
def test_utf8_valid_is_decode(body: bytes) -> None:
    """Every kind of sequence: overlong forms, surrogates, past U+10FFFF, cut short, stray continuation bytes, and
    runs of ASCII long enough for the eight-byte steps."""
    if _render is not None:
        assert _render.utf8_valid(body) is _utf8(body)
    assert BodyText(body).utf8 is _utf8(body)


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(SEQUENCES), max_size=60).map(b"".join),
        st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(max_size=60),
    ),
    st.integers(1, 30),
)
def test_tail_and_text_are_the_whole_decode(body: bytes | str, n: int) -> None:
    text, utf8 = decode_utf8(body)
    decoded = BodyText(body)
    assert decoded.tail(n) == text[-n:]
    assert decoded.utf8 is utf8
    assert decoded.text == text


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=300))
def test_control_bytes_are_the_translate_count(sample: bytes) -> None:
    """``looks_binary`` counts the control bytes of a sample in C: the count ``bytes.translate`` gives."""
    from spiders.pages.common import _CONTROL_BYTES

    if _render is not None:
        assert _render.control_bytes(sample) == len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        every = bytes(range(256)) * 17  # past the compiler's vector steps, every byte value
        assert _render.control_bytes(every) == 27 * 17


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["</html>", "</HTML>", "</body>", "</Body>", "<p>x</p>", "é★", "\n", "a" * 700, "</htm"]),
        max_size=14,
    ),
    st.sampled_from(["utf-8", "latin-1"]),
)
def test_a_page_is_closed_where_its_text_says(pieces: list[str], encoding: str) -> None:
    """``load_page`` tells a cut-off document by its last characters: searched in the bytes first, the answer the
    decoded text gives (``</html>`` in the last 2,048 characters, ``</body>`` in the last 4,096, any case)."""
    from spiders.pages.common import _closes

    body = "".join(pieces).encode(encoding, "replace")
    text = body.decode("utf-8") if encoding == "utf-8" else body.decode("latin-1")
    expected = "</html>" in text[-2048:].lower() or "</body>" in text[-4096:].lower()
    assert _closes(body, BodyText(body)) is expected
    assert _closes(text, BodyText(text)) is expected
