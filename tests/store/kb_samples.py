"""Analyses built by hand for the knowledge-base tests (no model needed)."""
from __future__ import annotations

from veille.records import Actor, Analysis, Entity, Event, Mention, Quote, Removal, Source, Span, Speaker, TimeExpr


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


def entity(text: str, eid: str, name: str, type: str, parts: list[str], **kw) -> Entity:
    mentions = tuple(Mention(s.start, s.end, s.text) for s in (span(text, p) for p in parts))
    return Entity(eid, name, type, mentions, **kw)


def analysis(id: str, text: str, *, published: str | None = "2019-05-10", url: str | None = None,
             entities=(), quotes=(), times=(), events=(), removed=(), title: str | None = None) -> Analysis:
    return Analysis(id=id, source=Source(url=url, outlet="test"), text=text, language="fr", title=title,
                    published=published, removed=tuple(removed), entities=tuple(entities), quotes=tuple(quotes),
                    times=tuple(times), events=tuple(events))


# Invented people and facts, written for these tests.
TEXT_A = ("La ministre Claire Valmont a reçu lundi à Paris son homologue Anton Berg. "
          "« Nous allons signer un accord sur l'énergie », a déclaré Claire Valmont. "
          "Selon Anton Berg, les négociations reprendront le 13 mai.")
TEXT_B = ("Valmont a critiqué mardi la politique agricole de Berlin. "
          "« Ce n'est pas acceptable », a-t-elle lancé devant les députés à l'Élysée.")


def article_a() -> Analysis:
    t = TEXT_A
    ents = [entity(t, "e1", "Claire Valmont", "PER", ["Claire Valmont", "Claire Valmont"], country="FRA", sector="GOV"),
            entity(t, "e2", "Paris", "LOC", ["Paris"], country="FRA"),
            entity(t, "e3", "Anton Berg", "PER", ["Anton Berg", "Anton Berg"], country="DEU", sector="GOV")]
    # "Claire Valmont" appears twice: make the second mention the second occurrence.
    e1 = ents[0]
    second = span(t, "Claire Valmont", 1)
    ents[0] = Entity(e1.id, e1.name, e1.type, (e1.mentions[0], Mention(second.start, second.end, second.text)),
                     e1.country, e1.sector)
    e3 = ents[2]
    ents[2] = Entity(e3.id, e3.name, e3.type, (e3.mentions[0], Mention(*_se(span(t, "Anton Berg", 1)))),
                     e3.country, e3.sector)
    quotes = [Quote("direct", span(t, "Nous allons signer un accord sur l'énergie"),
                    Speaker("Claire Valmont", "e1", second), span(t, "a déclaré")),
              Quote("indirect", span(t, "les négociations reprendront le 13 mai"),
                    Speaker("Anton Berg", "e3", span(t, "Anton Berg", 1)), span(t, "Selon"))]
    times = [TimeExpr(*_se(span(t, "lundi")), "DATE", "2019-05-06"),
             TimeExpr(*_se(span(t, "13 mai")), "DATE", "2019-05-13")]
    events = [Event("CONSULT", Actor("Claire Valmont", "e1", "FRA", "GOV"), span(t, t[: t.index(".") + 1]),
                    "actual", Actor("Anton Berg", "e3", "DEU", "GOV"), "visit", "2019-05-06", "Paris",
                    span(t, "a reçu")),
              Event("AGREE", Actor("Claire Valmont", "e1", "FRA", "GOV"), span(t, "Nous allons signer un accord"),
                    "planned", None, None, None, None, span(t, "signer"))]
    return analysis("doc-a", t, url="https://example.org/a", entities=ents, quotes=quotes, times=times,
                    events=events, removed=[Removal("Publicité", "boilerplate")], title="Rencontre à Paris")


def article_b() -> Analysis:
    t = TEXT_B
    ents = [entity(t, "e1", "Valmont", "PER", ["Valmont"]),
            entity(t, "e2", "Berlin", "LOC", ["Berlin"], country="DEU")]
    quotes = [Quote("direct", span(t, "Ce n'est pas acceptable"), Speaker("Valmont", "e1", span(t, "elle")),
                    span(t, "a-t-elle lancé"))]
    events = [Event("ACCUSE", Actor("Valmont", "e1", None, None), span(t, t[: t.index(".") + 1]), "actual",
                    Actor("Berlin", "e2", "DEU", None), None, None, None, span(t, "a critiqué"))]
    return analysis("doc-b", t, published="2019-05-11", url="https://example.org/b", entities=ents, quotes=quotes,
                    events=events, title="Critique")


def _se(s: Span) -> tuple[int, int, str]:
    return s.start, s.end, s.text




# Filler words of the search tests' articles (none a French stop word, none "marée").
FILLER_WORDS = ("port navire quai filet houle vent cale phare digue chalut bouée voile ancre criée "
                "mareyeur saumon thon sardine quota flotte").split()


def fresh_target(kb_target: str, tmp_path, name: str) -> str:
    """A new SQLite file named ``name`` in ``tmp_path``, or the PostgreSQL base emptied of veille's tables."""
    if not kb_target.startswith("postgresql"):
        return str(tmp_path / f"{name}.db")
    import psycopg

    from veille.store.schema import ALL_TABLES
    with psycopg.connect(kb_target, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS " + ", ".join(ALL_TABLES) + " CASCADE")
    return kb_target


def every_page(query, filters, limits, offsets) -> dict:
    """Every page of a keyset-paged list (``query(**filter, order=, limit=, after=, offset=,
    duplicates=)``) for each filter, order, page size and copies choice, then the pages at a few
    offsets: what two ways of reading a list are compared on."""
    def pages(f, order, limit, duplicates):
        out, after = [], None
        for _ in range(200):
            page = query(**f, order=order, limit=limit, after=after, duplicates=duplicates)
            out.append([dict(r) for r in page])
            if len(page) < limit:
                break
            after = page.after
        for offset in offsets:
            out.append([dict(r) for r in query(**f, order=order, limit=limit, offset=offset, duplicates=duplicates)])
        return out
    return {(i, order, limit, dups): pages(f, order, limit, dups) for i, f in enumerate(filters)
            for order in ("newest", "oldest") for limit in limits for dups in (False, True)}


def give_statistics(kb, table: str, stats: dict[str, str]) -> None:
    """``ANALYZE`` the base, then give ``table``'s indexes another base's statistics
    (``sqlite_stat1``): the planner then chooses its plans as it would on that base."""
    kb.execute("ANALYZE")
    with kb.transaction():
        for index, stat in stats.items():
            kb.execute("UPDATE sqlite_stat1 SET stat = ? WHERE tbl = ? AND idx = ?", (stat, table, index))
