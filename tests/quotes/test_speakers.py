import pytest

from veille.quotes.lexicon import lexicon
from veille.quotes.speakers import Resolver
from veille.records import Entity, Mention

pytestmark = pytest.mark.model


def people(w, *specs):
    ents = []
    for i, (name, extra) in enumerate(specs, 1):
        ms, k = [], 0
        while (k := w.text.find(name, k)) >= 0:
            ms.append(Mention(k, k + len(name), name))
            k += len(name)
        ms += [Mention(w.text.index(p), w.text.index(p) + 2, p[:2], "pronoun") for p in extra]
        ents.append(Entity(f"e{i}", name, "PER", tuple(ms)))
    w.entities = ents
    return w


def at(w, words):
    s = w.text.rindex(words)
    return s, s + len(words)


def test_role_description_goes_to_the_name_it_stands_next_to(work):
    w = people(work("Paul Lenoir, le premier secrétaire du syndicat, a reçu Marc Aubert lundi. "
                    "Marc Aubert a répondu sans attendre. « Rien n'est joué », a ajouté le premier secrétaire du syndicat."),
               ("Paul Lenoir", ()), ("Marc Aubert", ()))
    sp = Resolver(w, lexicon("fr")).resolve(at(w, "le premier secrétaire du syndicat"), len(w.text) - 10).speaker
    assert sp is not None and sp.entity == "e1" and sp.name == "Paul Lenoir"


def test_feminine_pronoun_skips_a_man(work):
    w = people(work("Dany Dumont a parlé. Il a écouté. Jacques Morel est resté. Il a souri. "
                    "« Nous verrons demain », a-t-elle ajouté."),
               ("Dany Dumont", ()), ("Jacques Morel", ("Il a souri",)))
    s = w.text.index("elle ajouté")
    sp = Resolver(w, lexicon("fr")).resolve((s, s + 4), s).speaker
    assert sp is not None and sp.entity == "e1"


def test_a_circumstance_is_not_a_speaker(work):
    w = people(work("Face à la situation, rien n'a changé."))
    s, e = at(w, "Face à la situation")
    assert Resolver(w, lexicon("fr")).resolve((s, e), s).speaker is None


def test_a_quotation_running_to_the_end_of_the_text(work):
    w = people(work("Paul Lenoir a parlé. « Nous resterons ici"), ("Paul Lenoir", ()))
    r = Resolver(w, lexicon("fr"), [(21, len(w.text) + 1)])
    assert r._in_quote(len(w.text) - 1) and not r._in_quote(0)


@pytest.mark.parametrize("text", [
    "Le ministre Paul Lenoir a parlé. « Rien n'est joué », a dit le ministre.",
    # a capital sigma lowers to ς at the end of a word and to σ inside: a prefix cut before the
    # word's end is lowered otherwise than the whole text
    "L'armateur ΟΔΥΣΣΕΑΣ a parlé. « Rien », a dit l'armateur ΟΔΥΣΣΕΑΣ.",
    # a dotted capital I lowers to two characters: the normalised text is longer than the text
    "Le ministre İsmail Kaya a parlé. « Rien », a dit le ministre.",
])
def test_normalised_prefix_is_the_prefix_normalised(work, text):
    from veille.quotes.lexicon import norm
    resolver = Resolver(people(work(text), ("Paul Lenoir", ())), lexicon("fr"))
    for s in range(len(text) + 1):
        assert resolver._norm_prefix(s) == norm(text[:s])
