"""Events from the dependency parse: triggers, participants, factuality, date, place.

    for each sentence: trigger words (lexicon) -> source and target (subject, object,
    passive agent, prepositional complement, coordination) -> factuality -> date and place
    then one event per (type, source, target) in the article, first and clearest mention kept.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from typing import Iterator

from ..records import Actor, Event, Span
from ..work import Work
from .actors import Coder
from .factuality import clause_verb, factuality
from .lexicon import Entry, Lexicon, fold

log = logging.getLogger(__name__)

SUBJECT = {"nsubj", "csubj"}
PASSIVE_SUBJECT = {"nsubj:pass", "nsubjpass"}
AGENT = {"obl:agent", "agent"}
OBJECT = {"obj", "dobj", "iobj", "dative", "obl:arg", "attr"}
OBLIQUE = {"obl", "obl:mod", "obl:arg", "nmod", "prep", "iobj"}
# Heads whose subject a trigger without its own subject shares.
SHARED_SUBJECT = {"xcomp", "conj", "advcl", "ccomp", "parataxis", "acl", "acl:relcl"}
QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))
MAX_PER_TRIGGER = 4
BACKGROUND_YEARS = 1  # events dated earlier than this many years before publication are history
RIGHT_WINDOW = 12  # tokens after a trigger searched for its target when the parse gives none


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger word and the lexicon entry it matched."""

    token: object
    entry: Entry


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks: reported words, not reported events."""
    out = []
    for open_, close in QUOTE_PAIRS:
        pattern = re.escape(open_) + r"[^" + re.escape(close) + r"\n]{1,800}?" + re.escape(close)
        out.extend((m.start(), m.end()) for m in re.finditer(pattern, text))
    return out


def _near(token, depth: int = 2) -> list:
    out, frontier = [], [token]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children]
        out.extend(frontier)
    return out


def _words(tokens) -> set[str]:
    """Lemmas and forms, also without accents ("Etat" is written for "État")."""
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    return words | {fold(w) for w in words}


def satisfies(token, entry: Entry) -> bool:
    near_words = _words(_near(token, 2))
    if any(n not in near_words for n in entry.needs):
        return False
    if any(n in near_words or fold(n) in near_words for n in entry.not_):
        return False
    if entry.any_of:
        phrase = _words(_near(token, 3))
        if not (entry.any_of & phrase or {fold(w) for w in entry.any_of} & phrase):
            return False
    return True


def triggers(doc, lex: Lexicon, skip: list[tuple[int, int]]) -> Iterator[Found]:
    for token in doc:
        if token.pos_ == "VERB":
            pos = "verb"
        elif token.pos_ == "NOUN":
            pos = "noun"
        else:
            continue
        if any(a <= token.idx < b for a, b in skip):
            continue
        entries = lex.entries(token.lemma_, pos) or lex.entries(token.lower_, pos)
        # Constrained entries are the more specific readings: try them first.
        for entry in sorted(entries, key=lambda e: not (e.needs or e.any_of)):
            if satisfies(token, entry):
                yield Found(token, entry)
                break


def reported_demands(doc, lex: Lexicon, skip: list[tuple[int, int]]):
    """Obligations reported as someone's words: "X said Y must do Z" is X's demand to Y (REQUEST).

    Yields (Found, (source token, target token)); the trigger is the obliging modal.
    """
    modals = lex.arguments.get("demand_modals", frozenset())
    speech = lex.arguments.get("speech_verbs", frozenset())
    if not modals or not speech:
        return
    for tok in doc:
        if tok.lemma_.lower() not in modals or any(a <= tok.idx < b for a, b in skip):
            continue
        clause = tok.head if tok.dep_.startswith("aux") else tok
        if clause.dep_ not in ("ccomp", "xcomp", "parataxis") or clause.head.lemma_.lower() not in speech:
            continue
        speaker = next((c for c in clause.head.children if c.dep_ in SUBJECT), None)
        addressee = next((c for c in clause.children if c.dep_ in SUBJECT | PASSIVE_SUBJECT), None)
        if speaker is None or addressee is None:
            continue
        yield Found(tok, Entry(tok.lemma_.lower(), "REQUEST", None, "verb")), (speaker, addressee)


def _children(token, deps: set[str]):
    return [c for c in token.children if c.dep_ in deps]


def _with_conjuncts(token) -> list:
    """The token and its conjuncts. An enumeration "A, B et C" is often parsed as an apposition
    B holding the conjunct C: an apposition that has conjuncts of its own is a conjunct too."""
    out = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.pos_ not in ("PROPN", "NOUN", "PRON") or c in out:
                continue
            if c.dep_ == "conj" or c.dep_ == "appos" and any(x.dep_ == "conj" for x in c.children) \
                    or _listed_name(c, t):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _indefinite_thing(token) -> bool:
    """"Ils réclament une commission", "proposer un comité": a single body introduced by "un",
    "une" as what is asked for or set up, not an existing actor the event is aimed at."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    return any(c.dep_ == "det" and "Ind" in c.morph.get("Definite") and "Sing" in c.morph.get("Number")
               for c in token.children)


def _private(coder: Coder, actor: Actor) -> bool:
    """A private person: a named person with no public role the article gives (sector civilian
    or none)."""
    entity = coder.work.entity(actor.entity) if actor.entity else None
    return entity is not None and entity.type == "PER" and actor.sector in (None, "CVL")


def _anaphoric(token) -> bool:
    """A nominal trigger with a definite, demonstrative or possessive determiner ("la
    recommandation", "ces arrestations", "son refus") takes up a happening already told."""
    if token.pos_ != "NOUN":
        return False
    for c in token.children:
        if c.dep_ == "det" and ("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType")
                                or "Yes" in c.morph.get("Poss")):
            return True
    return False


