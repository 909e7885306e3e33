from veille.records import (Actor, Analysis, Entity, Event, Mention, Quote, Removal, Source, Span, Speaker,
                            TimeExpr)
from veille.work import Work
from veille.options import Options

TEXT = "Mike Pompeo a dit : « Oui. » Il partira le 13 mai."


def _analysis():
    return Analysis(
        id="x", source=Source(path="p"), text=TEXT, language="fr", title="T", published="2019-05-10",
        removed=(Removal("Publicité", "advertisement"),),
        entities=(Entity("e1", "Mike Pompeo", "PER", (Mention(0, 11, "Mike Pompeo"), Mention(29, 31, "Il", "pronoun", 0.8)),
                         "USA", "GOV", "secrétaire d'État", "kb:pompeo"),),
        quotes=(Quote("direct", Span.of(TEXT, 22, 26), Speaker("Mike Pompeo", "e1", Span.of(TEXT, 0, 11)), Span.of(TEXT, 12, 18)),),
        times=(TimeExpr(TEXT.index("13 mai"), TEXT.index("13 mai") + 6, "13 mai", "DATE", "2019-05-13"),),
        events=(Event("CONSULT", Actor("Mike Pompeo", "e1", "USA", "GOV"), Span.of(TEXT, 29, 49), "planned",
                      None, "visit", "2019-05-13", None, Span.of(TEXT, 32, 39)),))


def test_to_dict_is_the_contract_and_round_trips():
    d = _analysis().to_dict()
    assert list(d)[:8] == ["schema", "id", "source", "title", "published", "language", "text", "removed"]
    assert d["schema"] == 1 and d["entities"][0]["mentions"][1]["kind"] == "pronoun"
    for s in [d["quotes"][0]["content"], d["quotes"][0]["cue"], d["events"][0]["evidence"], d["times"][0]]:
        assert d["text"][s["start"]:s["end"]] == s["text"]
    assert Analysis.from_dict(d).to_dict() == d


def test_work_entity_helpers():
    w = Work(id="x", source=Source(), text=TEXT, language="fr", options=Options())
    w.entities = [Entity("e1", "Mike Pompeo", "PER", (Mention(0, 11, "Mike Pompeo"),))]
    w.add_mention("e1", Mention(29, 31, "Il", "pronoun"))
    w.add_mention("e1", Mention(29, 31, "Il", "pronoun"))  # idempotent
    assert [m.text for m in w.entities[0].mentions] == ["Mike Pompeo", "Il"]
    ent, m = w.entity_at(29, 31)
    assert ent.id == "e1" and m.kind == "pronoun"
    assert w.entity_at(12, 18) is None
