"""bench/bench_cluster.py's helpers: the efficiency table, the comparison of analyses (timings
ignored), the recognition of worker processes, and the cleanup of every process it starts."""
from __future__ import annotations

import json
import sys
import time


def test_efficiency_against_the_same_engine_one_worker(repo_script):
    b = repo_script("bench/bench_cluster.py")
    rows = [
        {"engine": "pool", "workers": 1, "seconds": 60.0, "cpu_seconds": 50.0},
        {"engine": "pool", "workers": 2, "seconds": 40.0, "cpu_seconds": 55.0},
        {"engine": "dask-local", "workers": 1, "seconds": 50.0, "cpu_seconds": 45.0},
        {"engine": "dask-cli", "base": "dask-local", "workers": 2, "seconds": 25.0, "cpu_seconds": 45.0},
        {"engine": "other", "workers": 2, "seconds": 30.0, "cpu_seconds": 40.0},
    ]
    b.efficiency(rows, 300)
    assert rows[0]["articles_per_s"] == 5.0 and rows[0]["efficiency"] == 1.0
    assert rows[1]["speedup"] == 1.5 and rows[1]["efficiency"] == 0.75 and rows[1]["cpu_vs_one"] == 1.1
    assert rows[3]["speedup"] == 2.0 and rows[3]["efficiency"] == 1.0  # against dask-local's one worker
    assert rows[4]["speedup"] is None and rows[4]["efficiency"] is None
    for r in rows:
        r.update(worker_peak_mib=[700], same=True, startup_seconds=None)
    text = b.table(rows)
    assert text.splitlines()[0] == b.HEAD and len(text.splitlines()) == 6


def test_cpu_delta_counts_new_processes_whole(repo_script):
    b = repo_script("bench/bench_cluster.py")
    assert b.cpu_delta({1: [2.0, 0.5]}, {1: [5.0, 1.0], 2: [1.5, 0.25]}) == (4.5, 0.75)


def test_compare_ignores_timings_only(tmp_path, repo_script):
    b = repo_script("bench/bench_cluster.py")
    ref, same, other, short = (tmp_path / n for n in ("ref", "same", "other", "short"))
    lines = [{"id": "1", "quotes": [{"text": "a", "timings": {"x": 1}}]}, {"id": "2", "seconds": 3.0}]
    ref.write_text("".join(json.dumps(x) + "\n" for x in lines))
    lines[0]["quotes"][0]["timings"] = {"x": 9}
    lines[1]["seconds"] = 4.0
    same.write_text("".join(json.dumps(x) + "\n" for x in lines))
    lines[1]["id"] = "3"
    other.write_text("".join(json.dumps(x) + "\n" for x in lines))
    short.write_text(json.dumps(lines[0]) + "\n")
    assert b.compare(ref, same)["same"] is True
    assert b.compare(ref, other) == {"lines": 2, "reference_lines": 2, "differ": 1, "same": False}
    assert b.compare(ref, short)["same"] is False


def test_worker_processes_are_recognised(repo_script):
    b = repo_script("bench/bench_cluster.py")
    assert b.is_dask_worker("python -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=9)")
    assert not b.is_dask_worker("python -c from multiprocessing.resource_tracker import main;main(4)")
    assert not b.is_dask_worker("python dask worker tcp://127.0.0.1:1 --nworkers 1")


def test_close_kills_the_whole_process_group(repo_script):
    b = repo_script("bench/bench_cluster.py")
    procs = b.Processes(grace=2.0)
    # a shell that ignores SIGTERM, with a grandchild: both must go
    p = procs.start([sys.executable, "-c", "import signal, subprocess, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                     "subprocess.Popen(['sleep', '60']); time.sleep(60)"])
    time.sleep(0.5)
    assert b._group_alive(p.pid)
    t = time.monotonic()
    procs.close()
    assert not b._group_alive(p.pid)
    assert p.returncode is not None and time.monotonic() - t < 10
