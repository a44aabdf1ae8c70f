from collections.abc import Callable
from typing import Any

def render(root: Any, enough: Callable[[list[Any]], bool] | None, block_cls: type, link_cls: type) -> list[Any]: ...
