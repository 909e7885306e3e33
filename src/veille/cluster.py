"""Running the analysis on more than one machine.

Two ways, both reusing ``pipeline.analyze_batch`` unchanged:

- Sharding (no extra software): ``veille analyze INPUT --shard K/N`` analyses only the
  K-th of N shards of the input stream (by position), so N machines, or N jobs of a batch
  scheduler such as a SLURM array, each write a part; ``veille ingest`` of the parts (or a
  simple ``cat``) puts them together.
- Dask (``pip install 'veille[cluster]'``): ``veille analyze INPUT --scheduler tcp://HOST:8786``
  sends batches to the workers of a running Dask cluster and streams the results back in
  input order, with a bounded number of batches in flight.
"""
from __future__ import annotations

import logging
from collections import deque
from itertools import islice
from typing import Iterable, Iterator, TypeVar

from .errors import ConfigError
from .options import Options
from .pipeline import Failure, analyze_batch
from .records import Analysis, RawArticle
from .errors import InputError

log = logging.getLogger(__name__)
T = TypeVar("T")


def parse_shard(spec: str) -> tuple[int, int]:
    """"K/N" (1 <= K <= N) -> (K, N)."""
    try:
        k, n = (int(x) for x in spec.split("/"))
    except ValueError as exc:
        raise ConfigError(f"shard must be K/N, e.g. 2/8, not {spec!r}") from exc
    if not 1 <= k <= n:
        raise ConfigError(f"shard {spec!r}: K must be between 1 and N")
    return k, n


def shard(items: Iterable[T], k: int, n: int) -> Iterator[T]:
    """The items whose position p (from 0) satisfies p % n == k - 1."""
    return islice(items, k - 1, None, n)


_worker_ready = False


def analyze_batch_on_worker(batch: list[RawArticle | InputError], options: Options) -> list[Analysis | Failure]:
    """``analyze_batch`` in a Dask worker process, which first (once per process) keeps freed
    memory for the next batches as ``veille analyze`` does in its own processes: a Dask nanny
    starts its workers with ``MALLOC_TRIM_THRESHOLD_`` set, which also turns off glibc's
    adaptive mmap threshold, so each of the models' arrays would be mapped, faulted in and
    unmapped again at every layer of every batch (see ``nlp.reuse_freed_memory``)."""
    global _worker_ready
    if not _worker_ready:
        from . import nlp
        nlp.reuse_freed_memory()
        _worker_ready = True
    return analyze_batch(batch, options)


def analyze_on_dask(items: Iterable[RawArticle | InputError], options: Options, address: str,
                    in_flight: int | None = None, connect_timeout: str = "20s") -> Iterator[Analysis | Failure]:
    """Analyse on a Dask cluster at ``address``; results in input order."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ConfigError("the Dask engine needs: pip install 'veille[cluster]'") from exc
    try:
        client = Client(address, timeout=connect_timeout)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = in_flight or workers * 2
        window: deque = deque()
        it = iter(items)
        while batch := list(islice(it, options.batch_size)):
            window.append(client.submit(analyze_batch_on_worker, batch, options, pure=False))
            if len(window) >= limit:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        client.close()
