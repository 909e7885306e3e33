"""Cue verbs the word lists lack, judged by their lemma's vector.

A verb outside the lists, written where a cue stands (an incise after a quotation, ``« ... »,
souffle-t-elle``; a colon before one, ``Il illustre : « ... »``), is read as a cue when its
lemma's vector (the spaCy model's) is near the lists' own cue verbs: the mean cosine of its
``SIMILAR_NEIGHBOURS`` nearest list lemmas, at least ``[lexicon] similar_cue_min``. The mean of
a few neighbours rather than the nearest one: the model's vectors are shared by several words
(a rare word may share one with a list verb and get a cosine of 1 by chance).
"""
from __future__ import annotations

from .lexicon import Lexicon

# list lemmas whose cosines are averaged
SIMILAR_NEIGHBOURS = 5

_MATRICES: dict[tuple[int, int], object] = {}


def _unit_matrix(lex: Lexicon, vocab):
    """The unit vectors of the list lemmas that have one, for one vocabulary (cached)."""
    import numpy as np
    key = (id(lex), id(vocab))
    hit = _MATRICES.get(key)
    if hit is None:
        rows = []
        for lemma in sorted(lex.lemmas):
            lx = vocab[lemma]
            if lx.has_vector:
                rows.append(lx.vector / (np.linalg.norm(lx.vector) or 1.0))
        hit = _MATRICES[key] = np.array(rows) if rows else None
    return hit


def similarity(token, lex: Lexicon) -> float:
    """How near the token's lemma is to the lists' cue verbs (0 when it has no vector, is a
    light verb of ``[lexicon] not_cues``, or the lists hold it already)."""
    import numpy as np
    lemma = token.lemma_.lower()
    if not lemma.isalpha() or lemma in lex.lemmas or lemma in lex.not_cues:
        return 0.0
    vocab = token.doc.vocab
    lx = vocab[lemma]
    matrix = _unit_matrix(lex, vocab)
    if matrix is None or not lx.has_vector:
        return 0.0
    sims = matrix @ (lx.vector / (np.linalg.norm(lx.vector) or 1.0))
    k = min(SIMILAR_NEIGHBOURS, len(sims))
    return float(np.sort(sims)[-k:].mean())