def _reported_act(token, lex: Lexicon) -> bool:
    """Whether a trigger is reported as an act rather than named as a circumstance. A verb is; a
    noun is when it is what its clause is about (subject, object, a heading, a list item), not
    when it explains or qualifies something else ("dû à la fermeture des frontières", "une crise
    marquée par des restrictions", "sort du déconfinement")."""
    if token.pos_ != "NOUN":
        return True
    t = token
    while t.dep_ in ("conj", "appos") and t.head is not t:
        t = t.head
    if t.dep_ in ("obl:arg", "obl", "iobj") and t.head.lemma_.lower() in lex.arguments.get("patient_verbs", frozenset()):
        return True  # "soumis à un couvre-feu"
    return t.dep_ in ("ROOT", "nsubj", "nsubj:pass", "obj", "dobj", "nsubjpass", "dep")


def _listed_name(c, head) -> bool:
    """A name after a comma hung on the name before it without a preposition ("L'Ukraine, la
    Géorgie et le Kazakhstan"): a member of an enumeration, not a modifier."""
    if c.dep_ not in ("nmod", "appos") or not c.ent_type_ or c.ent_type_ != head.ent_type_ or c.i < head.i:
        return False
    if any(x.dep_ == "case" for x in c.children):
        return False
    doc = c.doc
    left = c.left_edge.i - 1
    return left >= 0 and doc[left].text == ","


def _case(token) -> str | None:
    for c in token.children:
        if c.dep_ in ("case", "mark"):
            return c.lemma_.lower()
    if token.dep_ == "pobj":
        return token.head.lemma_.lower()
    return None


def _pobj(token):
    """English: the object of a preposition attached to a verb."""
    for c in token.children:
        if c.dep_ == "pobj":
            return c
    return None


