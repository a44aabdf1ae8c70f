"""``citegraph parse`` and ``citegraph mirror serve`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections import Counter

from click.testing import CliRunner

from pipeline.parse_cmd import parse_cmd
from tests.conftest import SEEDS


def test_parse_prints_json_lines_with_identity_from_url() -> None:
    result = CliRunner().invoke(
        parse_cmd, [str(SEEDS / "003_e4672e15fab3c738.txt"), "--url", "https://pith.science/paper/1906.01820"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert Counter(r["kind"] for r in records) == {"pith_paper": 1, "forward_citation": 20, "reference": 35}
    assert records[0]["arxiv_id"] == "1906.01820"


def test_parse_type_option_and_bad_input(tmp_path: object) -> None:
    result = CliRunner().invoke(parse_cmd, ["-", "--type", "pith-hub"], input=b"\x00\x01binary")
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in result.output.splitlines()]
    assert (record["kind"], record["reason"]) == ("crawl_error", "binary_body")


def test_mirror_serve_announces_each_site() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "mirror", "serve", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        lines = dict(proc.stdout.readline().split() for _ in range(2))
        assert set(lines) == {"pith.science", "www.longtermwiki.com"}
        with urllib.request.urlopen(lines["pith.science"] + "/paper/1906.01820", timeout=10) as response:
            assert response.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
