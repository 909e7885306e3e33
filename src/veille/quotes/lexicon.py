"""The quote cues of one language, read from ``resources/<lang>/quotes.toml``."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .. import resources
from ..clean.normalize import plain
from ..errors import ConfigError

# Endings generated from the stem of a first-group verb: présent, participles, imparfait,
# futur, conditionnel and participe présent, the tenses news reports use.
_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant", "era", "eront",
               "erait", "eraient")


def norm(word: str) -> str:
    return plain(word).lower()


@dataclass(frozen=True, slots=True)
class Lexicon:
    lang: str
    forms: frozenset[str]                      # one-word cue verb forms
    phrases: tuple[tuple[str, ...], ...]       # several-word cues ("met en garde")
    lemmas: frozenset[str]                     # infinitives, to trust the tagger's lemma
    object_prefixes: tuple[str, ...]
    cognition_prefixes: tuple[str, ...]
    complementizers: frozenset[str]
    prepositions: tuple[tuple[str, ...], ...]
    opinion_prepositions: frozenset[str]
    source_nouns: frozenset[str]
    person_nouns: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    adverbs: frozenset[str]
    auxiliaries: frozenset[str]
    inverted: frozenset[str]
    content_openers: frozenset[str]
    continuing: frozenset[str]
    feminine: frozenset[str]          # words marking a feminine source ("elle", "la", "cette")
    plural: frozenset[str]            # pronouns standing for several sources ("ils", "ces derniers")
    masculine: frozenset[str]
    generic_titles: frozenset[str]    # titles too common to identify a person alone
    bare_complements: bool            # a complement clause may come without complementizer
    org_nouns: frozenset[str] = frozenset()     # nouns that describe an organisation named before
    same_source: frozenset[str] = frozenset()   # "la même source": the source just quoted
    time_words: frozenset[str] = frozenset()    # times that may follow a source ("mardi")
    issued_by: tuple[str, ...] = ()              # participles before the author of a document
    spokespersons: frozenset[str] = frozenset()  # people an organisation speaks through
    institutions: frozenset[str] = frozenset()   # nouns naming an institution by its function
    self_describing: frozenset[str] = frozenset()  # "se dire" forms reporting a state ("s'est dit prêt")
    object_clitics: frozenset[str] = frozenset()   # pronouns before a cue verb that are its object
    not_sources: frozenset[str] = frozenset()      # pronouns that never name a source ("cela")
    speaker_nouns: frozenset[str] = frozenset()    # nouns for people or groups who can speak
    speaker_endings: tuple[str, ...] = ()          # endings of nouns for people ("-iste", "-ant")
    quantity_nouns: frozenset[str] = frozenset()   # "une majorité des élus": the noun after counts
    time_nouns: frozenset[str] = frozenset()       # times that may open an inverted source
    honorifics: frozenset[str] = frozenset()       # courtesy titles before a name ("M.", "Mme")
    subordinators: frozenset[str] = frozenset()    # words making "que" a conjunction ("alors que")
    relatives: frozenset[str] = frozenset()        # relative pronouns: the name before them speaks
    object_prepositions: frozenset[str] = frozenset()  # before a quotation a cue verb governs ("contre")
    media: frozenset[str] = frozenset()            # news outlets a source speaks to ("a dit à l'AFP X")

    def is_object_verb(self, form: str) -> bool:
        return norm(form).startswith(self.object_prefixes)

    def is_cognition_verb(self, form: str) -> bool:
        return norm(form).startswith(self.cognition_prefixes)


def _er_forms(stem: str) -> set[str]:
    """The reporting forms of a first-group verb; before an "a" ending, a stem in -c takes a
    cedilla and one in -g an "e" ("dénonçant", "exigeait")."""
    out = set()
    for e in _ER_ENDINGS:
        if e[0] == "a" and stem.endswith("c"):
            out.add(stem[:-1] + "ç" + e)
        elif e[0] == "a" and stem.endswith("g"):
            out.add(stem + "e" + e)
        else:
            out.add(stem + e)
    return out


def _words(seq) -> frozenset[str]:
    return frozenset(norm(x) for x in seq)


@functools.lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    data = resources.load(lang, "quotes")
    if not data:
        raise ConfigError(f"no quote resources for language {lang!r} (resources/{lang}/quotes.toml)")
    lex = data.get("lexicon", {})
    forms: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    lemmas: set[str] = set()
    for stem in data.get("verbs_er", ()):
        stem = norm(stem)
        forms.update(_er_forms(stem))
        lemmas.add(stem + "er")
    for form in data.get("verbs_plain", ()):
        forms.add(norm(form))
    for lemma, fs in data.get("verb_forms", {}).items():
        lemmas.add(norm(lemma))
        for f in fs:
            words = tuple(norm(f).split())
            (phrases.add(words) if len(words) > 1 else forms.add(words[0]))
    return Lexicon(
        lang=lang, forms=frozenset(forms), phrases=tuple(sorted(phrases, key=len, reverse=True)),
        lemmas=frozenset(lemmas),
        object_prefixes=tuple(norm(x) for x in lex.get("object_verbs", ())),
        cognition_prefixes=tuple(norm(x) for x in lex.get("cognition_verbs", ())),
        complementizers=_words(lex.get("complementizers", ())),
        prepositions=tuple(tuple(norm(p).split()) for p in lex.get("prepositions", ())),
        opinion_prepositions=_words(lex.get("opinion_prepositions", ())),
        source_nouns=_words(lex.get("source_nouns", ())),
        person_nouns=_words(lex.get("person_nouns", ())),
        pronouns=_words(lex.get("subject_pronouns", ())),
        determiners=_words(lex.get("determiners", ())),
        adverbs=_words(lex.get("adverbs", ())),
        auxiliaries=_words(lex.get("auxiliaries", ())),
        inverted=_words(x.strip() for x in lex.get("inverted", ())),
        content_openers=_words(lex.get("content_openers", ())),
        continuing=_words(lex.get("continuing_forms", ())),
        feminine=_words(lex.get("feminine", ())),
        plural=_words(lex.get("plural", ())),
        masculine=_words(lex.get("masculine", ())),
        generic_titles=_words(lex.get("generic_titles", ())),
        bare_complements=bool(lex.get("bare_complements", False)),
        org_nouns=_words(lex.get("org_nouns", ())),
        same_source=_words(lex.get("same_source", ())),
        time_words=_words(lex.get("time_words", ())),
        issued_by=tuple(norm(x) for x in lex.get("issued_by", ())),
        spokespersons=_words(lex.get("spokespersons", ())),
        institutions=_words(lex.get("institutions", ())),
        self_describing=_words(lex.get("self_describing", ())),
        object_clitics=_words(lex.get("object_clitics", ())),
        not_sources=_words(lex.get("not_sources", ())),
        speaker_nouns=_words(lex.get("speaker_nouns", ())),
        speaker_endings=tuple(norm(x) for x in lex.get("speaker_endings", ())),
        quantity_nouns=_words(lex.get("quantity_nouns", ())),
        time_nouns=_words(lex.get("time_nouns", ())),
        honorifics=_words(lex.get("honorifics", ())),
        subordinators=_words(lex.get("subordinators", ())),
        relatives=_words(lex.get("relatives", ())),
        object_prepositions=_words(lex.get("object_prepositions", ())),
        media=_words(lex.get("media", ())),
    )
