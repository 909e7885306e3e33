#!/usr/bin/env python3
"""Scale-out of `veille analyze` on one machine: the process pool against Dask.

    python bench/bench_cluster.py --data ../shared/data [--n 300]

Analyses the same N OrangeSum articles (as bench/bench_analyze.py picks them) through:

- ``pool``: veille's process pool, ``veille analyze --workers 1`` and ``--workers 2``;
- ``dask-local``: a Dask ``LocalCluster`` with 1 and 2 worker processes (one thread each),
  started by a client process that then runs ``veille analyze --scheduler ADDRESS`` in itself;
- ``dask-cli``: a scheduler and two workers started by hand as processes on loopback
  (``dask scheduler --port P``; ``dask worker tcp://127.0.0.1:P --nworkers 1 --nthreads 1``
  twice), then ``veille analyze --scheduler tcp://127.0.0.1:P`` as its own process.

For each run: wall seconds, CPU seconds (user + system) of every process of the run (client,
scheduler, nannies, workers), peak RSS of each worker process (the process that loads the
pipeline), articles per second, efficiency against the same engine's one worker
(speed-up / workers), and whether the analyses are the same as the process pool's with one
worker (JSON lines compared after dropping timing keys, if any).

The pool's wall and CPU time cover the whole command (its worker processes start and load the
model inside it). For Dask, the cluster is started first (``startup s``), and wall and CPU cover
the analysis on the running cluster: the client command, and the CPU the scheduler and workers
spend meanwhile; the workers load the model in their first batch, so that is included.
Every process it starts runs in its own process group and is killed on exit, on failure and on
Ctrl-C. Prints a table and writes bench/results/cluster.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
VEILLE = [sys.executable, "-m", "veille.cli"]
TIMING_KEYS = frozenset({"timings", "timing", "seconds", "elapsed", "elapsed_s", "duration"})

# The LocalCluster client: starts the cluster, reports its address and the CPU of the cluster's
# processes, runs the CLI in itself against it, reports again.
LOCAL = r"""
import json, sys, time, psutil
from distributed import LocalCluster
from veille.cli import main
out, workers, report = sys.argv[1], int(sys.argv[2]), sys.argv[3]
args = sys.argv[4:]
def tree():
    me = psutil.Process()
    procs = [me] + me.children(recursive=True)
    cpu = {}
    for p in procs:
        try:
            t = p.cpu_times()
            cpu[p.pid] = [t.user + t.system, t.system]
        except psutil.Error:
            pass
    return cpu
t0 = time.perf_counter()
with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
    cluster.wait_for_workers(workers)
    t1 = time.perf_counter()
    before = tree()
    try:
        main([*args, "--scheduler", cluster.scheduler_address, "-o", out], standalone_mode=False)
    finally:
        t2 = time.perf_counter()
        after = tree()
        workers_pids = [p.pid for p in psutil.Process().children(recursive=True)]
        json.dump({"startup": t1 - t0, "wall": t2 - t1, "before": before, "after": after,
                   "children": workers_pids}, open(report, "w"))
