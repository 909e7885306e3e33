"""Hand-made analyses for the web tests: invented people and facts, in French and in English."""
from __future__ import annotations

from veille.records import Actor, Analysis, Entity, Event, Mention, Quote, Source, Span, Speaker, TimeExpr


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


def mentions(text: str, *parts: tuple[str, int]) -> tuple[Mention, ...]:
    return tuple(Mention(s.start, s.end, s.text) for s in (span(text, p, n) for p, n in parts))


TEXT_FR = ("La ministre des Affaires étrangères Hélène Roussel a rencontré mardi à Lisbonne son homologue "
           "portugais Duarte Falcão. « Nous voulons un accord sur la pêche avant l'été », a déclaré "
           "Hélène Roussel. Selon Duarte Falcão, les discussions reprendront le 14 juin.")

# A character outside the Basic Multilingual Plane before the annotations checks that the page
# counts offsets in code points, as Python does, and not in UTF-16 units.
TEXT_EN = ("🌍 Trade minister Priya Ndlovu warned on Friday that Veltria would impose tariffs. "
           "\"We will not accept dumping,\" Ndlovu said in Geneva. "
           "Hélène Roussel criticised the plan.")


def article_fr() -> Analysis:
    t = TEXT_FR
    roussel = Entity("e1", "Hélène Roussel", "PER", mentions(t, ("Hélène Roussel", 0), ("Hélène Roussel", 1)),
                     country="FRA", sector="GOV", role="ministre des Affaires étrangères")
    falcao = Entity("e2", "Duarte Falcão", "PER", mentions(t, ("Duarte Falcão", 0), ("Duarte Falcão", 1)),
                    country="PRT", sector="GOV")
    lisbonne = Entity("e3", "Lisbonne", "LOC", mentions(t, ("Lisbonne", 0)), country="PRT")
    quotes = (Quote("direct", span(t, "Nous voulons un accord sur la pêche avant l'été"),
                    Speaker("Hélène Roussel", "e1", span(t, "Hélène Roussel", 1)), span(t, "a déclaré")),
              Quote("indirect", span(t, "les discussions reprendront le 14 juin"),
                    Speaker("Duarte Falcão", "e2", span(t, "Duarte Falcão", 1)), span(t, "Selon")))
    times = (TimeExpr(*_se(span(t, "mardi")), "DATE", "2021-03-09"),
             TimeExpr(*_se(span(t, "14 juin")), "DATE", "2021-06-14"))
    events = (Event("CONSULT", Actor("Hélène Roussel", "e1", "FRA", "GOV"), span(t, t[: t.index(".") + 1]),
                    "actual", Actor("Duarte Falcão", "e2", "PRT", "GOV"), "meet", "2021-03-09", "Lisbonne",
                    span(t, "a rencontré")),)
    return Analysis(id="web-fr", source=Source(url="https://example.org/fr/peche", outlet="example"), text=t,
                    language="fr", title="Pêche : Lisbonne et Paris veulent un accord", published="2021-03-10",
                    entities=(roussel, falcao, lisbonne), quotes=quotes, times=times, events=events)


def article_en() -> Analysis:
    t = TEXT_EN
    ndlovu = Entity("e1", "Priya Ndlovu", "PER", mentions(t, ("Priya Ndlovu", 0), ("Ndlovu", 1)),
                    country="ZAF", sector="GOV", role="trade minister")
    veltria = Entity("e2", "Veltria", "ORG", mentions(t, ("Veltria", 0)), sector="BUS")
    roussel = Entity("e3", "Hélène Roussel", "PER", mentions(t, ("Hélène Roussel", 0)), country="FRA", sector="GOV")
    quotes = (Quote("direct", span(t, "We will not accept dumping,"),
                    Speaker("Priya Ndlovu", "e1", span(t, "Ndlovu", 1)), span(t, "said")),)
    times = (TimeExpr(*_se(span(t, "Friday")), "DATE", "2021-04-02"),)
    events = (Event("THREATEN", Actor("Veltria", "e2", None, "BUS"), span(t, "Veltria would impose tariffs"),
                    "possible", None, None, None, None, span(t, "impose")),
              Event("ACCUSE", Actor("Hélène Roussel", "e3", "FRA", "GOV"), span(t, "Hélène Roussel criticised the plan."),
                    "actual", None, None, "2021-04-03", None, span(t, "criticised")))
    return Analysis(id="web-en", source=Source(url="https://example.org/en/tariffs", outlet="example"), text=t,
                    language="en", title="Tariff threat", published="2021-04-03",
                    entities=(ndlovu, veltria, roussel), quotes=quotes, times=times, events=events)


def _se(s: Span) -> tuple[int, int, str]:
    return s.start, s.end, s.text
