from typing import Any

def fill(obj: object, slots: tuple[Any, ...], values: tuple[Any, ...]) -> None: ...
def as_dict(obj: object, kind: str, names: tuple[str, ...], slots: tuple[Any, ...]) -> dict[str, Any]: ...
def lines_by_kind(
    records: list[Any], skip: type, fields_of: Any, dumps: Any, default: Any, fallback: Any
) -> dict[str, list[bytes]]: ...

class Maker:
    def __init__(
        self,
        cls: type,
        given: tuple[str, ...],
        names: tuple[str, ...],
        slots: tuple[Any, ...],
        defaults: tuple[Any, ...],
        required: object,
        factory: type,
    ) -> None: ...
    def __call__(self, prov: dict[str, Any], *values: Any) -> Any: ...
