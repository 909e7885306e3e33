"""Participants of a trigger from the parse: source and target tokens (see docs/what.md)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .actors import Coder
from .factuality import clause_verb
from .lexicon import Entry, Lexicon
from .syntax import (AGENT, OBJECT, OBLIQUE, PASSIVE_SUBJECT, SHARED_SUBJECT, SUBJECT, case_of, children_with,
                     indefinite_thing, pobj, same_clause, through_quantity, with_conjuncts)
from .triggers import Found

RIGHT_WINDOW = 12  # tokens after a trigger searched for its target when the parse gives none


@dataclass
class Participants:
    """The participants of one trigger as the parse gives them, and how it gives them.

    ``source`` and ``target`` are tokens (heads of their phrases) or None; the other fields say
    what the search met on the way, for the extraction's checks and actor coding.
    """

    source: Token | None = None
    target: Token | None = None
    lenient: bool = True  # an object naming no actor stands for those responsible for it
    purpose: bool = False  # a protest aimed at the actor its purpose clause names
    placed: bool = False  # a measure taken for a place ("restrictions au Texas")
    agent: Token | None = None  # the passive agent: the doer whatever its words
    agentless: bool = False  # a passive whose doer the clause leaves unsaid
    recalled: bool = False  # a bare participle recalling a fact about its noun
    behalf: Token | None = None  # the doer named by "de la part de"
    unknown_target: bool = False  # aimed at the unnamed authors of a deed
    appeal: Token | None = None  # a thing called for after a target preposition, naming no actor


class Finder:
    """Participants of a trigger, from the parse: ``source_target`` returns a ``Participants``."""

    def __init__(self, coder: Coder, lex: Lexicon):
        self.coder, self.lex = coder, lex
        self.target_preps = lex.arguments.get("target_preps", frozenset())
        self.p = Participants()  # the search in hand

    def options(self, entry: Entry) -> Participants:
        """A fresh search for a trigger of ``entry``: what its lexicon options say of its objects."""
        lenient = not self.lex.matches(entry.key, self.lex.actor_targets_only)
        self.p = Participants(
            lenient=lenient, purpose=self.lex.matches(entry.key, self.lex.purpose_target),
            # A measure taken for a place, or an act aimed only at actors: a place after "à",
            # "en" is where it happens ("manifester à Jérusalem", "restrictions au Texas").
            placed=self.lex.matches(entry.key, self.lex.implicit_source) or not lenient
            or entry.key in self.lex.place_is_where)
        return self.p

    def object_of(self, verb, entry: Entry):
        """The target token of a verb alone (for events carried by quotations)."""
        self.options(entry)
        return self._object(verb)

    def is_time(self, token) -> bool:
        """A date or time word ("met Wednesday"), never a participant."""
        if token.ent_type_ in ("DATE", "TIME"):
            return True
        return self.coder.in_time(token.idx)

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

    def source_target(self, found: Found) -> Participants:
        tok, entry = found.token, found.entry
        p = self.options(entry)
        p.source, p.target = self._search(tok, entry)
        return p

    def _search(self, tok, entry: Entry):
        if tok.pos_ == "NOUN":
            return self._nominal(tok, entry)
        verb = tok
        src = tgt = None
        subj = children_with(verb, SUBJECT)
        psubj = children_with(verb, PASSIVE_SUBJECT)
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
            for a in children_with(verb, AGENT):
                src = pobj(a) or a
                self.p.agent = src
            if src is None and not bare_participle:
                # "interrogé par l'armée israélienne, avant d'être renvoyé", "torturées avant d'être
                # exécutées par les Khmers rouges": passives linked to each other share their doer.
                # A bare participle ("diffusés par le gouvernement, accusé de ...") describes its
                # noun and shares nothing.
                linked = [verb.head] if verb.dep_ in ("advcl", "conj", "xcomp") else []
                linked += [c for c in verb.children if c.dep_ in ("advcl", "conj", "xcomp") and c.pos_ == "VERB"]
                for a in (a for h in linked for a in children_with(h, AGENT)):
                    src = pobj(a) or a
                    self.p.agent = src
                    break
            # A bare participle ("Douch, condamné à la perpétuité, ...") recalls a fact about its
            # noun; only a passive clause reports the act.
            self.p.agentless = src is None
            self.p.recalled = bare_participle
            if psubj:
                tgt = psubj[0]
            elif verb.dep_ in ("advcl", "conj", "xcomp") and children_with(verb.head, PASSIVE_SUBJECT):
                tgt = children_with(verb.head, PASSIVE_SUBJECT)[0]  # "Il a été interrogé ..., avant d'être renvoyé"
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
                src = next((t for t in with_conjuncts(src) if self.coder.is_actor(t)), src)
            tgt = self._object(verb)
            thing = src is not None and src.pos_ == "NOUN" and not self.coder.is_actor(src) \
                and src.lemma_.lower() not in self.lex.arguments.get("relative_pronouns", ()) \
                and not any(self.coder.is_actor(t) for t in with_conjuncts(src))
            if (src is None or not self.coder.is_actor(src)) and not thing:
                # A subject that cannot act is usually a misparse: fall back on the clause's actor.
                # A thing named as the subject ("l'épidémie recule", "la guerre a détruit les
                # emplois") is what does it: no political actor does.
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
            objs = [c for c in children_with(verb, OBJECT) if c.i > verb.i and c.pos_ in ("PROPN", "PRON", "NOUN")]
            if objs:
                src, tgt = objs[0], None
        return src, tgt

    def _object(self, verb, climb: bool = True):
        for c in verb.children:
            if c.dep_ in OBJECT and c.pos_ in ("NOUN", "PROPN", "PRON") and not self.is_time(c) \
                    and not self._where(c, case_of(c)):
                a = self._agent_of_deed(c) or (self._actor_in(c, 3) if not indefinite_thing(c) else None)
                if a is not None:
                    return a
                if climb and self._anonymous_deed(c):
                    # "Il a dénoncé une attaque d'une extrême violence": aimed at its unnamed authors.
                    self.p.unknown_target = True
                    return None
                if c.pos_ == "NOUN" and case_of(c) in self.target_preps and climb:
                    self.p.appeal = c  # "appeler à la prudence": what is called for, to no one
                    continue
                if c.pos_ == "NOUN" and self.p.lenient:
                    # A decision, a measure, a camp: the object stands for those responsible for it.
                    return c
        for c in verb.children:
            if c.dep_ in OBLIQUE:
                node = pobj(c) if c.dep_ == "prep" else c
                if node is None:
                    continue
                case = c.lemma_.lower() if c.dep_ == "prep" else case_of(node)
                if case in self.target_preps and not self.is_time(node) and not self._where(node, case):
                    a = self._actor_in(node, 1)
                    if a is not None:
                        return a
                    if node.pos_ == "NOUN" and climb:
                        self.p.appeal = node  # "appeler à la prudence": what is called for, to no one
        if climb:
            # "appeler à élire Joe Biden", "menacer de sanctionner Pékin": the action's patient.
            # "manifester pour réclamer le départ du Premier ministre": a protest is aimed at the
            # one its purpose names.
            deps = ("xcomp", "ccomp", "advcl") if self.p.purpose else ("xcomp", "ccomp")
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
            if t.i <= noun.i or t.lemma_.lower() not in heads or case_of(t) not in ("de", "from", "on"):
                continue
            doer = next((c for c in t.children if c.dep_ in ("nmod", "pobj", "prep") and c.pos_ in ("NOUN", "PROPN")), None)
            if doer is not None:
                if self.coder.is_actor(doer) or doer.pos_ == "NOUN":
                    self.p.agent = self.p.behalf = doer
                    return doer
        return None

    def _where(self, node, case) -> bool:
        """A place named after a place preposition for a measure taken there ("des restrictions au
        Texas", "rouvrir en Italie"): where it applies, not an actor it is aimed at."""
        return self.p.placed and node.ent_type_ in ("LOC", "GPE") and case in self.lex.arguments.get("place_preps", ())

    def deed_noun(self, noun) -> bool:
        """A noun naming a violent deed of the lexicon ("an attack", "un attentat")."""
        return any(self.lex.matches(e.key, self.lex.unknown_doer) or e.type in ("ASSAULT",)
                   for e in self.lex.entries(noun.lemma_, "noun"))

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
                    node = pobj(c) or c
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
            if not same_clause(t, trigger):
                continue  # a name of another clause ("s'affrontent devant l'OMC, chacun accusant l'autre")
            if any(c.dep_ == "cc" for c in t.children):
                continue  # "X a réagi, ainsi que les Etats-Unis": a co-participant, not the target
            if (t.ent_type_ in ("LOC", "GPE", "FAC") or self.coder.is_place(t)) \
                    and case_of(t) in self.lex.arguments.get("place_preps", ()):
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
            if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "ROOT", "conj", "appos", "flat:name") and self.coder.is_actor(t) \
                    and same_clause(t, verb):
                while t.dep_ in ("flat:name", "flat") and t.head.i < t.i:
                    t = t.head
                return t
        return None

    def _inherited_subject(self, verb):
        t = verb
        fallback = None
        for _ in range(5):
            # Only through clauses: a clause hung on a noun of another clause ("ont rejeté le texte
            # prévoyant de sanctionner les grévistes") takes no subject from the clause above the noun.
            if t.dep_ not in SHARED_SUBJECT or t.head.i == t.i:
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
                objs = [c for c in (through_quantity(x, self.lex) for x in children_with(head, {"obj", "dobj", *PASSIVE_SUBJECT}))
                        if self.coder.is_actor(c)]
                if objs:
                    return objs[0]
            subj = children_with(head, SUBJECT)
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
                node = pobj(c) if c.dep_ == "prep" else c
                if node is None:
                    continue
                case = c.lemma_.lower() if c.dep_ == "prep" else case_of(node)
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
            subj = children_with(holder, SUBJECT | PASSIVE_SUBJECT)
            if subj:
                return None, subj[0]
        if src is None:
            support = self.lex.arguments.get("support_verbs", frozenset())
            if verb is not noun and verb.lemma_.lower() in support and noun.dep_ in OBJECT | OBLIQUE | {"pobj"}:
                subj = children_with(verb, SUBJECT) or [x for x in [self._inherited_subject(verb)] if x is not None]
                if subj and subj[0].i != (tgt.i if tgt is not None else -1):
                    src = subj[0]
        if tgt is None:
            # "annoncer une série d'aides aux familles": the parser often hangs the recipient on the
            # noun's head or on the verb.
            heads = [h for h in (noun.head, clause_verb(noun)) if h is not noun]
            for c in (c for h in heads for c in h.children):
                if c.dep_ in OBLIQUE and c.i > noun.i and case_of(c) in self.target_preps and not self.is_time(c) \
                        and not self._where(c, case_of(c)):
                    a = self._actor_in(c, 1)
                    if a is not None and (src is None or a.i != src.i):
                        tgt = a
                        break
        return src, tgt


