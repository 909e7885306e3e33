"""Near-duplicate detection: wire copies of one dispatch republished by several outlets.

Each article gets a MinHash signature (datasketch's, 128 permutations) of its word 5-shingles.
The signature is cut into LSH bands whose hashes go into the ``lsh`` table, so candidates are
found with one indexed query, across runs and on both backends, without holding an index
in memory. A candidate whose estimated Jaccard similarity reaches the threshold (0.8 by
default: the same dispatch with a changed headline, lede or closing paragraph) joins the two
articles' clusters; nothing is dropped.

A cluster's *original* is its earliest published article (ties: the smallest content hash),
and every other member is linked to it (``duplicate_of``), so the links are the same whatever
the order articles were stored in: a cluster is the connected set of pairs over the threshold,
and each pair is seen when the later of its two articles is stored.
"""
from __future__ import annotations

import functools
import hashlib
import numpy as np

from .text import _WORD, fold

NUM_PERM = 128
SHINGLE = 5        # words per shingle
DEFAULT_THRESHOLD = 0.8


@functools.lru_cache(maxsize=None)
def bands(threshold: float, num_perm: int = NUM_PERM, weights: tuple[float, float] = (0.05, 0.95)) -> tuple[int, int]:
    """(bands, rows per band) for ``threshold``, favouring recall: datasketch's ``MinHashLSH``
    choice, the layout of at most ``num_perm`` rows that minimises the weighted false positive
    and false negative areas (computed here without loading datasketch and scipy).

    Every candidate is checked against its full signature, so a false positive costs one
    comparison while a false negative loses a duplicate: weights 0.05/0.95 give 16 bands of 8
    rows at 0.8, which finds 95% of pairs at similarity 0.8 and 99% at 0.85.
    """
    fp_weight, fn_weight = weights
    # The probability that a pair of similarity s shares a band, 1 - (1 - s^r)^b, is a
    # polynomial of degree b*r <= num_perm: Gauss-Legendre with num_perm/2 + 1 nodes integrates
    # it exactly.
    x, w = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def area(lo: float, hi: float, b: int, r: int, miss: bool) -> float:
        s = (hi - lo) / 2 * x + (hi + lo) / 2
        p = 1 - (1 - s ** float(r)) ** float(b)
        return float((hi - lo) / 2 * np.dot(w, 1 - p if miss else p))

    best, layout_ = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = area(0.0, threshold, b, r, False) * fp_weight + area(threshold, 1.0, b, r, True) * fn_weight
            if error < best:
                best, layout_ = error, (b, r)
    if layout_[0] < 2:
        raise ValueError("The number of bands are too small (b < 2)")  # as datasketch
    return layout_


# The signature: datasketch's MinHash (version 2's default "affine32" scheme, seed 1) of the
# SHA-1 values of the shingles, bit for bit (tests/store/test_store_batched.py compares them),
# computed here in one pass and without loading datasketch (and scipy, which it imports).
_SEED = 1
# MurmurHash3's 32-bit finalizer, applied to each SHA-1 value before the permutations.
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)
_EMPTY32 = 0xFFFFFFFF


