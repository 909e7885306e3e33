"""The fast ingest path stores what the plain one stores: MinHash signatures computed in one
pass equal datasketch's, and a batch whose annotation rows are written together (one multi-row
insert per table, ``COPY`` on PostgreSQL) gives the very rows of the article-by-article path."""
from __future__ import annotations

import numpy as np
import pytest

from veille.store import neardup
from veille.store.text import shingles

TEXTS = [
    "",
    "Trois mots seulement",
    "Le maire a présenté le budget.",
    "Élysée : la réunion des ministres est reportée à jeudi, a indiqué l'Élysée ; la réunion des ministres "
    "est reportée, une fois encore, à jeudi prochain. " * 3,
    "Le conseil régional a voté le plan de soutien aux pêcheurs, puis le conseil régional a voté le budget.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_signatures_are_datasketch_s_bit_for_bit(text):
    from datasketch import MinHash
    permutations, scheme = neardup._template(neardup.NUM_PERM)
    m = MinHash(num_perm=neardup.NUM_PERM, permutations=permutations, scheme=scheme)
    grams = shingles(text)
    if grams:
        m.update_batch([g.encode("utf-8") for g in grams])
    sig = neardup.signature(text)
    assert sig.dtype == np.uint64 and np.array_equal(sig, m.hashvalues.astype(np.uint64))


def test_the_shingle_list_is_the_shingle_set_with_its_repeats():
    for text in TEXTS:
        grams = neardup._shingle_list(text)
        assert set(grams) == shingles(text)
    assert len(neardup._shingle_list(TEXTS[3])) > len(shingles(TEXTS[3]))  # repeats: same signature (above)
