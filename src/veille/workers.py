"""Work handed to forked worker processes, its results taken back in the order it was given.

Used by the analysis (``pipeline.analyze_many``) and by the ingest of analyses
(``store.prepare.prepared_lines``): one place for the pool's life, from its start to a stop that
leaves no worker behind.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator, NamedTuple


class Ready(NamedTuple):
    """A result already at hand, given back in its place among the workers' results."""
    value: Any


def fork_context():
    """Forked workers inherit what this process has loaded (models, resources: copy-on-write)."""
    import multiprocessing
    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def _worker_start() -> None:
    """A forked worker stops on SIGTERM (``Process.terminate``) even when the process it was
    forked from handles that signal (a server's graceful shutdown)."""
    import signal
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def in_order(fn: Callable[[Any], Any], jobs: Iterable[Any], processes: int, ahead: int) -> Iterator[Any]:
    """``fn(job)`` for each job, run by ``processes`` forked workers, the results yielded in the
    order of the jobs; a ``Ready`` job yields its value in its place. At most ``ahead`` jobs wait
    beyond the one taken back. Ctrl-C, or a consumer that stops early, drops the jobs not started
    and stops the workers, which would otherwise finish the jobs already handed to them."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=processes, mp_context=fork_context(), initializer=_worker_start)
    window: deque = deque()

    def take() -> Any:
        head = window.popleft()
        return head.value if isinstance(head, Ready) else head.result()
    try:
        for job in jobs:
            window.append(job if isinstance(job, Ready) else pool.submit(fn, job))
            while len(window) > ahead:
                yield take()
        while window:
            yield take()
    except BaseException:
        processes_ = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes_:
            process.terminate()
        for process in processes_:
            process.join(5)
            if process.is_alive():  # stopped in a call that outlived the signal
                process.kill()
        raise
    pool.shutdown()