"""


def _load_bench_analyze():
    spec = importlib.util.spec_from_file_location("bench_analyze", ROOT / "bench" / "bench_analyze.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- processes ---------------------------------------------------------------------------------

class Processes:
    """Every process the bench starts, each in its own process group, all killed by ``close``
    (SIGTERM to the group, then SIGKILL after ``grace`` seconds); a context manager."""

    def __init__(self, grace: float = 5.0):
        self.grace = grace
        self.started: list[subprocess.Popen] = []

    def start(self, cmd: list[str], **kw) -> subprocess.Popen:
        p = subprocess.Popen(cmd, start_new_session=True, cwd=kw.pop("cwd", ROOT), **kw)
        self.started.append(p)
        return p

    def close(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            alive = [p for p in self.started if _group_alive(p.pid)]
            for p in alive:
                try:
                    os.killpg(p.pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + (self.grace if sig == signal.SIGTERM else 2.0)
            while time.monotonic() < deadline and any(_group_alive(p.pid) for p in alive):
                for p in alive:
                    try:
                        p.poll()
                    except ChildProcessError:
                        pass
                time.sleep(0.05)
        for p in self.started:
            try:
                p.wait(timeout=1)
            except (subprocess.TimeoutExpired, ChildProcessError):
                pass

    def __enter__(self) -> "Processes":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # zombies of ours still count as members: alive only if some member is not a zombie
    import psutil
    for p in psutil.process_iter(["pid"]):
        try:
            if os.getpgid(p.pid) == pgid and p.status() != psutil.STATUS_ZOMBIE:
                return True
        except (ProcessLookupError, psutil.Error):
            continue
    return False


def wait_rusage(p: subprocess.Popen) -> tuple[int, float, float]:
    """Wait for ``p``; (return code, CPU seconds (user + system) of it and of its reaped
    descendants, and of that the system seconds)."""
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, ru.ru_utime + ru.ru_stime, ru.ru_stime


class Watcher(threading.Thread):
    """Samples, every ``interval`` s, the descendants of this process: peak RSS (VmHWM) and
    command line of each, CPU seconds (own user + system) at the last sample."""

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval = interval
        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.cmd: dict[int, str] = {}
        self.parent: dict[int, int] = {}
        self._done = threading.Event()

    def run(self) -> None:
        import psutil
        me = psutil.Process()
        while not self._done.is_set():
            for p in me.children(recursive=True):
                try:
                    hwm = _vmhwm(p.pid)
                    t = p.cpu_times()
                    if p.pid not in self.cmd:
                        self.cmd[p.pid] = " ".join(p.cmdline())
                        self.parent[p.pid] = p.ppid()
                except (psutil.Error, OSError):
                    continue
                self.peak[p.pid] = max(self.peak.get(p.pid, 0), hwm)
                self.cpu[p.pid] = t.user + t.system
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _vmhwm(pid: int) -> int:
    """Peak resident set of a process, in KiB (0 if unknown)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _cpu_now(pids) -> dict[int, list[float]]:
    """pid -> [user + system, system] CPU seconds of each live process."""
    import psutil
    out = {}
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            out[pid] = [t.user + t.system, t.system]
        except psutil.Error:
            pass
    return out


def cpu_delta(before: dict, after: dict) -> tuple[float, float]:
    """(CPU, system) seconds spent between two ``_cpu_now`` readings by the processes of ``after``
    (a process absent from ``before`` started in between and counts whole)."""
    cpu = sum(v[0] - before.get(k, [0.0, 0.0])[0] for k, v in after.items())
    sys_ = sum(v[1] - before.get(k, [0.0, 0.0])[1] for k, v in after.items())
    return cpu, sys_


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- comparison and table --------------------------------------------------------------------

def strip_timings(node):
    """``node`` without keys that hold timings (so two runs of the same analysis compare equal)."""
    if isinstance(node, dict):
        return {k: strip_timings(v) for k, v in node.items() if k not in TIMING_KEYS}
    if isinstance(node, list):
        return [strip_timings(v) for v in node]
    return node


def compare(reference: Path, other: Path) -> dict:
    """Line-by-line comparison of two JSON Lines files of analyses, timings ignored."""
    a = reference.read_text(encoding="utf-8").splitlines()
    b = other.read_text(encoding="utf-8").splitlines()
    differ = sum(strip_timings(json.loads(x)) != strip_timings(json.loads(y)) for x, y in zip(a, b))
    differ += abs(len(a) - len(b))
    return {"lines": len(b), "reference_lines": len(a), "differ": differ, "same": differ == 0 and len(a) == len(b)}


def efficiency(rows: list[dict], articles: int) -> list[dict]:
    """Adds articles/s, speed-up and efficiency (speed-up / workers) against the one-worker row of
    the same engine (``base`` names another engine's row for engines without one)."""
    one = {r["engine"]: r for r in rows if r["workers"] == 1}
    for r in rows:
        r["articles_per_s"] = round(articles / r["seconds"], 2)
        base = one.get(r.get("base") or r["engine"])
        if base:
            r["speedup"] = round(base["seconds"] / r["seconds"], 2)
            r["efficiency"] = round(r["speedup"] / r["workers"], 2)
            r["cpu_vs_one"] = round(r["cpu_seconds"] / base["cpu_seconds"], 2)
        else:
            r["speedup"] = r["efficiency"] = r["cpu_vs_one"] = None
    return rows


HEAD = (f"{'engine':11} {'workers':>7} {'startup s':>9} {'seconds':>8} {'CPU s':>7} {'sys s':>6} {'art/s':>6} {'speed-up':>8} "
        f"{'efficiency':>10} {'CPU vs 1':>8} {'worker peak MiB':>16} {'same':>5}")


