"""A small invented corpus for counting: events of several types, countries, months and
factualities, quotes of several kinds, one far-off date, coarse dates and one wire copy."""
from __future__ import annotations

from veille.records import Actor, Entity, Event, Mention, Quote, Span, Speaker

from kb_samples import analysis

PEOPLE = {  # name -> (type, country, sector)
    "Claire Valmont": ("PER", "FRA", "GOV"), "Anton Berg": ("PER", "DEU", "GOV"),
    "Ruth Calder": ("PER", "USA", "GOV"), "Union des pêcheurs": ("ORG", "FRA", "CVL"),
    "Reza Tahmasbi": ("PER", "IRN", "MIL"),
}

# (id, published, events as (type, source, target, factuality, date), quotes as (speaker, kind, words))
ARTICLES = [
    ("n1", "2019-04-02", [("CONSULT", "Claire Valmont", "Anton Berg", "actual", "2019-04-01"),
                          ("ACCUSE", "Ruth Calder", "Claire Valmont", "actual", None)],
     [("Claire Valmont", "direct", "la pêche doit rester libre"), ("Anton Berg", "indirect", "rien n'est signé")]),
    ("n2", "2019-04-20", [("AGREE", "Claire Valmont", "Anton Berg", "planned", "2019-04-25"),
                          ("THREATEN", "Ruth Calder", "Reza Tahmasbi", "possible", None),
                          ("ACCUSE", "Reza Tahmasbi", "Ruth Calder", "actual", None)],
     [("Ruth Calder", "mixed", "nous ne céderons pas sur la pêche")]),
    ("n3", "2019-05-03", [("ASSAULT", "Reza Tahmasbi", None, "actual", "2019-05"),
                          ("PROTEST", "Union des pêcheurs", "Claire Valmont", "actual", "2019"),
                          ("ACCUSE", "Claire Valmont", "Claire Valmont", "actual", None)],
     [("Union des pêcheurs", "direct", "les quotas nous ruinent")]),
    ("n4", "2019-06-15", [("AID", "Anton Berg", "Claire Valmont", "actual", None),
                          ("SUPPORT", "Ruth Calder", "Anton Berg", "negated", "1945-05-08"),
                          ("CONSULT", "Anton Berg", "Claire Valmont", "actual", None)],
     [("Anton Berg", "direct", "nous aiderons les ports de pêche"), ("Claire Valmont", "direct", "merci")]),
]


def _article(ident: str, published: str, events, quotes):
    words = [f"Article {ident} du {published} sur la pêche."]
    names = sorted({n for e in events for n in e[1:3] if n} | {q[0] for q in quotes})
    words += [f"{n} est cité." for n in names]
    words += [f"« {q[2]} », dit {q[0]}." for q in quotes]
    text = " ".join(words) + " " + ("Le reste du texte parle d'autre chose. " * 12).strip()

    def at(part: str, after: int = 0) -> Span:
        start = text.index(part, after)
        return Span(start, start + len(part), part)

    ents = []
    for i, n in enumerate(names):
        t, country, sector = PEOPLE[n]
        s = at(n)
        ents.append(Entity(f"e{i + 1}", n, t, (Mention(s.start, s.end, s.text),), country, sector))
    eid = {e.name: e.id for e in ents}

    def actor(n):
        return Actor(n, eid[n], PEOPLE[n][1], PEOPLE[n][2]) if n else None

    first = at(words[0])
    evs = [Event(t, actor(s), first, f, actor(tg), None, d, None, Span(first.start, first.start + 7, "Article"))
           for t, s, tg, f, d in events]
    qs = [Quote(kind, at(w), Speaker(n, eid[n], at(n)), None) for n, kind, w in quotes]
    return analysis(ident, text, published=published, url=f"https://example.org/{ident}", entities=ents,
                    quotes=qs, events=evs, title=f"Titre {ident}")


def corpus():
    """The four articles, then a wire copy of the last one (a near-duplicate)."""
    arts = [_article(*a) for a in ARTICLES]
    last = arts[-1]
    from dataclasses import replace
    copy = replace(last, id="n4-copy", text=last.text.replace("d'autre chose.", "d'autre chose !", 1),
                   source=replace(last.source, url="https://example.org/n4-copy"))
    return [*arts, copy]
