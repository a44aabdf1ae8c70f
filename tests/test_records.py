"""Records are frozen dataclasses whose ``__init__`` is ``records.base.fast_init``'s: it must take and set exactly
what the ``__init__`` dataclasses writes would."""

from __future__ import annotations

import dataclasses

import pytest

from spiders.records import ALL_KINDS


@pytest.mark.parametrize("cls", list(ALL_KINDS.values()), ids=list(ALL_KINDS))
def test_fast_init_sets_what_the_dataclass_init_would(cls: type) -> None:
    fields = dataclasses.fields(cls)
    required = {f.name: f"<{f.name}>" for f in fields if f.default is f.default_factory is dataclasses.MISSING}
    assert "source_url" in required

    bare, other = cls(**required), cls(**required)
    for f in fields:
        if f.name in required:
            assert getattr(bare, f.name) == required[f.name]
        elif f.default_factory is not dataclasses.MISSING:
            assert getattr(bare, f.name) == f.default_factory()
            assert getattr(bare, f.name) is not getattr(other, f.name)  # a fresh one each time
        else:
            assert getattr(bare, f.name) == f.default

    given = {f.name: (f.name, 1) for f in fields}  # a value for every field, no default among them
    full = cls(**given)
    assert {f.name: getattr(full, f.name) for f in fields} == given
    assert full == cls(**given) and full != bare

    with pytest.raises(dataclasses.FrozenInstanceError):
        full.source_url = "changed"
    with pytest.raises(TypeError):
        cls(**{k: v for k, v in required.items() if k != "source_url"})  # a required field missing
    with pytest.raises(TypeError):
        cls(**required, not_a_field=1)
    with pytest.raises(TypeError):
        cls("positional", **required)
