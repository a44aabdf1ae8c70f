"""Where citegraph keeps things: option > environment variable > config file > default.

Defaults: inside a project (a folder with ``citegraph.toml``, found from the current folder upwards) the data
lives in ``<project>/.citegraph/``; elsewhere in the per-user data directory (``platformdirs``). Paths:
``home`` (``CITEGRAPH_HOME``), ``warehouse`` (``CITEGRAPH_WAREHOUSE``, default ``<home>/citegraph.duckdb``),
``landing`` (``CITEGRAPH_LANDING``), ``state`` (``CITEGRAPH_STATE``), ``snapshots`` (``CITEGRAPH_SNAPSHOTS``).
The config file may set any of them under ``[citegraph]``, plus ``contact`` (crawler contact URL or e-mail).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

CONFIG_NAME = "citegraph.toml"
KEYS = ("home", "warehouse", "landing", "state", "snapshots", "contact")


@dataclass(frozen=True)
class Config:
    """Resolved settings for one invocation."""

    home: Path
    warehouse: Path
    landing: Path
    state: Path
    snapshots: Path
    contact: str
    source: str
    """Where ``home`` came from: option, environment, config file or default."""

    def ensure(self) -> Config:
        """Create the folders."""
        for path in (self.home, self.landing, self.snapshots, self.warehouse.parent, self.state.parent):
            path.mkdir(parents=True, exist_ok=True)
        return self

    def as_dict(self) -> dict[str, str]:
        return {k: str(getattr(self, k)) for k in (*KEYS, "source")}


def find_config_file(start: Path | None = None) -> Path | None:
    """``CITEGRAPH_CONFIG``, else the nearest ``citegraph.toml`` from ``start`` upwards."""
    if env := os.environ.get("CITEGRAPH_CONFIG"):
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return None


def load_config(options: dict[str, Any] | None = None, start: Path | None = None) -> Config:
    """Settings from options (None values ignored), the environment, the config file and the defaults."""
    options = {k: v for k, v in (options or {}).items() if v not in (None, "")}
    file = find_config_file(start)
    from_file: dict[str, Any] = {}
    if file is not None and file.is_file():
        from_file = tomllib.loads(file.read_text(encoding="utf-8")).get("citegraph", {})
    base = file.parent if file is not None else Path.cwd()

    def pick(key: str) -> tuple[Any, str] | None:
        if key in options:
            return options[key], "option"
        if env := os.environ.get(f"CITEGRAPH_{key.upper()}"):
            return env, "environment"
        if key in from_file:
            return from_file[key], f"config file {file}"
        return None

    home_pick = pick("home")
    if home_pick is not None:
        home, source = _path(home_pick[0], base), home_pick[1]
    elif file is not None:
        home, source = base / ".citegraph", f"project ({file})"
    else:
        home, source = Path(platformdirs.user_data_dir("citegraph")), "per-user data directory"
    paths = {
        "warehouse": home / "citegraph.duckdb",
        "landing": home / "landing",
        "state": home / "crawl_state.sqlite",
        "snapshots": home / "snapshots",
    }
    for key in paths:
        if (value := pick(key)) is not None:
            paths[key] = _path(value[0], base)
    contact = pick("contact")
    return Config(home=home, contact=str(contact[0]) if contact else "", source=source, **paths)


def _path(value: Any, base: Path) -> Path:
    path = Path(str(value)).expanduser()
    return path if path.is_absolute() else base / path