def table(rows: list[dict]) -> str:
    lines = [HEAD]
    for r in rows:
        peaks = "/".join(str(m) for m in r["worker_peak_mib"]) or "-"
        lines.append(f"{r['engine']:11} {r['workers']:>7} {r.get('startup_seconds') or '-':>9} {r['seconds']:>8} "
                     f"{r['cpu_seconds']:>7} {r.get('system_seconds', '-'):>6} {r['articles_per_s']:>6} {r['speedup'] if r['speedup'] is not None else '-':>8} "
                     f"{r['efficiency'] if r['efficiency'] is not None else '-':>10} "
                     f"{r['cpu_vs_one'] if r['cpu_vs_one'] is not None else '-':>8} {peaks:>16} "
                     f"{'yes' if r['same'] else 'NO':>5}")
    return "\n".join(lines)


# --- runs ------------------------------------------------------------------------------------

def is_dask_worker(cmd: str) -> bool:
    """A Dask worker process (started by a nanny through multiprocessing), not the nanny itself
    nor multiprocessing's resource tracker."""
    return ("spawn_main" in cmd or "forkserver" in cmd) and "resource_tracker" not in cmd


def _err(tmp: Path, name: str):
    return open(tmp / f"{name}.err", "wb")


def _tail(tmp: Path, name: str, n: int = 3000) -> str:
    return (tmp / f"{name}.err").read_bytes()[-n:].decode(errors="replace")


