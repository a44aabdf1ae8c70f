"""Run the benchmarks at a chosen scale; print a markdown table and write JSON + markdown to bench/results/.

python -m bench.run_all                       # parse + load/resolve at 10k and 100k papers
python -m bench.run_all --scales 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import crawl, instructions, load_resolve, parse
from bench.common import REPO, machine


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; Python {m['python']}, DuckDB "
        f"{m['duckdb']}, Scrapy {m['scrapy']}, lxml {m['lxml']}; {m['date']}.",
        "",
        "### Parse (one core)",
        "",
        "| page | KB | pages/s | bare lxml pages/s | cost vs bare |",
        "|---|---|---|---|---|",
    ]
    for r in results["parse"]:
        lines.append(
            f"| {r['page']} | {r['kb']} | {r['pages_per_s']} | {r['bare_lxml_per_s'] or '-'} | "
            f"{r['cost_vs_bare'] or '-'} |"
        )
    if "instructions" in results:
        lines += ["", "### Parse in instructions (cachegrind, 150 generated pages each)", ""]
        lines += ["| page | full extraction | bare lxml | full / bare |", "|---|---|---|---|"]
        for kind in instructions.FOLDERS:
            r = results["instructions"][kind]
            lines.append(f"| {kind} | {r['full'] / 1e6:.2f} M | {r['bare_lxml'] / 1e6:.2f} M | {r['full_vs_bare']}x |")
    lines += [
        "",
        "### Load + resolve (synthetic landing, ~35 references per paper)",
        "",
        "| papers | references | landing MB | load+resolve s | resolve s | peak RSS MB | rows/s | bare read_json s "
        "| vs bare | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["load"]:
        lines.append(
            f"| {r['papers']:,} | {r['references']:,} | {r['landing_mb']} | {r['load_s']} | {r['resolve_s']} | "
            f"{r['peak_rss_mb']} | {r['rows_per_s']:,} | {r['bare_read_json_s']} | {r['vs_bare']} | "
            f"{r['precision']:.5f} | {r['recall']:.5f} | {r['f1']:.5f} |"
        )
    lines += ["", *(f"- {line}" for line in load_resolve.scaling(results["load"]))]
    if any(len(r.get("load_runs_s", [])) > 1 for r in results["load"]):
        lines.append("- fastest of " + ", ".join(f"{r['papers']:,}: {r['load_runs_s']}" for r in results["load"]))
    if results.get("crawl"):
        c = results["crawl"]
        lines += [
            "",
            "### Crawl and incremental re-crawl (generated site on localhost)",
            "",
            "| site pages | full spider pages/s | bare spider pages/s | full vs bare (median of pairs) | "
            "first crawl+load s | re-crawl+load s (default freshness) | / first | "
            "re-crawl+load s (every page revalidated) | / first |",
            "|---|---|---|---|---|---|---|---|---|",
            f"| {c['site_pages']:,} | {c['full_pages_per_s']} | {c['bare_pages_per_s']} | {c['full_vs_bare']} | "
            f"{c['full_s'] + c['first_load_s']:.1f} | {c['second_crawl_s'] + c['second_load_s']:.1f} | "
            f"{c['incremental_fraction']} | {c['revalidate_crawl_s'] + c['revalidate_load_s']:.1f} | "
            f"{c['revalidate_fraction']} |",
            "",
            f"- pairs, full then bare: full {c['pairs_full_pages_per_s']} pages/s, bare {c['pairs_bare_pages_per_s']}, "
            f"ratios {c['pairs_full_vs_bare']}",
        ]
    if results.get("peers"):
        p = results["peers"]
        lines += [
            "",
            f"### Peers ({p['papers']:,} papers, same data)",
            "",
            "| tool | seconds | F1 |",
            "|---|---|---|",
            f"| citegraph (load + resolve) | {p['citegraph_load_resolve_s']} | {p['citegraph']['f1']:.5f} |",
            f"| Splink (identity only) | {p['splink']['seconds']} | {p['splink']['f1']:.5f} |",
            f"| dlt (load only) | {p['dlt']['seconds']} | - |",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="10000,100000")
    parser.add_argument("--crawl-pages", type=int, default=5000, help="Generated site size for the crawl (0: skip).")
    parser.add_argument("--crawl-pairs", type=int, default=3, help="Full and bare crawls, run in turn (median ratio).")
    parser.add_argument("--peers", type=int, default=10000, help="Papers for Splink and dlt (0: skip; needs .[bench]).")
    parser.add_argument("--repeat", type=int, default=1, help="Loads per scale; the fastest counts (machine noise).")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "citegraph-bench")
    args = parser.parse_args()
    results: dict[str, Any] = {"machine": machine(), "parse": parse.run()}
    results["load"] = [load_resolve.run(int(n), args.work, repeat=args.repeat) for n in args.scales.split(",") if n]
    if args.crawl_pages:
        results["crawl"] = crawl.run_bench(args.crawl_pages, args.work / "crawl", args.crawl_pairs)
        if shutil.which("valgrind"):  # the parse target's measure, on the crawl's generated site
            results["instructions"] = instructions.run_bench(150, args.work / "crawl" / "site")
        else:
            print("instruction counts skipped: valgrind is not installed")
    if args.peers:
        try:
            from bench import peers

            results["peers"] = peers.run(args.peers, args.work / "peers")
        except ImportError as exc:
            print(f"peers skipped ({exc}); install them with: pip install -e '.[bench]'")
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"{stamp}.json").write_text(json.dumps(results, indent=1))
    text = markdown(results)
    (out / f"{stamp}.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
