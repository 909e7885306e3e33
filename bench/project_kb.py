"""Growth between two sizes of bench_kb.py results, and its projection to larger bases.

    .venv/bin/python bench/project_kb.py bench/results/kb-SMALL.json bench/results/kb-LARGE.json

For each backend measured at both sizes: the ingest rate and size per 1,000 articles at each,
and for each query the p95 at each size, the exponent k of a power law p95 ~ N^k through the
two points (0 = flat, 1 = linear) and the p95 that law gives at 1M and 10M articles. A power
law through two points is a rough guide, not a promise: it is printed beside the figures it
comes from.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path


def _runs(path: str) -> dict:
    return {(r["backend"], r["n"]): r for r in json.loads(Path(path).read_text())["runs"]}


def project(t_small: float, t_large: float, n_small: int, n_large: int, n: int) -> tuple[float, float]:
    """(k, projected value at n) of the power law through the two points (k floored at 0)."""
    k = max(0.0, math.log(max(t_large, 0.05) / max(t_small, 0.05)) / math.log(n_large / n_small))
    return k, t_large * (n / n_large) ** k


def main() -> None:
    small, large = _runs(sys.argv[1]), _runs(sys.argv[2])
    for (backend, n_large), big in sorted(large.items()):
        pairs = [(n, r) for (b, n), r in small.items() if b == backend and n < n_large]
        if not pairs:
            continue
        n_small, little = max(pairs, key=lambda p: p[0])
        print(f"\n### {backend}: {n_small:,} and {n_large:,} articles\n")
        ing_s, ing_l = little["ingest"], big["ingest"]
        print("| | " + f"{n_small:,} | {n_large:,} |\n|---|---|---|")
        for key, label in (("articles_per_s", "ingest, articles/s (wall)"),
                           ("articles_per_cpu_s", "ingest, articles per CPU second"),
                           ("mb_per_1000", "MB per 1,000 articles")):
            print(f"| {label} | {ing_s.get(key, '')} | {ing_l.get(key, '')} |")
        print(f"\n| query (p95 ms) | lib {n_small // 1000}k | lib {n_large // 1000}k | k | lib 1M | lib 10M "
              f"| API {n_small // 1000}k | API {n_large // 1000}k | k | API 1M | API 10M |")
        print("|---|" + "---|" * 10)
        for name in big["library"]:
            cells = []
            for part in ("library", "http"):
                a, b = little.get(part, {}).get(name), big.get(part, {}).get(name)
                if not a or not b:
                    cells += [""] * 5
                    continue
                k, m1 = project(a["p95"], b["p95"], n_small, n_large, 1_000_000)
                _, m10 = project(a["p95"], b["p95"], n_small, n_large, 10_000_000)
                cells += [f"{a['p95']}", f"{b['p95']}", f"{k:.2f}", f"{m1:,.0f}", f"{m10:,.0f}"]
            print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