@functools.lru_cache(maxsize=None)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine permutations h -> a*h + b mod 2^32 (a odd), drawn once."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature of the text's word 5-shingles (``text.shingles``): the SHA-1 digests
    of every shingle joined into one buffer, the permutations and the minimum as array
    operations, instead of one hash-function call per shingle."""
    grams = _shingle_list(text)
    if not grams:
        return np.full(num_perm, _EMPTY32, dtype=np.uint64)
    sha1 = hashlib.sha1
    # The first 4 bytes of each digest, little-endian (a digest is 20 bytes, so every fifth
    # 32-bit word of the joined buffer).
    hv = np.frombuffer(b"".join([sha1(g.encode("utf-8")).digest() for g in grams]), dtype="<u4")[::5]
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * np.uint32(m1)
    hv = hv ^ (hv >> s2)
    hv = hv * np.uint32(m2)
    hv = hv ^ (hv >> s3)
    a, b = _permutations(num_perm)
    return (hv[:, None] * a + b).min(axis=0).astype(np.uint64)  # arithmetic modulo 2^32


def _shingle_list(text: str, size: int = SHINGLE) -> list[str]:
    """The shingles of ``text.shingles`` as a list, repeats kept (they leave the minimum as it is)."""
    words = _WORD.findall(fold(text))
    if len(words) < size:
        return [" ".join(words)] if words else []
    return list(map(" ".join, zip(*(words[i:] for i in range(size)))))


def layout(store, threshold: float) -> tuple[int, int]:
    """The base's band layout: set by its first ingest, kept for good, since band keys are only
    comparable within one layout. A later, lower threshold still works, with lower recall."""
    row = store.row("SELECT value FROM meta WHERE key = 'lsh_layout'")
    if row:
        b, r = (int(x) for x in row["value"].split("x"))
        return b, r
    b, r = bands(threshold)
    store.execute("INSERT INTO meta(key, value) VALUES ('lsh_layout', ?) ON CONFLICT (key) DO NOTHING", (f"{b}x{r}",))
    return layout(store, threshold)


def band_keys(sig: np.ndarray, b: int, r: int) -> list[tuple[int, int]]:
    """(band, key) pairs; a key is a signed 64-bit hash of the band's rows (fits BIGINT)."""
    out = []
    for i in range(b):
        digest = hashlib.blake2b(sig[i * r:(i + 1) * r].tobytes(), digest_size=8).digest()
        out.append((i, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b)) if len(a) == len(b) and len(a) else 0.0


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes | memoryview | None) -> np.ndarray | None:
    return np.frombuffer(bytes(data), dtype="<u8") if data else None


def _canonical(r: dict) -> tuple:
    return (r["published"] is None, r["published"] or "", r["content_hash"])


def link(store, article_id: int, sig: np.ndarray, keys: list[tuple[int, int]], threshold: float,
         hits: set[int] | None = None) -> tuple[bool, set[int]]:
    """Join a stored article to the clusters of the articles it nearly duplicates and link every
    member of the merged cluster to its original. Returns whether the article has copies or is
    one, and the other articles that became or stopped being copies (their counts change).
    ``hits``: the articles that share a band with it, when already known (else looked up)."""
    if not keys:
        return False, set()
    if hits is None:
        wanted = set(keys)
        marks = ",".join("?" * len(keys))
        hits = {r["article_id"] for r in store.rows(
            f"SELECT band, key, article_id FROM lsh WHERE key IN ({marks})", [k for _, k in keys])
            if (r["band"], r["key"]) in wanted}
    hits = hits - {article_id}
    if not hits:
        return False, set()
    roots = {r["duplicate_of"] or r["id"] for r in store.rows(
        f"SELECT id, minhash, duplicate_of FROM articles WHERE id IN ({','.join('?' * len(hits))})", sorted(hits))
        if similarity(sig, from_bytes(r["minhash"])) >= threshold}
    if not roots:
        return False, set()
    marks = ",".join("?" * len(roots))
    members = store.rows(
        "SELECT id, published, content_hash, minhash, duplicate_of FROM articles "
        f"WHERE id = ? OR id IN ({marks}) OR duplicate_of IN ({marks})", [article_id, *sorted(roots), *sorted(roots)])
    original = min(members, key=_canonical)
    osig = from_bytes(original["minhash"])
    flipped = set()
    for m in sorted(members, key=lambda m: m["id"]):
        target = None if m["id"] == original["id"] else original["id"]
        if m["duplicate_of"] == target and m["id"] != article_id:
            continue
        sim = None if target is None else round(similarity(from_bytes(m["minhash"]), osig), 4)
        store.execute("UPDATE articles SET duplicate_of = ?, similarity = ? WHERE id = ?", (target, sim, m["id"]))
        if m["id"] != article_id and (m["duplicate_of"] is None) != (target is None):
            flipped.add(m["id"])
    return True, flipped


def relink_all(store, threshold: float) -> None:
    """Every near-duplicate link made again from the stored signatures (``actors.reindex``)."""
    store.execute("UPDATE articles SET duplicate_of = NULL, similarity = NULL")
    b, r = layout(store, threshold)
    ids = [row["id"] for row in store.rows("SELECT id FROM articles ORDER BY id")]
    for i in range(0, len(ids), 1000):
        chunk = ids[i:i + 1000]
        for row in store.rows(f"SELECT id, minhash FROM articles WHERE id IN ({','.join('?' * len(chunk))}) "
                              "ORDER BY id", chunk):
            sig = from_bytes(row["minhash"])
            if sig is not None:
                link(store, row["id"], sig, band_keys(sig, b, r), threshold)