# -- the actor mentions around a trigger, for the study of participant choice -----------------
# ``veille train participants`` measures how often the gold countries are among them and whether a
# learned choice among them beats the rules above (it does not yet: docs/what.md).

def tree_distance(a, b, cap: int = 9) -> int:
    """Edges between two tokens of a sentence's parse (``cap`` when they do not meet)."""
    up: dict[int, int] = {}
    t, d = a, 0
    while True:
        up[t.i] = d
        if t.head.i == t.i:
            break
        t, d = t.head, d + 1
    t, d = b, 0
    while t.i not in up:
        if t.head.i == t.i:
            return cap
        t, d = t.head, d + 1
    return min(up[t.i] + d, cap)


def relation_to(m, trigger) -> str:
    """How a mention hangs on the trigger: its own relation ("obl:par", "nsubj:pass"), a conjunct
    of a dependent ("conj-of-nsubj"), two steps down, the trigger's head, a sibling, or other."""
    if m.head.i == trigger.i and m.i != trigger.i:
        case = case_of(m)
        return m.dep_ + (f":{case}" if case and m.dep_.startswith(("obl", "nmod")) else "")
    if m.dep_ == "conj" and m.head.head.i == trigger.i:
        return f"conj-of-{m.head.dep_}"
    if m.head.head.i == trigger.i and m.head.i != trigger.i:
        return f"2:{m.head.dep_}>{m.dep_}"
    if trigger.head.i == m.i:
        return f"head-of-trigger:{trigger.dep_}"
    if trigger.head.i == m.head.i:
        return f"sibling:{m.dep_}"
    return "other"


