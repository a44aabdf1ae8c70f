"""Peers on the same synthetic data, in the same run: Splink (identity resolution) and dlt (loading).

    python -m bench.peers 10000
Needs the bench extras: ``pip install -e '.[bench]'`` (splink, dlt).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from bench.identity_quality import pairwise
from bench.stage import peak_rss_mb
from mirror.synthetic.generate import generate
from warehouse.api import load

MENTIONS = """
create or replace table mentions_in as
select canonical_url || '#paper' as unique_id, arxiv_id as arxiv, null as doi, title_key(title) as tkey,
       author_key(authors) as akey, try_cast(left(submitted, 4) as integer) as year from raw_pith_paper
union all select canonical_url || '#ref' || index, arxiv_id, doi, title_key(title), author_key(authors), year
from raw_reference
union all select canonical_url || '#fwd' || position, null, null, title_key(title), null, null from raw_forward_citation
union all select 'hub:' || hub_uuid, null, null, title_key(title), null, null from raw_pith_hub
union all select canonical_url || '#' || section || position, citing_arxiv, null, title_key(title), null, null
from raw_hub_citation
union all select canonical_url || '#ann' || position, regexp_extract(url, 'arxiv\\.org/abs/(.+)$', 1), null,
       title_key(title), author_key(authors), year from raw_wiki_annotation
"""


def splink_run(db: Path, truth: Path) -> dict[str, Any]:
    """Splink 5 on DuckDB: exact ids, Jaro-Winkler titles, author and year; EM training; cluster at 0.95."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    con = duckdb.connect(str(db))
    con.execute((Path(__file__).parents[1] / "warehouse" / "transforms" / "10_macros.sql").read_text())
    con.execute(MENTIONS)
    con.execute("update mentions_in set arxiv = nullif(arxiv, '')")
    started = time.perf_counter()
    api = DuckDBAPI(con)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.ExactMatch("arxiv"),
            cl.ExactMatch("doi"),
            cl.JaroWinklerAtThresholds("tkey", [0.95, 0.9]),
            cl.ExactMatch("akey"),
            cl.ExactMatch("year"),
        ],
        blocking_rules_to_generate_predictions=[block_on("arxiv"), block_on("doi"), block_on("tkey")],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(api.register("mentions_in"), settings, log_level="ERROR")
    linker.training.estimate_probability_two_random_records_match([block_on("arxiv")], recall=0.9)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("tkey"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.95)
    con.execute(
        f"create or replace table splink_clusters as select unique_id, cluster_id from {clusters.physical_name}"
    )
    seconds = time.perf_counter() - started
    quality = pairwise(
        con,
        "select unique_id as mkey, cluster_id as cluster from splink_clusters",
        f"select mkey, work as cluster from read_parquet('{truth}')",
    )
    return {"seconds": round(seconds, 2), **{k: round(v, 5) for k, v in quality.items()}}


def dlt_run(landing: Path, db: Path) -> dict[str, Any]:
    """dlt loading the same landing files into DuckDB (Parquet loader format, as its docs advise for speed)."""
    import dlt

    pipeline = dlt.pipeline(
        pipeline_name=f"cg_peer_{int(time.time())}",
        destination=dlt.destinations.duckdb(str(db)),
        dataset_name="landing",
        pipelines_dir=str(db.parent / "dlt"),
    )
    started = time.perf_counter()
    rows = 0
    for file in sorted(landing.glob("*/*.jsonl")):

        def records(path: Path = file) -> Any:
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    yield json.loads(line)

        info = pipeline.run(records(), table_name=file.stem, loader_file_format="parquet")
        rows += file.read_bytes().count(b"\n")
        assert not info.has_failed_jobs
    return {"seconds": round(time.perf_counter() - started, 2), "rows": rows}


def run(papers: int, work: Path) -> dict[str, Any]:
    shutil.rmtree(work, ignore_errors=True)
    generate(work, papers)
    started = time.perf_counter()
    load(work / "citegraph.duckdb", work / "landing", check=False)
    ours = time.perf_counter() - started
    from bench.identity_quality import warehouse_quality

    quality = warehouse_quality(work / "citegraph.duckdb", work / "truth.parquet")
    splink = splink_run(work / "citegraph.duckdb", work / "truth.parquet")
    dlt_result = dlt_run(work / "landing", work / "dlt.duckdb")
    return {
        "papers": papers,
        "citegraph_load_resolve_s": round(ours, 2),
        "citegraph": {k: round(v, 5) for k, v in quality.items()},
        "splink": splink,
        "dlt": dlt_result,
        "splink_time_vs_citegraph": round(splink["seconds"] / ours, 2),
        "dlt_time_vs_citegraph": round(dlt_result["seconds"] / ours, 2),
        "peak_rss_mb": peak_rss_mb(),
    }


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    print(json.dumps(run(n, Path(tempfile.gettempdir()) / "citegraph-peers"), indent=1))
