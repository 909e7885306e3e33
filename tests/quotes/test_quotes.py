import pytest

from veille.quotes import annotate
from veille.records import Entity, Mention

pytestmark = pytest.mark.model


def with_people(w, *names):
    ents = []
    for i, name in enumerate(names, 1):
        ms, k = [], 0
        while (k := w.text.find(name, k)) >= 0:
            ms.append(Mention(k, k + len(name), name))
            k += len(name)
        ents.append(Entity(f"e{i}", name, "PER", tuple(ms)))
    w.entities = ents
    return w


def kinds(w):
    return [(q.kind, q.content.text, q.speaker.name if q.speaker else None) for q in w.quotes]


def test_direct_quote_with_inverted_pronoun(work):
    w = with_people(work("Hélène Vasseur est arrivée lundi. « Nous allons rouvrir l'usine dès le mois prochain », a-t-elle déclaré."),
                    "Hélène Vasseur")
    annotate(w)
    assert kinds(w) == [("direct", "Nous allons rouvrir l'usine dès le mois prochain", "Hélène Vasseur")]
    q = w.quotes[0]
    assert q.cue.text == "a-t-elle déclaré" and q.speaker.mention.text == "elle"
    # the quote stage proposes the pronoun as a mention; the entity stage adopts it
    assert not any(m.kind == "pronoun" for m in w.entities[0].mentions)
    (eid, mention), = w.proposed_mentions
    assert eid == "e1" and mention.kind == "pronoun" and mention.text == "elle" and 0 < mention.confidence <= 1
    from veille.who import adopt_mentions
    adopt_mentions(w)
    assert any(m.kind == "pronoun" and m.text == "elle" for m in w.entities[0].mentions)


def test_incise_splits_one_quotation_in_two(work):
    w = with_people(work("« Le projet est prêt, a expliqué Paul Lenoir, et les travaux commencent demain. »"), "Paul Lenoir")
    annotate(w)
    assert [q.content.text for q in w.quotes] == ["Le projet est prêt", "et les travaux commencent demain."]
    assert {q.speaker.name for q in w.quotes} == {"Paul Lenoir"}


def test_indirect_quote_after_que(work):
    w = with_people(work("Paul Lenoir a assuré mardi que la ligne serait rouverte en juin."), "Paul Lenoir")
    annotate(w)
    assert kinds(w) == [("indirect", "la ligne serait rouverte en juin", "Paul Lenoir")]


def test_selon_and_postposed_cue(work):
    w = with_people(work("Le chantier a pris trois mois de retard, selon la mairie. Les coûts ont doublé, a précisé Paul Lenoir."),
                    "Paul Lenoir")
    annotate(w)
    assert kinds(w) == [("indirect", "Le chantier a pris trois mois de retard", "la mairie"),
                        ("indirect", "Les coûts ont doublé", "Paul Lenoir")]


def test_mixed_quote_holds_a_quoted_fragment(work):
    w = with_people(work("Paul Lenoir a estimé que la réforme était « profondément injuste » pour les salariés."), "Paul Lenoir")
    annotate(w)
    assert kinds(w) == [("mixed", "la réforme était « profondément injuste » pour les salariés", "Paul Lenoir")]


def test_a_term_in_quotation_marks_is_not_a_quote(work):
    w = with_people(work("Le mouvement des « bonnets verts » a manifesté samedi dans le centre-ville."))
    annotate(w)
    assert w.quotes == []


def test_english_said_and_according_to(work):
    w = with_people(work("The bridge will close in May, Mark Ellison said. According to the council, repairs will cost $2 million.", "en"),
                    "Mark Ellison")
    annotate(w)
    assert kinds(w) == [("indirect", "The bridge will close in May", "Mark Ellison"),
                        ("indirect", "repairs will cost $2 million", "the council")]


def test_spans_index_the_text(work):
    w = with_people(work("« Rien n'est décidé », a dit Paul Lenoir, selon qui « tout reste ouvert »."), "Paul Lenoir")
    annotate(w)
    for q in w.quotes:
        for span in (q.content, q.cue, q.speaker and q.speaker.mention):
            if span:
                assert w.text[span.start:span.end] == span.text


def test_colon_introduces_a_direct_quote(work):
    w = with_people(work("Paul Lenoir a prévenu : « Nous ne céderons rien sur les salaires. »"), "Paul Lenoir")
    annotate(w)
    assert kinds(w) == [("direct", "Nous ne céderons rien sur les salaires.", "Paul Lenoir")]
    assert w.quotes[0].cue.text == "a prévenu"


def test_fragment_near_a_cue_makes_its_clause_mixed(work):
    w = with_people(work("L'usine a fermé lundi, un arrêt qui n'a « aucune conséquence sur l'emploi », a précisé Paul Lenoir."),
                    "Paul Lenoir")
    annotate(w)
    assert [(q.kind, q.speaker.name) for q in w.quotes] == [("mixed", "Paul Lenoir")]
    assert "aucune conséquence sur l'emploi" in w.quotes[0].content.text
    assert w.quotes[0].content.text != "aucune conséquence sur l'emploi"


def test_source_with_apposition_after_selon(work):
    w = with_people(work("Selon Hélène Vasseur, directrice du centre, les travaux dureront deux ans."), "Hélène Vasseur")
    annotate(w)
    assert kinds(w) == [("indirect", "les travaux dureront deux ans", "Hélène Vasseur")]


def test_role_noun_resolves_to_the_person_it_was_attached_to(work):
    w = with_people(work("Le maire de Lens, Paul Lenoir, a visité le chantier. La ligne rouvrira en juin, a assuré l'édile à la presse."),
                    "Paul Lenoir")
    annotate(w)
    assert [(q.content.text, q.speaker.name) for q in w.quotes] == [("La ligne rouvrira en juin", "Paul Lenoir")]