def run_pool(procs: Processes, path: Path, out: Path, workers: int, tmp: Path) -> dict:
    watcher = Watcher()
    watcher.start()
    t = time.perf_counter()
    p = procs.start([*VEILLE, "analyze", str(path), "--lang", "fr", "--workers", str(workers), "-o", str(out)],
                    stdout=subprocess.DEVNULL, stderr=_err(tmp, f"pool-{workers}"))
    rc, cpu, sys_s = wait_rusage(p)
    wall = time.perf_counter() - t
    watcher.stop()
    if rc != 0:
        raise SystemExit(f"pool run failed:\n{_tail(tmp, f'pool-{workers}')}")
    # forked workers: the command's children other than multiprocessing's resource tracker
    kids = [pid for pid, parent in watcher.parent.items() if parent == p.pid and "resource_tracker" not in watcher.cmd[pid]]
    if workers == 1 and not kids:
        kids = [p.pid]  # one worker: the pool analyses in the command's own process
    return {"engine": "pool", "workers": workers, "startup_seconds": None, "seconds": round(wall, 1),
            "cpu_seconds": round(cpu, 1), "system_seconds": round(sys_s, 1), "client_peak_mib": watcher.peak.get(p.pid, 0) // 1024,
            "worker_peak_mib": sorted(watcher.peak[k] // 1024 for k in kids if k in watcher.peak)}


def run_local(procs: Processes, path: Path, out: Path, workers: int, tmp: Path) -> dict:
    report = tmp / f"local-{workers}.json"
    watcher = Watcher()
    watcher.start()
    p = procs.start([sys.executable, "-c", LOCAL, str(out), str(workers), str(report), "analyze", str(path), "--lang", "fr"],
                    stdout=subprocess.DEVNULL, stderr=_err(tmp, f"local-{workers}"))
    rc, _, _ = wait_rusage(p)
    watcher.stop()
    if rc != 0 or not report.exists():
        raise SystemExit(f"LocalCluster run failed:\n{_tail(tmp, f'local-{workers}')}")
    rep = json.loads(report.read_text())
    before, after = rep["before"], rep["after"]
    cpu, sys_s = cpu_delta({int(k): v for k, v in before.items()}, {int(k): v for k, v in after.items()})
    kids = [int(k) for k in rep["children"] if is_dask_worker(watcher.cmd.get(int(k), ""))]
    return {"engine": "dask-local", "workers": workers, "startup_seconds": round(rep["startup"], 1),
            "seconds": round(rep["wall"], 1), "cpu_seconds": round(cpu, 1), "system_seconds": round(sys_s, 1),
            "worker_peak_mib": sorted(watcher.peak[k] // 1024 for k in kids if k in watcher.peak)}


def run_cli(procs: Processes, path: Path, out: Path, workers: int, tmp: Path) -> dict:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    watcher = Watcher()
    watcher.start()
    t0 = time.perf_counter()
    logs = []
    sched = procs.start([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                         "--dashboard-address", ":0", "--no-show"], stdout=subprocess.DEVNULL, stderr=_err(tmp, "scheduler"))
    logs.append(sched)
    for _ in range(workers):
        logs.append(procs.start([str(BIN / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1",
                                 "--no-dashboard", "--host", "127.0.0.1"], stdout=subprocess.DEVNULL,
                                stderr=_err(tmp, f"worker-{_}")))
    _wait_workers(address, workers, procs, tmp)
    t1 = time.perf_counter()
    import psutil
    tree = {sched.pid, *(q.pid for q in logs[1:])}
    for q in list(tree):
        tree.update(c.pid for c in psutil.Process(q).children(recursive=True))
    before = _cpu_now(tree)
    t = time.perf_counter()
    p = procs.start([*VEILLE, "analyze", str(path), "--lang", "fr", "--scheduler", address, "-o", str(out)],
                    stdout=subprocess.DEVNULL, stderr=_err(tmp, "client"))
    rc, client_cpu, client_sys = wait_rusage(p)
    wall = time.perf_counter() - t
    after = _cpu_now(tree)
    watcher.stop()
    if rc != 0:
        raise SystemExit(f"client of the hand-started cluster failed:\n{_tail(tmp, 'client')}")
    cpu, sys_s = cpu_delta(before, after)
    cpu, sys_s = cpu + client_cpu, sys_s + client_sys
    kids = [pid for pid in tree if is_dask_worker(watcher.cmd.get(pid, ""))]
    return {"engine": "dask-cli", "base": "dask-local", "workers": workers, "startup_seconds": round(t1 - t0, 1),
            "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "system_seconds": round(sys_s, 1),
            "client_cpu_seconds": round(client_cpu, 1),
            "worker_peak_mib": sorted(watcher.peak[k] // 1024 for k in kids if k in watcher.peak)}


def _wait_workers(address: str, n: int, procs: Processes, tmp: Path, timeout: float = 120.0) -> None:
    from distributed import Client
    deadline = time.monotonic() + timeout
    while True:
        try:
            with Client(address, timeout="5s") as c:
                c.wait_for_workers(n, timeout=max(1.0, deadline - time.monotonic()))
                return
        except (OSError, TimeoutError) as exc:
            if time.monotonic() > deadline or any(q.poll() is not None for q in procs.started):
                raise SystemExit(f"the hand-started cluster at {address} did not come up: {exc}\n{_tail(tmp, 'scheduler')}")
            time.sleep(0.5)


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=300, help="number of articles")
    ap.add_argument("--output", type=Path, default=ROOT / "bench/results/cluster.json")
    args = ap.parse_args(argv)
    if not (args.data / "orangesum/articles-dev.jsonl.gz").exists():
        raise SystemExit(f"OrangeSum articles not found under {args.data}")
    arts = _load_bench_analyze()._articles(args.data, args.n)
    signal.signal(signal.SIGTERM, _interrupt)
    rows = []
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as d, Processes() as procs:
        tmp = Path(d)
        path = tmp / "articles.jsonl"
        path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts), encoding="utf-8")
        ref = tmp / "pool-1.jsonl"
        plan = [("pool", 1), ("pool", 2), ("dask-local", 1), ("dask-local", 2), ("dask-cli", 2)]
        for engine, k in plan:
            out = tmp / f"{engine}-{k}.jsonl"
            if engine == "pool":
                row = run_pool(procs, path, out, k, tmp)
            elif engine == "dask-local":
                row = run_local(procs, path, out, k, tmp)
            else:
                row = run_cli(procs, path, out, k, tmp)
            procs.close()  # each run starts on a machine without the last run's processes
            procs.started.clear()
            row.update(compare(ref, out))
            rows.append(row)
            print(f"  {engine} {k}: {row['seconds']} s", file=sys.stderr, flush=True)
    efficiency(rows, len(arts))
    load_after = os.getloadavg()
    print(f"{len(arts)} OrangeSum articles, {os.cpu_count()} CPUs, load average {load[0]:.2f} before, "
          f"{load_after[0]:.2f} after")
    print(table(rows))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"articles": len(arts), "cpus": os.cpu_count(),
                                       "load_before": [round(x, 2) for x in load],
                                       "load_after": [round(x, 2) for x in load_after], "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