def sentence_mentions(coder: Coder, trigger, source=None, target=None, speaker=None) -> list[dict]:
    """The actor mentions of the trigger's sentence with what places them relative to it: the
    relation to the trigger, the tree distance, the same clause or not, the side and the distance
    in tokens, the kind of mention, its country (as the actor coder gives it) and whether it is
    the article's main country, the rules' source or target, or the quotation's speaker."""
    src = {t.i for t in with_conjuncts(source)} if source is not None else set()
    tgt = {t.i for t in with_conjuncts(target)} if target is not None else set()
    out = []
    for t in trigger.sent:
        if t.i == trigger.i or t.dep_ in ("flat:name", "flat"):
            continue  # the trigger itself, or a word inside a name its head stands for
        if t.pos_ not in ("PROPN", "NOUN", "PRON") and not t.ent_type_:
            continue
        if not coder.is_actor(t):
            continue
        x = coder.actor(t)
        if x is None:
            continue
        out.append({
            "offset": t.i - trigger.i, "relation": relation_to(t, trigger), "tree": tree_distance(t, trigger),
            "same_clause": same_clause(t, trigger), "kind": f"{t.pos_}/{t.ent_type_ or '-'}", "entity": x.entity is not None,
            "country": x.country, "main": x.country is not None and x.country == coder.default,
            "source": t.i in src, "target": t.i in tgt,
            "speaker": speaker is not None and x.entity is not None and x.entity == speaker.entity})
    return out