class Finder:
    """Participants of one trigger, from the parse."""

    def __init__(self, coder: Coder, lex: Lexicon):
        self.coder, self.lex = coder, lex
        self.target_preps = lex.arguments.get("target_preps", frozenset())
        self.lenient = True
        self.agent = None  # the passive agent of the last trigger: its doer whatever its words
        self.agentless = False  # the last trigger was a passive whose doer the clause leaves unsaid
        self.purpose = False
        self.placed = False  # the last trigger is a measure taken for a place ("restrictions au Texas")
        self.unknown_target = False  # the last trigger is aimed at the unnamed authors of a deed
        self.appeal = None  # a thing called for after a target preposition, naming no actor
        self.recalled = False  # the last trigger is a bare participle recalling a fact about its noun
        self.behalf = None  # the doer named by "de la part de" for the last trigger

    def is_time(self, token) -> bool:
        """A date or time word ("met Wednesday"), never a participant."""
        if token.ent_type_ in ("DATE", "TIME"):
            return True
        return any(t.start <= token.idx < t.end for t in self.coder.work.times)

    def _actor_in(self, token, depth: int = 2):
        """The first actor-like token in a phrase ("le manque d'empathie de Trump" -> Trump)."""
        if self.coder.is_actor(token):
            return token
        frontier = [token]
        for _ in range(depth):
            frontier = [c for t in frontier for c in t.children if c.dep_ in ("nmod", "poss", "pobj", "prep", "amod", "appos")]
            for c in frontier:
                if c.pos_ in ("PROPN", "NOUN", "PRON") and self.coder.is_actor(c):
                    return c
        return None

    def source_target(self, found: Found):
        tok, entry = found.token, found.entry
        self.lenient = not self.lex.matches(entry.key, self.lex.actor_targets_only)
        self.purpose = self.lex.matches(entry.key, self.lex.purpose_target)
        # A measure taken for a place, or an act aimed only at actors: a place after "à", "en" is
        # where it happens ("manifester à Jérusalem", "restrictions au Texas").
        self.placed = self.lex.matches(entry.key, self.lex.implicit_source) or not self.lenient
        self.agent = None
        self.agentless = False
        self.recalled = False
        self.behalf = None
        self.unknown_target = False
        self.appeal = None
        if tok.pos_ == "NOUN":
            return self._nominal(tok, entry)
        verb = tok
        src = tgt = None
        subj = _children(verb, SUBJECT)
        psubj = _children(verb, PASSIVE_SUBJECT)
        # "Netanyahu, inculpé pour corruption et accusé de ...": participles hung on a noun.
        clause = verb.head if verb.dep_ == "conj" and verb.head.pos_ == "VERB" else verb
        bare_participle = ("Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")
                           and clause.dep_ in ("advcl", "acl")
                           and not any(c.dep_.startswith("aux") for c in (*verb.children, *clause.children)))
        passive = bool(psubj) or bare_participle or any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children) \
            or "Pass" in verb.morph.get("Voice")
        if psubj and not subj and self.lex.lang == "fr" and not any(c.dep_ == "aux:pass" for c in verb.children) \
                and any(c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in verb.children):
            # "Il a concédé" mislabelled as a passive subject: a passive takes "être", not "avoir".
            subj, psubj, passive = psubj, [], False
        if passive:
            for a in _children(verb, AGENT):
                src = _pobj(a) or a
                self.agent = src
            if src is None:
                # "interrogé par l'armée israélienne, avant d'être renvoyé", "torturées avant d'être
                # exécutées par les Khmers rouges": passives linked to each other share their doer.
                linked = [verb.head] if verb.dep_ in ("advcl", "conj", "xcomp") else []
                linked += [c for c in verb.children if c.dep_ in ("advcl", "conj", "xcomp") and c.pos_ == "VERB"]
                for a in (a for h in linked for a in _children(h, AGENT)):
                    src = _pobj(a) or a
                    self.agent = src
                    break
            # A bare participle ("Douch, condamné à la perpétuité, ...") recalls a fact about its
            # noun; only a passive clause reports the act.
            self.agentless = src is None
            self.recalled = bare_participle
            if psubj:
                tgt = psubj[0]
            elif verb.dep_ in ("advcl", "conj", "xcomp") and _children(verb.head, PASSIVE_SUBJECT):
                tgt = _children(verb.head, PASSIVE_SUBJECT)[0]  # "Il a été interrogé ..., avant d'être renvoyé"
            elif verb.dep_ in ("acl", "acl:relcl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
                tgt = verb.head
            else:
                # "Accusé de ..., le Hezbollah a démenti": the main subject undergoes the event.
                tgt = self._inherited_subject(verb)
        else:
            # "a-t-il dénoncé" has two subject tokens; the actor is the one that can be one.
            src = next((t for t in subj if self.coder.is_actor(t)), subj[0] if subj else None)
            if src is not None and not self.coder.is_actor(src):
                # "Le taux de chômage ... et des partis d'opposition ont demandé": the conjunct that can act.
                src = next((t for t in _with_conjuncts(src) if self.coder.is_actor(t)), src)
            tgt = self._object(verb)
            if src is None or not self.coder.is_actor(src):
                # A subject that cannot act is usually a misparse: fall back on the clause's actor.
                src = self._inherited_subject(verb) or src
            if src is None and verb.dep_ == "ROOT":
                src = self._left_actor(verb)
        if tgt is not None and tgt.lemma_.lower() in entry.any_of:
            tgt = None  # part of the trigger's own phrase ("mettre en garde")
        if entry.subject_patient and not passive:
            # "Madrid et Barcelone retrouvent leurs terrasses": granted to them, by their authorities.
            src, tgt = None, src
        if src is not None and src.lemma_.lower() in self.lex.arguments.get("relative_pronouns", ()):
            # "les Etats-Unis, qui ont mis en garde Pékin": the relative stands for its noun.
            if verb.dep_ in ("acl:relcl", "relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
                src = verb.head
        if src is None and verb.dep_ == "parataxis":
            # Inverted subject after a quotation: «...», a dénoncé Kim.
            objs = [c for c in _children(verb, OBJECT) if c.i > verb.i and c.pos_ in ("PROPN", "PRON", "NOUN")]
            if objs:
                src, tgt = objs[0], None
        return src, tgt

    def _object(self, verb, climb: bool = True):
        for c in verb.children:
            if c.dep_ in OBJECT and c.pos_ in ("NOUN", "PROPN", "PRON") and not self.is_time(c) \
                    and not self._where(c, _case(c)):
                a = self._agent_of_deed(c) or (self._actor_in(c, 3) if not _indefinite_thing(c) else None)
                if a is not None:
                    return a
                if climb and self._anonymous_deed(c):
                    # "Il a dénoncé une attaque d'une extrême violence": aimed at its unnamed authors.
                    self.unknown_target = True
                    return None
                if c.pos_ == "NOUN" and _case(c) in self.target_preps and climb:
                    self.appeal = c  # "appeler à la prudence": what is called for, to no one
                    continue
                if c.pos_ == "NOUN" and self.lenient:
                    # A decision, a measure, a camp: the object stands for those responsible for it.
                    return c
        for c in verb.children:
            if c.dep_ in OBLIQUE:
                node = _pobj(c) if c.dep_ == "prep" else c
                if node is None:
                    continue
                case = c.lemma_.lower() if c.dep_ == "prep" else _case(node)
                if case in self.target_preps and not self.is_time(node) and not self._where(node, case):
                    a = self._actor_in(node, 1)
                    if a is not None:
                        return a
                    if node.pos_ == "NOUN" and climb:
                        self.appeal = node  # "appeler à la prudence": what is called for, to no one
        if climb:
            # "appeler à élire Joe Biden", "menacer de sanctionner Pékin": the action's patient.
            # "manifester pour réclamer le départ du Premier ministre": a protest is aimed at the
            # one its purpose names.
            deps = ("xcomp", "ccomp", "advcl") if self.purpose else ("xcomp", "ccomp")
            for c in verb.children:
                if c.dep_ in deps and c.pos_ == "VERB":
                    a = self._object(c, climb=False)
                    if a is not None:
                        return a
        return None

    def _on_behalf(self, noun):
        """"des menaces, reçues par mail, de la part de cercles d'extrême droite": the phrase
        "de la part de X" (``doer_phrases``) names the doer, whatever X is."""
        heads = self.lex.arguments.get("doer_phrases", frozenset())
        if not heads:
            return None
        for t in noun.subtree:
            if t.i <= noun.i or t.lemma_.lower() not in heads or _case(t) not in ("de", "from", "on"):
                continue
            doer = next((c for c in t.children if c.dep_ in ("nmod", "pobj", "prep") and c.pos_ in ("NOUN", "PROPN")), None)
            if doer is not None:
                if self.coder.is_actor(doer) or doer.pos_ == "NOUN":
                    self.agent = self.behalf = doer
                    return doer
        return None

    def _where(self, node, case) -> bool:
        """A place named after a place preposition for a measure taken there ("des restrictions au
        Texas", "rouvrir en Italie"): where it applies, not an actor it is aimed at."""
        return self.placed and node.ent_type_ in ("LOC", "GPE") and case in self.lex.arguments.get("place_preps", ())

    def _anonymous_deed(self, noun) -> bool:
        """A violent act named without its authors ("une attaque", "l'assassinat de six Français")."""
        return any(self.lex.matches(e.key, self.lex.unknown_doer) for e in self.lex.entries(noun.lemma_, "noun"))

    def _agent_of_deed(self, noun):
        """"dénoncer le traitement réservé par le gouvernement aux immigrés": an act named as the
        object stands for whoever did it, the agent of its participle, not those it concerns."""
        if self.coder.is_actor(noun) and noun.pos_ == "PROPN":
            return None
        frontier = [noun]
        for _ in range(3):
            frontier = [c for t in frontier for c in t.children if c.dep_ not in ("punct", "det", "case")]
            for c in frontier:
                if c.dep_ in AGENT:
                    node = _pobj(c) or c
                    if self.coder.is_actor(node):
                        return node
        return None

    def right_actor(self, trigger, exclude: set[int]):
        """Parser fallback for a directed event: the first name shortly after the trigger."""
        sent = trigger.sent
        for t in sent[trigger.i - sent.start + 1: trigger.i - sent.start + 1 + RIGHT_WINDOW]:
            if t.is_punct and t.text in ".;:!?«»":
                return None
            if t.pos_ == "VERB" and t.dep_ in ("ROOT", "ccomp", "parataxis"):
                return None
            if t.i in exclude or self.is_time(t):
                continue
            if any(c.dep_ == "cc" for c in t.children):
                continue  # "X a réagi, ainsi que les Etats-Unis": a co-participant, not the target
            if t.ent_type_ in ("LOC", "GPE", "FAC") and _case(t) in self.lex.arguments.get("place_preps", ()):
                continue  # where it happens, not to whom ("met in Singapore")
            if (t.ent_type_ and t.pos_ in ("PROPN", "X") or t.pos_ == "NOUN" and t.dep_ in ("obj", "iobj", "obl:arg", "dobj")) \
                    and self.coder.is_actor(t):
                return t
        return None

    def _left_actor(self, verb):
        """Parser fallback: the nearest actor before a subjectless verb in its sentence."""
        sent = verb.sent
        for t in reversed(list(sent[: verb.i - sent.start])):
            if t.is_punct and t.text in ".;:!?\"«»":
                return None
            if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "ROOT", "conj", "appos", "flat:name") and self.coder.is_actor(t):
                while t.dep_ in ("flat:name", "flat") and t.head.i < t.i:
                    t = t.head
                return t
        return None

    def _inherited_subject(self, verb):
        t = verb
        fallback = None
        for _ in range(5):
            if t.dep_ not in SHARED_SUBJECT | {"obj", "obl", "obl:arg", "obl:mod"} or t.head is t:
                return fallback
            if t.dep_ not in SHARED_SUBJECT and t.pos_ not in ("NOUN", "PROPN"):
                return fallback
            head = t.head
            if t.dep_ in ("acl", "acl:relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
                # "Le ministre, dénonçant..." / "le parti qui accuse" - the noun is the actor.
                if self.coder.is_actor(head):
                    return head
                t = head
                continue
            # "appeler X à faire" - the object controls the infinitive, not the subject; so does
            # the passive subject ("ont été autorisés à manifester").
            if t.dep_ == "xcomp":
                objs = [c for c in (_through_quantity(x, self.lex) for x in _children(head, {"obj", "dobj", *PASSIVE_SUBJECT}))
                        if self.coder.is_actor(c)]
                if objs:
                    return objs[0]
            subj = _children(head, SUBJECT)
            if subj and self.coder.is_actor(subj[0]):
                return subj[0]
            # "la voix qui tremble en dénonçant": a subject that cannot act (a relative pronoun
            # of a thing, a thing) passes the search on to the clause above.
            fallback = fallback or (subj[0] if subj else None)
            t = head
        return fallback

    def _nominal(self, noun, entry: Entry):
        patient = self.lex.matches(entry.key, self.lex.patient_de)
        src = tgt = None
        for c in noun.children:
            if c.dep_ in ("nmod", "poss", "prep", "nmod:poss") or (c.dep_ == "det" and "Yes" in c.morph.get("Poss")):
                node = _pobj(c) if c.dep_ == "prep" else c
                if node is None:
                    continue
                case = c.lemma_.lower() if c.dep_ == "prep" else _case(node)
                actor = self._actor_in(node, 1) if node.pos_ != "DET" else None
                if case in ("de", "of", "par", "by", None) and actor is not None:
                    if patient and case not in ("par", "by"):
                        tgt = tgt or actor
                    else:
                        src = src or actor
                elif case in self.target_preps and actor is not None and not self._where(node, case):
                    tgt = tgt or actor
        if src is None:
            src = self._on_behalf(noun)
        verb = clause_verb(noun)
        patient_verbs = self.lex.arguments.get("patient_verbs", frozenset())
        # "850.000 personnes ont interdiction de sortir" (parsed as a predicate noun), "Melbourne est
        # soumis à un couvre-feu": the subject undergoes the measure; its doer is left to the
        # place's authorities.
        holder = noun if any(c.dep_.startswith("aux") and c.lemma_.lower() in patient_verbs for c in noun.children) \
            else verb if verb is not noun and verb.lemma_.lower() in patient_verbs else None
        if src is None and tgt is None and patient and holder is not None:
            subj = _children(holder, SUBJECT | PASSIVE_SUBJECT)
            if subj:
                return None, subj[0]
        if src is None:
            support = self.lex.arguments.get("support_verbs", frozenset())
            if verb is not noun and verb.lemma_.lower() in support and noun.dep_ in OBJECT | OBLIQUE | {"pobj"}:
                subj = _children(verb, SUBJECT) or [x for x in [self._inherited_subject(verb)] if x is not None]
                if subj and subj[0].i != (tgt.i if tgt is not None else -1):
                    src = subj[0]
        if tgt is None:
            # "annoncer une série d'aides aux familles": the parser often hangs the recipient on the
            # noun's head or on the verb.
            heads = [h for h in (noun.head, clause_verb(noun)) if h is not noun]
            for c in (c for h in heads for c in h.children):
                if c.dep_ in OBLIQUE and c.i > noun.i and _case(c) in self.target_preps and not self.is_time(c) \
                        and not self._where(c, _case(c)):
                    a = self._actor_in(c, 1)
                    if a is not None and (src is None or a.i != src.i):
                        tgt = a
                        break
        return src, tgt


def _place(sent, coder: Coder, lex: Lexicon, exclude: set[int]):
    """The place an event happens: a location complement introduced by a place preposition."""
    preps = lex.arguments.get("place_preps", frozenset())
    for ent in sent.ents:
        if ent.label_ not in ("LOC", "GPE", "FAC"):
            continue
        if ent.root.i in exclude or coder.region_span(ent):
            continue
        case = _case(ent.root)
        if case in preps:
            return ent
    return None


def _governs(head, trigger) -> bool:
    """Whether ``head`` is the trigger or one of the words governing its clause, or the place a
    relative clause holding the trigger is about ("En Allemagne, où 40.000 personnes ont
    participé"), so that what hangs on it frames the trigger."""
    t = trigger
    for _ in range(6):
        if t.i == head.i:
            return True
        if t.dep_ in ("acl:relcl", "relcl"):
            return t.head.i == head.i or t.head.head.i == head.i
        if t.head is t:
            return False
        t = t.head
    return False


def _day_value(t) -> str | None:
    """A time expression's calendar value cut to the day; None for vague references."""
    if t.type not in ("DATE", "TIME"):
        return None
    value = t.value.split("T")[0] if t.type == "TIME" or "T" in t.value[8:] else t.value
    if not value[:1].isdigit() and not value.startswith("XXXX"):
        return None
    return value


def _after(value: str, published: str | None) -> bool:
    """Whether a calendar value lies wholly after the publication date (weeks are not compared)."""
    if not published or "W" in value or not value[:4].isdigit():
        return False
    n = min(len(value), len(published))
    return value[:n] > published[:n]


def _date(work: Work, sent, trigger, fact: str) -> str | None:
    """The calendar date of the event.

    A time expression of the trigger's sentence, the one attached to its clause first, else the
    nearest; an event that happened cannot be dated after the article. Without one, a reported
    happening takes the dispatch's news day: the first day named before it in the article within
    the week before publication (the lede's "lundi"), else the publication day.
    """
    doc = work.doc
    verb = clause_verb(trigger)
    best = None
    for t in work.times:
        if not (sent.start_char <= t.start < sent.end_char):
            continue
        value = _day_value(t)
        if value is None or fact == "actual" and _after(value, work.published):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        attached = span is not None and span.root.head.i in (verb.i, trigger.i)
        rank = (0 if attached else 1, abs(t.start - trigger.idx))
        if best is None or rank < best[0]:
            best = (rank, value)
    if best is not None:
        return best[1]
    if fact != "actual" or not work.published or len(work.published) < 10:
        return None
    reference = work.published[:10]
    for t in sorted(work.times, key=lambda t: t.start):
        if t.start >= sent.start_char:
            break
        value = _day_value(t)
        if value and len(value) == 10 and value[:4].isdigit() and _within_week(value, work.published[:10]):
            reference = value
            break
    return reference


def _within_week(value: str, published: str) -> bool:
    try:
        d, p = dt.date.fromisoformat(value), dt.date.fromisoformat(published)
    except ValueError:
        return False
    return 0 <= (p - d).days <= 7


def _through_quantity(token, lex: Lexicon):
    """"Des milliers de manifestants", "tens of thousands of students": the people, not the number."""
    if token is None or token.lemma_.lower() not in lex.arguments.get("quantity_nouns", ()):
        return token
    for _ in range(3):
        nxt = next((c for c in token.children if c.dep_ in ("nmod", "prep", "pobj") and c.pos_ in ("NOUN", "PROPN", "ADP")), None)
        if nxt is None:
            return token
        nxt = _pobj(nxt) if nxt.pos_ == "ADP" else nxt
        if nxt is None:
            return token
        token = nxt
        if token.lemma_.lower() not in lex.arguments.get("quantity_nouns", ()):
            return token
    return token


def _background_date(date: str | None, published: str | None) -> bool:
    """An event dated years before the article is background, not news ("arrêté en 1999", "dans
    les années 1990", TIMEX3 "199X": its last year is what counts)."""
    if not date or not published or not published[:4].isdigit():
        return False
    digits = re.match(r"\d+", date)
    if digits is None or len(digits.group()) < 2:
        return False
    head = digits.group()[:4]
    year = int(head.ljust(4, "9"))
    return year < int(published[:4]) - BACKGROUND_YEARS


def _evidence(text: str, sent, token) -> Span:
    """The sentence of the trigger, cut at line breaks (the parser may run across paragraphs)."""
    start, end = sent.start_char, sent.end_char
    nl = text.rfind("\n", start, token.idx)
    if nl >= 0:
        start = nl + 1
    nl = text.find("\n", token.idx, end)
    if nl >= 0:
        end = nl
    while start < end and text[start] in " -–—•*\t":
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end)


def _stative(token, lex: Lexicon, restrictive: bool = False) -> bool:
    """A passive participle without agent describing a state, not an act: "restent interdits",
    "où les parcs étaient fermés" (imperfect). The act that brought the state about is reported
    elsewhere, when it is news."""
    if token.pos_ != "VERB" or "Part" not in token.morph.get("VerbForm"):
        return False
    if any(c.dep_ in AGENT for c in token.children):
        return False
    states = lex.arguments.get("state_auxiliaries", frozenset())
    # "ses restaurants sont fermés": for a closure or a ban, the bare present of "être" states a
    # result; the act is "ont été fermés", "seront fermés", "est désormais interdit".
    tensed = any(c.dep_.startswith("aux") and c.dep_ not in ("aux:pass", "auxpass") for c in token.children)
    for c in token.children:
        if c.dep_ in ("aux:pass", "auxpass", "cop"):
            lemma = c.lemma_.lower()
            if lemma in states or lemma in ("être", "be") and "Imp" in c.morph.get("Tense"):
                return True
            if lex.lang == "fr" and lemma == "être" and "Pres" in c.morph.get("Tense") and not tensed \
                    and restrictive and not any(a.lemma_.lower() in lex.arguments.get("change_adverbs", ()) for a in token.children):
                return True
    return False


def _habitual(token) -> bool:
    """A verb in the simple imperfect describes what used to be or was going on, the background of
    the news ("les cartels qui tuaient ceux qui les dénonçaient"), not a happening it reports;
    except in reported speech, where it is the present shifted into the past ("a indiqué qu'il
    soutenait ce camp")."""
    if token.pos_ != "VERB" or "Imp" not in token.morph.get("Tense") or "Ind" not in token.morph.get("Mood"):
        return False
    clause = token.head if token.dep_ == "conj" else token
    return clause.dep_ not in ("ccomp", "parataxis")


def _background(token, lex: Lexicon) -> bool:
    """A nominal trigger in a frame of earlier or surrounding time ("après six mois de fermeture")."""
    preps = lex.arguments.get("background_preps", frozenset())
    t = token
    for _ in range(2):
        if _case(t) in preps:
            return True
        if t.dep_ not in ("nmod", "pobj", "prep") or t.head is t:
            break
        t = t.head
    return False


def _speaker_actor(work: Work, coder: Coder, quote) -> Actor | None:
    sp = quote.speaker
    if sp is None:
        return None
    entity = work.entity(sp.entity) if sp.entity else None
    if entity is not None:
        if entity.type not in ("PER", "ORG", "LOC"):
            return None
        if entity.type == "PER":
            country = coder.person_demonym(entity) or entity.country or coder.person_country(entity)
        else:
            country = entity.country or coder.country_of_text(entity.name)
        return Actor(name=entity.name, entity=entity.id, country=country or coder.default, sector=entity.sector)
    if sp.mention is None:
        return None
    span = work.doc.char_span(sp.mention.start, sp.mention.end, alignment_mode="expand")
    if span is None or not coder.is_actor(span.root):
        return None
    return coder.actor(span.root)


def quote_accusations(work: Work, lex: Lexicon, coder: Coder, taken: set[int]):
    """Blame carried by reported words whose cue is neutral ("C'est une honte", a déclaré X).

    A quotation holding a word of blame (``critical_words``) is an accusation by its speaker,
    aimed at the actor named in the quotation, else at the article's actor under discussion.
    Quotations whose cue or content already holds a trigger are left to that trigger.
    Yields (source, target, cue token, sentence).
    """
    critical = lex.arguments.get("critical_words", frozenset())
    exclude = lex.arguments.get("neutral_cue_exclude", frozenset())
    if not critical:
        return
    doc = work.doc
    for q in work.quotes:
        if q.speaker is None or q.cue is None or q.cue.text.lower().strip() in exclude:
            continue
        cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
        content = doc.char_span(q.content.start, q.content.end, alignment_mode="expand")
        if cue is None or content is None:
            continue
        if any(t.i in taken for t in cue) or any(t.i in taken for t in content):
            continue
        words = {t.lemma_.lower() for t in content} | {t.lower_ for t in content}
        if not words & critical:
            continue
        source = _speaker_actor(work, coder, q)
        if source is None:
            continue
        target = None
        for e in work.entities:
            if e.id == source.entity or e.name == source.name or e.type not in ("PER", "ORG", "LOC"):
                continue
            inside = [m.start for m in e.mentions if q.content.start <= m.start < q.content.end and m.kind != "pronoun"]
            if inside and (target is None or min(inside) < target[0]):
                target = (min(inside), e)
        if target is not None:
            e = target[1]
            country = coder.entity_country(e)
            tgt = Actor(name=e.name, entity=e.id, country=country or coder.default, sector=e.sector)
        else:
            tgt = coder.implicit_target(source, cue.root)
        yield source, tgt, cue.root, cue.root.sent


def _first_person(verb) -> bool:
    subj = [c for c in verb.children if c.dep_ in SUBJECT]
    return bool(subj) and all("1" in c.morph.get("Person") for c in subj)


def _attributed_quotations(work: Work):
    """(quote, its content as a spaCy span) for quotations in a speaker's own words."""
    for q in work.quotes:
        if q.speaker is None or q.kind not in ("direct", "mixed"):
            continue
        content = work.doc.char_span(q.content.start, q.content.end, alignment_mode="expand")
        if content is not None:
            yield q, content


def _own_decision(verb, lex: Lexicon) -> bool:
    """"J'ai décidé de renforcer les mesures", "Nous allons rouvrir": a speaker announcing their
    own act, of any type (planned)."""
    if verb.pos_ != "VERB" or "Inf" not in verb.morph.get("VerbForm") or verb.dep_ not in ("xcomp", "ccomp"):
        return False
    head = verb.head
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in lex.factuality.get("planned", ()) and _first_person(head)


def performatives(work: Work, lex: Lexicon, coder: Coder):
    """Acts done by speaking, inside a speaker's quotation: "Nous condamnons ...", "J'exige ...".

    Reported words are not reported events, except a trigger verb in the first person present:
    saying it is doing it, and the doer is the quotation's speaker. Yields (Found, source Actor).
    """
    for q, content in _attributed_quotations(work):
        for found in triggers(content, lex, []):
            verb = found.token
            if not (lex.matches(found.entry.key, lex.performative) and verb.pos_ == "VERB" and _first_person(verb)
                    and "Pres" in verb.morph.get("Tense")) and not _own_decision(verb, lex):
                continue
            source = _speaker_actor(work, coder, q)
            if source is not None:
                yield found, source


def quoted_demands(work: Work, lex: Lexicon, coder: Coder):
    """"Les autorités doivent clarifier", écrit l'agence: an obligation in a speaker's quotation is
    the speaker's demand to whoever is obliged (REQUEST). Yields (modal token, source, target token)."""
    modals = lex.arguments.get("demand_modals", frozenset())
    for q, content in _attributed_quotations(work):
        for tok in content:
            if tok.lemma_.lower() not in modals or "Pres" not in tok.morph.get("Tense") and "Fut" not in tok.morph.get("Tense"):
                continue
            if "Cnd" in tok.morph.get("Mood"):
                continue  # "il devrait rester": a likelihood, not an obligation
            if any(c.dep_ in ("advmod",) and c.lemma_.lower() in lex.factuality.get("negation_words", ()) for c in tok.children):
                continue
            clause = tok.head if tok.dep_.startswith("aux") else tok
            addressee = next((c for c in clause.children if c.dep_ in SUBJECT | PASSIVE_SUBJECT), None)
            named = addressee is not None and (addressee.pos_ == "PROPN" or addressee.lemma_.lower() in lex.actor_nouns)
            if not named or "1" in addressee.morph.get("Person"):
                continue  # "nous devons": a commitment; "il faut", "le scrutin doit": no one is asked
            source = _speaker_actor(work, coder, q)
            if source is not None:
                yield tok, source, addressee
            break


def _unstated_doer(entry: Entry, lex: Lexicon, coder: Coder, sent, place, patient, recalled: bool) -> list[Actor]:
    """The doer of a passive event whose clause does not name one.

    An arrest, a detention, an expulsion or a release is done by the state where it happens
    ("a été arrêté lundi à Tokyo": the Japanese authorities); a killing or an attack whose
    authors are not named has an unknown doer, without a country ("ont été tuées dimanche").
    """
    if lex.matches(entry.key, lex.agentless_authority):
        if recalled:
            return []  # "Douch, condamné à la perpétuité, ...": a fact recalled about him, not news
        where = place or next((e for e in sent.ents if e.label_ in ("LOC", "GPE") and not coder.region_span(e)), None)
        return [coder.place_actor(where.root) if where is not None else coder.authority()]
    if lex.matches(entry.key, lex.unknown_doer) and patient is not None and coder.is_actor(patient) and lex.unknown_actor:
        return [Actor(name=lex.unknown_actor)]
    return []


def extract(work: Work, lex: Lexicon) -> list[Event]:
    doc = work.doc
    coder = Coder(work, lex)
    finder = Finder(coder, lex)
    skip = quoted_ranges(work.text)
    events: list[Event] = []
    seen: set[tuple] = set()
    doers: set[tuple] = set()  # (type, source) of the events kept: what a later mention may take up
    found_all = [(f, None) for f in triggers(doc, lex, skip)] + list(reported_demands(doc, lex, skip))
    found_all.sort(key=lambda x: x[0].token.i)
    blockers = {f.token.i: f.entry.type for f, _ in found_all if lex.matches(f.entry.key, lex.blocking)}
    absorbers = {f.token.i: f.entry.type for f, _ in found_all if lex.matches(f.entry.key, lex.purpose_target)}
    # "réclamer la démission du président": what a demand asks for has not happened.
    demands = {f.token.i for f, _ in found_all if f.entry.type == "REQUEST" and f.token.pos_ == "VERB"}
    for found, given in found_all:
        tok, entry = found.token, found.entry
        sent = tok.sent
        if tok.pos_ == "NOUN" and _background(tok, lex) or _habitual(tok) \
                or _stative(tok, lex, lex.matches(entry.key, lex.blocking)):
            continue
        if tok.pos_ == "NOUN" and tok.dep_ in OBJECT and tok.head.i in demands and entry.type != "REQUEST":
            continue
        first = tok.head if tok.dep_ == "conj" else tok
        if first.dep_ == "advcl" and absorbers.get(first.head.i) not in (None, entry.type):
            continue  # "ont manifesté pour réclamer le départ du ministre": the demand is the protest's
        blocker = blockers.get(tok.head.i) or (blockers.get(tok.head.head.i) if tok.head.pos_ in ("ADP", "NOUN") else None)
        if blocker is not None and blocker != entry.type:
            continue  # what a ban covers ("interdiction des rassemblements") did not happen
        src_tok, tgt_tok = given if given is not None else finder.source_target(found)
        src_tok = _through_quantity(src_tok, lex)
        tgt_tok = _through_quantity(tgt_tok, lex)
        place = _place(sent, coder, lex, {t.i for t in (src_tok, tgt_tok) if t is not None})
        # A group named without its country ("40.000 personnes", "les autorités") belongs to the
        # place where the event happens before the article's main country.
        coder.here = coder.place_country(place) if place is not None and _governs(place.root.head, tok) else None
        sources: list[Actor] = []
        if src_tok is not None and coder.is_actor(src_tok):
            for s in _with_conjuncts(src_tok):
                a = coder.actor(s)
                if a is not None:
                    sources.append(a)
        elif src_tok is not None and given is None and src_tok is finder.agent and src_tok.pos_ in ("NOUN", "PROPN"):
            # "tués par des hommes armés": the agent of a passive is the doer even when its words
            # name no known actor; it has no country unless its phrase gives one.
            a = coder.actor(src_tok, default_ok=src_tok is finder.behalf)
            if a is not None:
                sources.append(a)
        if not sources and entry.subject_patient and tgt_tok is not None and coder.is_actor(tgt_tok):
            beneficiary = coder.actor(tgt_tok)
            if beneficiary is not None and beneficiary.country:
                sources.append(coder.authority(beneficiary.country))
        placed = False  # the source is the authorities of a place the text names
        if not sources and lex.matches(entry.key, lex.implicit_source) and _reported_act(tok, lex):
            where = place or next((e for e in sent.ents if e.label_ in ("LOC", "GPE") and not coder.region_span(e)), None)
            # The place subjected to the measure is where it applies ("Melbourne est soumis à un
            # couvre-feu"), even when the tagger missed that it is a place.
            spot = where.root if where is not None else tgt_tok if tgt_tok is not None and coder.is_place(tgt_tok) else None
            if spot is not None:
                sources.append(coder.place_actor(spot))
                placed = True
        if not sources and given is None and finder.agentless and factuality(tok, lex) == "actual":
            sources.extend(_unstated_doer(entry, lex, coder, sent, place, tgt_tok, finder.recalled))
        if not sources:
            continue
        targets: list[Actor | None] = [None]
        supplied = False  # the target is the actor under discussion, not one the clause names
        if finder.unknown_target and given is None and lex.unknown_actor:
            tgt_tok, targets = None, [Actor(name=lex.unknown_actor)]
        if (tgt_tok is None or not coder.is_actor(tgt_tok)) and finder.lenient and src_tok is not None and targets == [None]:
            named = finder.right_actor(tok, {t.i for t in coder.phrase(src_tok)})
            tgt_tok = named if named is not None else tgt_tok
        if entry.named_target and (tgt_tok is None or not coder.is_actor(tgt_tok) or _indefinite_thing(tgt_tok)):
            continue  # "a averti que l'épidémie pourrait repartir": a warning of a danger, not a threat
        if tgt_tok is not None and coder.is_actor(tgt_tok) and not _indefinite_thing(tgt_tok):
            targets = [a for a in (coder.actor(t) for t in _with_conjuncts(tgt_tok)) if a is not None] or [None]
        elif tgt_tok is not None and finder.lenient:
            # An object naming no actor ("la décision", "ces mesures") belongs to whoever is
            # responsible for it: the country its phrase names, else the article's (else the source's).
            a = coder.actor(tgt_tok, default_ok=False)
            if a is not None and a.country is None:
                # A thing criticised or demanded whose phrase names no country: its owner is the
                # actor under discussion.
                a = coder.implicit_target(sources[0], tok) or replace(a, country=coder.default)
                supplied = True
            elif a is not None and a.country is None:
                a = replace(a, country=coder.default)
            targets = [a]
        fact = factuality(tok, lex)
        etype = entry.type
        if fact == "negated" and etype in lex.negated_as:
            # Not accepting is rejecting: the refusal itself is what happened.
            etype, fact = lex.negated_as[etype], "actual"
        implicit = False
        if targets == [None] and lex.matches(etype if etype != entry.type else entry.key, lex.directed) \
                and not (finder.appeal is not None and lex.matches(etype, lex.open_appeals)):
            targets = [coder.implicit_target(sources[0], tok)]
            implicit = True
        undirected = implicit or supplied or targets == [None]
        if undirected and lex.matches(etype, lex.public_only) and all(_private(coder, s) for s in sources):
            continue  # a private person's lament or plea to no one named is no political event
        if (implicit or _anaphoric(tok)) and all((etype, s.entity or s.name.lower()) in doers for s in sources):
            continue  # "la recommandation de l'EMA", a demand whose target goes unsaid: said before
        date = _date(work, sent, tok, fact)
        if _background_date(date, work.published):
            continue
        n = 0
        for s in sources:
            for t in targets:
                if t is not None and (t.entity and t.entity == s.entity or t.name == s.name):
                    # "Melbourne est soumis à un couvre-feu": the place's authorities act on its people.
                    t = replace(t, sector="CVL") if placed and s.sector == "GOV" else None
                if t is not None and t.country is None and t.entity is None and t.name != lex.unknown_actor:
                    t = replace(t, country=s.country)
                key = (etype, s.entity or s.name.lower(), ((t.entity or t.name.lower()), t.sector) if t else None)
                if key in seen or n >= MAX_PER_TRIGGER:
                    continue
                seen.add(key)
                doers.add(key[:2])
                n += 1
                events.append(Event(
                    type=etype, mode=entry.mode if etype == entry.type else None, source=s, target=t, factuality=fact, date=date,
                    location=place.text if place is not None else None,
                    trigger=Span.of(work.text, tok.idx, tok.idx + len(tok.text)),
                    evidence=_evidence(work.text, sent, tok)))
    coder.here = None
    for found, s in performatives(work, lex, coder):
        tok, entry = found.token, found.entry
        finder.lenient = not lex.matches(entry.key, lex.actor_targets_only)
        tgt_tok = finder._object(tok)
        t = coder.actor(tgt_tok) if tgt_tok is not None and coder.is_actor(tgt_tok) else None
        if t is None and lex.matches(entry.key, lex.directed):
            t = coder.implicit_target(s, tok)
        fact = factuality(tok, lex)
        etype = entry.type
        if fact == "negated" and etype in lex.negated_as:
            etype, fact = lex.negated_as[etype], "actual"
        key = (etype, s.entity or s.name.lower(), (t.entity or t.name.lower()) if t else None)
        if key in seen:
            continue
        seen.add(key)
        sent = tok.sent
        events.append(Event(
            type=etype, mode=entry.mode if etype == entry.type else None, source=s, target=t, factuality=fact,
            date=_date(work, sent, tok, fact), location=None,
            trigger=Span.of(work.text, tok.idx, tok.idx + len(tok.text)), evidence=_evidence(work.text, sent, tok)))
    for tok, s, addressee in quoted_demands(work, lex, coder):
        t = coder.actor(addressee) if addressee is not None else None
        if t is not None and (t.entity and t.entity == s.entity or t.name == s.name):
            t = None
        if t is None and lex.matches("REQUEST", lex.directed):
            t = coder.implicit_target(s, tok)
        key = ("REQUEST", s.entity or s.name.lower(), (t.entity or t.name.lower()) if t else None)
        if key in seen:
            continue
        seen.add(key)
        sent = tok.sent
        events.append(Event(
            type="REQUEST", source=s, target=t, factuality="actual", date=_date(work, sent, tok, "actual"),
            trigger=Span.of(work.text, tok.idx, tok.idx + len(tok.text)), evidence=_evidence(work.text, sent, tok)))
    taken = {f.token.i for f, _ in found_all}
    for s, t, cue, sent in quote_accusations(work, lex, coder, taken):
        key = ("ACCUSE", s.entity or s.name.lower(), (t.entity or t.name.lower()) if t else None)
        if key in seen:
            continue
        seen.add(key)
        date = _date(work, sent, cue, "actual")
        if _background_date(date, work.published):
            continue
        events.append(Event(
            type="ACCUSE", source=s, target=t, factuality="actual", date=date, location=None,
            trigger=Span.of(work.text, cue.idx, cue.idx + len(cue.text)), evidence=_evidence(work.text, sent, cue)))
    return events
