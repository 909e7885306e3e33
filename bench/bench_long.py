#!/usr/bin/env python3
"""CPU time per 1,000 characters of one article, from short to very long articles.

    python bench/bench_long.py --data ../shared/data [--sizes 2000 20000 100000 300000] [--rounds 3]
    python bench/bench_long.py --data ../shared/data --sizes 100000 --profile quotes

One text per size: consecutive OrangeSum development articles (heading and body, a blank line
between them) cut at the last space before N characters. Each text is prepared and parsed
as `veille analyze` does (French model; the budget `max_chars` raised to the text's length),
then every stage of `pipeline._stages()` is run on it in this process. Prints, per size, the
CPU milliseconds (user and system time of this process) per 1,000 characters of the parse,
of each stage and of the whole, and the whole against the smallest size; writes the table as
JSON to bench/results/long.json. With ``--rounds R`` each size is measured R times and the
round with the least total kept (a short text takes a few tens of milliseconds: one round is
at the mercy of the other jobs of a shared machine). `--profile STAGE` runs that stage (or `all`) under cProfile
at each size and prints its 25 costliest functions (cumulative time).
"""
from __future__ import annotations

import argparse
import cProfile
import gzip
import importlib.util
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("veille") is None:  # run from a checkout without the package installed
    sys.path.insert(0, str(ROOT / "src"))


def _text(data: Path, n: int) -> str:
    parts, size = [], 0
    with gzip.open(data / "orangesum/articles-dev.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            t = ((a.get("heading") or "") + "\n" + a["article"]).strip()
            parts.append(t)
            size += len(t) + 2
            if size > n:
                break
    text = "\n\n".join(parts)[:n]
    return text[: text.rfind(" ")] if len(text) == n and " " in text else text


def _cpu() -> float:
    return time.process_time()


def measure(text: str, profile: str | None = None) -> dict:
    from veille import nlp, pipeline
    from veille.options import Options
    from veille.records import RawArticle, Source

    options = Options(language="fr", max_chars=max(len(text), 100_000))
    work = pipeline.prepare(RawArticle(id="long", source=Source(), text=text, language="fr"), options)
    model = nlp.load("fr", options.models["fr"])
    t = _cpu()
    (work.doc,) = list(nlp.parse(model, [work.text], options.batch_size))
    row = {"chars": len(work.text), "parse": _cpu() - t}
    for name, stage in pipeline._stages():
        prof = cProfile.Profile() if profile in (name, "all") else None
        t = _cpu()
        if prof:
            prof.enable()
        stage(work)
        if prof:
            prof.disable()
        row[name] = _cpu() - t
        if prof:
            print(f"== cProfile of {name} at {len(work.text):,} characters")
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    row["quotes_found"] = len(work.quotes)
    row["events_found"] = len(work.events)
    work.doc.user_data.clear()
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 100000, 300000])
    ap.add_argument("--profile", default=None, help="a stage name, or all")
    ap.add_argument("--rounds", type=int, default=1, help="measures per size; the least total is kept")
    args = ap.parse_args()
    from veille import nlp, pipeline
    nlp.reuse_freed_memory()
    # load the model and every stage's resources first, so no size pays for them
    pipeline.analyze("Le maire de Paris a déclaré lundi : « Nous viendrons. »", language="fr")
    stages = [name for name, _ in pipeline._stages()]
    rows = []
    for n in args.sizes:
        text = _text(args.data, n)
        runs = [measure(text, args.profile) for _ in range(max(1, args.rounds))]
        rows.append(min(runs, key=lambda r: r["parse"] + sum(r[name] for name in stages)))
    cols = ["parse", *stages]
    print(f"CPU ms per 1,000 characters (one article of N characters; load average "
          f"{', '.join(f'{x:.1f}' for x in __import__('os').getloadavg())})")
    print(f"{'N':>8} " + " ".join(f"{c:>8}" for c in cols) + f" {'stages':>8} {'total':>8} {'vs first':>8}"
          f" {'quotes':>6} {'events':>6}")
    first = None
    for r in rows:
        k = 1000 / r["chars"]
        per = {c: r[c] * 1000 * k for c in cols}
        r["ms_per_1000"] = {c: round(v, 1) for c, v in per.items()}
        r["ms_per_1000"]["stages"] = round(sum(per[c] for c in stages), 1)
        r["ms_per_1000"]["total"] = total = round(sum(per.values()), 1)
        first = first or total
        r["vs_first"] = round(total / first, 2)
        print(f"{r['chars']:>8} " + " ".join(f"{per[c]:>8.1f}" for c in cols)
              + f" {r['ms_per_1000']['stages']:>8.1f} {total:>8.1f} {r['vs_first']:>8.2f}"
              f" {r['quotes_found']:>6} {r['events_found']:>6}")
    (ROOT / "bench/results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench/results/long.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
