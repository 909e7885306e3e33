"""A larger invented corpus for the exploring views: 30 short dispatches over three months, each
with two events between invented actors of four countries and one quote, so that the lists
have more than one page and the facets and charts something to count."""
from __future__ import annotations

from datetime import date, timedelta

from veille.records import Actor, Analysis, Entity, Event, Mention, Quote, Source, Span, Speaker

ACTORS = [("Lena Kovar", "SVN", "GOV"), ("Tomas Reyes", "CHL", "GOV"), ("Amina Diallo", "SEN", "GOV"),
          ("Yusuf Ekin", "TUR", "MIL")]
TYPES = ["CONSULT", "ACCUSE", "AID", "THREATEN", "AGREE", "PROTEST"]


def dispatch(i: int) -> Analysis:
    day = (date(2022, 1, 3) + timedelta(days=3 * i)).isoformat()
    a, b = ACTORS[i % 4], ACTORS[(i + 1) % 4]
    first = f"{a[0]} a rencontré {b[0]} le {day} au sujet de l'accord numéro {i}."
    words = f"l'accord {i} reste fragile"
    second = f"« {words} », a dit {a[0]} aux journalistes."
    text = f"{first} {second} La suite de la dépêche {i} parle d'autre chose."
    ents = tuple(Entity(f"e{k + 1}", n, "PER", (Mention(text.index(n), text.index(n) + len(n), n),), c, s)
                 for k, (n, c, s) in enumerate((a, b)))
    sent = Span(0, len(first), first)
    trig = Span(len(a[0]) + 1, len(a[0]) + 12, text[len(a[0]) + 1:len(a[0]) + 12])
    actor_a, actor_b = Actor(a[0], "e1", a[1], a[2]), Actor(b[0], "e2", b[1], b[2])
    events = (Event(TYPES[i % 6], actor_a, sent, "actual", actor_b, None, day, None, trig),
              Event(TYPES[(i + 3) % 6], actor_b, sent, "planned" if i % 5 == 0 else "actual", actor_a, None, day,
                    None, trig))
    q_start = text.index(words)
    said = text.index(a[0], len(first))
    quote = Quote("direct", Span(q_start, q_start + len(words), words),
                  Speaker(a[0], "e1", Span(said, said + len(a[0]), a[0])), None)
    return Analysis(id=f"d{i}", source=Source(url=f"https://example.org/d/{i}", outlet="example"), text=text,
                    language="fr", title=f"Dépêche {i} : {a[0]} et {b[0]}", published=day, entities=ents,
                    quotes=(quote,), events=events)


def corpus(n: int = 30) -> list[Analysis]:
    return [dispatch(i) for i in range(n)]
