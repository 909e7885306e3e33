"""A person written as the subject inside reported words ("X a estimé que Y a menti") is
talked about, not speaking: the speaker ranker's "last subject" features skip such subjects."""
import pytest

from veille.quotes import ranker
from veille.quotes.lexicon import lexicon
from veille.quotes.speakers import Resolver

from quotes_helpers import named

pytestmark = pytest.mark.model

TEXT = ("Marc Aubert a estimé mardi que Paul Lenoir avait menti aux électeurs. "
        "« C'est une faute grave », a-t-il ajouté.")


def _drafts(w, with_report: bool):
    c = w.text.index("C'est une faute grave")
    s = w.text.index("il ajouté")
    quote = ranker.Draft(1, "direct", (c, c + len("C'est une faute grave")), None, (s, s + 2), None)
    if not with_report:
        return [quote]
    r = w.text.index("Paul Lenoir avait")
    e = w.text.index(" aux électeurs") + len(" aux électeurs")
    m = w.text.index("Marc Aubert")
    return [ranker.Draft(0, "indirect", (r, e), None, (m, m + len("Marc Aubert")), None), quote]


def _recent_subject(w, with_report: bool) -> dict[str, float]:
    drafts = _drafts(w, with_report)
    quotes = [drafts[-1].content]
    sc = ranker.scene(w, lexicon("fr"), Resolver(w, lexicon("fr"), quotes), drafts)
    d = drafts[-1]
    cands = ranker.candidates(sc, d, ranker.source(sc, d), ranker.Discourse())
    return {c.name: c.features.get("recent_subject_first", 0.0) for c in cands}


def test_a_subject_inside_reported_words_is_not_the_last_subject(work):
    w = named(work(TEXT), ("Marc Aubert", "PER"), ("Paul Lenoir", "PER"))
    if not _recent_subject(w, with_report=False).get("Paul Lenoir"):
        pytest.skip("the parser does not take Paul Lenoir for a subject here")
    feats = _recent_subject(w, with_report=True)
    assert feats["Marc Aubert"] == 1.0
    assert not feats["Paul Lenoir"]
