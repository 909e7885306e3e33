"""Stage quotes: who said what, as direct, indirect and mixed quotes with their speakers.

The stage reads the spaCy parse and the entities of a ``Work`` and sets ``work.quotes``.
Quotations (pairs of marks) and attributions (cue words with content and source, see
``cues``) are found separately, then joined: a quotation that fills an attribution's content
is a direct quote, one that sits inside a longer reported clause makes that clause mixed, an
attribution without quotation is indirect. Quotations with no cue nearby keep the speaker of
the quote next to them, unless they look like a term in quotation marks.
"""
from __future__ import annotations

import bisect
import functools
import re

from ..records import Quote, Span
from ..work import Work
from .cues import Attribution, UnitParser
from .lexicon import lexicon
from .marks import Pair, find_pairs, unit_bounds
from . import ranker
from .speakers import Resolution, Resolver

__all__ = ["annotate", "extract"]

# A quotation with fewer words than this, not attributed by any cue, is taken for a term,
# a name or a title rather than someone's words.
MIN_FREE_WORDS = 6
# The same for a quotation with a cue in its sentence.
MIN_CUED_WORDS = 3
# A quotation covering this share of an attribution's content is that content (direct).
FILL = 0.8
_WORD = re.compile(r"\w+")
# An incise inside one pair of marks: « A, a-t-il dit, B » (or « A, a-t-il dit. B »).
_INCISE = (r",\s*((?:(?:a|ont|avait|avaient)(?:[ -]t)?(?:-(?:il|elle|ils|elles|on))?\s+(?:(?:{adverbs})\s+)?)?)"
           r"(\w+)((?:-t)?-(?:il|elle|ils|elles|on))?\b([^,.«»\"]{{0,60}})(?=[,.]\s*)")
_PRONOUN = re.compile(r"(?<=-)(?:il|elle|ils|elles|on)\b")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def annotate(work: Work) -> None:
    """Sets ``work.quotes``, and proposes the words of sources that are mentions of their
    speaker ("il", "la ministre") in ``work.proposed_mentions`` for the entity stage."""
    work.quotes = list(extract(work)) if work.doc is not None else []


def extract(work: Work) -> list[Quote]:
    text, doc = work.text, work.doc
    lex = lexicon(work.language)
    pairs = find_pairs(text)
    pair_starts = [p.start for p in pairs]

    def quoted(offset: int) -> bool:
        k = bisect.bisect_right(pair_starts, offset) - 1
        return k >= 0 and pairs[k].start <= offset < pairs[k].end

    ents = sorted((m.start, m.end, e.type) for e in work.entities for m in e.mentions if m.kind == "name")
    units = unit_bounds(text, [s.start_char for s in doc.sents], pairs)
    tokens = [t for t in doc if not t.is_space]
    tstarts = [t.idx for t in tokens]
    resolver = Resolver(work, lex, [(p.open, p.close + 1) for p in pairs])
    found: list[tuple[str, tuple[int, int], tuple[int, int] | None, tuple[int, int] | None, bool]] = []

    for us, ue in units:
        a, b = bisect.bisect_left(tstarts, us), bisect.bisect_left(tstarts, ue)
        unit_pairs = [p for p in pairs[bisect.bisect_left(pair_starts, us):bisect.bisect_left(pair_starts, ue + 1)]
                      if p.end <= ue]
        atts = UnitParser(text, tokens[a:b], lex, quoted, ents).attributions()
        used: set[int] = set()
        taken_pairs: set[int] = set()
        for k, att in enumerate(atts):
            cs, ce = att.content
            inside = [j for j, p in enumerate(unit_pairs) if p.start >= cs - 1 and p.end <= ce + 1 and j not in taken_pairs]
            if not inside:
                continue
            used.add(k)
            span_words = _words(text[cs:ce])
            quoted_words = sum(_words(text[unit_pairs[j].start:unit_pairs[j].end]) for j in inside)
            taken_pairs.update(inside)
            p0 = unit_pairs[inside[0]]
            outside = _words(text[cs:p0.open]) + _words(text[p0.close + 1:ce]) if len(inside) == 1 else span_words
            if len(inside) == 1 and (quoted_words >= FILL * span_words or outside <= 1) and _words(text[cs:p0.open]) <= 1:
                p = unit_pairs[inside[0]]
                for piece in _split_incise(text, p, lex):
                    found.append(("direct", piece, att.cue, att.speaker, att.continues))
            else:
                found.append(("mixed", (cs, ce), att.cue, att.speaker, att.continues))
        for k, att in enumerate(atts):
            if k in used:
                continue
            if att.shape == "after" and any(us <= p.open and p.close <= att.cue[0] for j, p in enumerate(unit_pairs) if j not in taken_pairs):
                continue
            found.append(("indirect", att.content, att.cue, att.speaker, att.continues))
        for j, p in enumerate(unit_pairs):
            if j in taken_pairs:
                continue
            nearest = min(atts, key=lambda x: abs(x.cue[0] - p.start), default=None)
            n_words = _words(text[p.start:p.end])
            whole = n_words >= 0.6 * _words(text[us:ue])
            if nearest is not None and (n_words >= MIN_CUED_WORDS or whole):
                clause = _clause(text, p, atts, us, ue)
                if _words(text[clause[0]:clause[1]]) > n_words / FILL:
                    found.append(("mixed", clause, nearest.cue, nearest.speaker, nearest.continues))
                    continue
                for piece in _split_incise(text, p, lex):
                    found.append(("direct", piece, nearest.cue, nearest.speaker, nearest.continues))
            elif n_words >= MIN_FREE_WORDS or (whole and n_words >= 2) or _dashed_heading(text, p):
                for piece, cue, spk in _incise(text, p, lex):
                    found.append(("direct", piece, cue, spk, spk is None))

    found.sort(key=lambda f: f[1][0])
    refused: set[int] = set()
    quotes: list[Quote] = []
    speakers = []
    reasons: list[str] = []
    own = [spk is not None or cue is not None for _, _, cue, spk, _ in found]
    for kind, (cs, ce), cue, spk, continues in found:
        # a report nested in another one's content does not change the current source
        nested = any(q.content.start <= cs and ce <= q.content.end for q in quotes)
        current = resolver.last
        # reported (not verbatim) words name their speaker only in the first person
        resolution = resolver.resolve(spk, cs, (cs, ce) if kind == "indirect" else None) if spk \
            else Resolution(None, "no source")
        speaker, reason = resolution.speaker, resolution.reason
        if nested:
            resolver.last = current
        if speaker is None and spk and resolution.refused:
            # a cue whose subject cannot speak ("la récession promet", "cela veut dire"): no
            # speaker rather than a neighbour's
            refused.add(len(quotes))
        elif speaker is None and continues and quotes and cue is not None:
            speaker = speakers[-1] if speakers and quotes[-1].content.start > cs - 600 else None
            reason = "continues"
        if speaker is not None and not nested:
            resolver.remember(cs, speaker)
        if kind != "direct":
            cs, ce = _unglue(text, cs, ce, cue, quoted)
        quotes.append(Quote(kind, Span.of(text, cs, ce), speaker, Span.of(text, *cue) if cue else None))
        speakers.append(speaker)
        reasons.append(reason)
    # a quotation without a source of its own: the same words quoted elsewhere with a source
    # (a heading or a lede repeating a quote of the article), else, for a heading, the first
    # source that follows it (it announces the next section)
    words = [_tokens(q.content.text) for q in quotes]
    # the quotes with a source of their own by the three words in a row they hold (the loop
    # below changes only quotes without one)
    holding: dict[tuple[str, ...], list[int]] = {}
    for j, q in enumerate(quotes):
        if own[j] and q.speaker is not None:
            for three in sorted({tuple(words[j][k:k + 3]) for k in range(len(words[j]) - 2)}):
                holding.setdefault(three, []).append(j)
    for i, q in enumerate(quotes):
        if own[i] or len(words[i]) < 2 or i in refused:
            continue
        same = [j for j in holding.get(tuple(words[i][:3]), ()) if j != i and own[j] and quotes[j].speaker is not None
                and len(words[i]) >= 3 and _contains(words[j], words[i])]
        if same:
            j = min(same, key=lambda j: abs(j - i))
            quotes[i] = Quote(q.kind, q.content, quotes[j].speaker, q.cue)
            reasons[i] = "repeated words"
        elif _heading(text, q.content.start, q.content.end):
            nxt = next((j for j in range(i + 1, len(quotes)) if own[j] and quotes[j].speaker is not None), None)
            if nxt is not None:
                quotes[i] = Quote(q.kind, q.content, quotes[nxt].speaker, q.cue)
                reasons[i] = "heading"
    # a quotation following, in its paragraph, a sentence about a named person ("X renvoie la
    # responsabilité sur les acheteurs. « ... »") gives that person the words
    for i, q in enumerate(quotes):
        if q.speaker is not None or own[i] or i in refused:
            continue
        since = max(quotes[i - 1].content.end if i else 0, text.rfind("\n", 0, q.content.start) + 1)
        person = resolver.subject_between(since, q.content.start)
        if person is not None:
            quotes[i] = Quote(q.kind, q.content, person, q.cue)
            reasons[i] = "paragraph subject"
    # a quotation without a cue of its own: the speaker of a quote of the same paragraph,
    # the one before first, else the quote just before or after
    para = [text.count("\n", 0, q.content.start) for q in quotes]
    for i, q in enumerate(quotes):
        if q.speaker is not None or i in refused:
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(quotes) and quotes[j].speaker]
        same = [j for j in near if para[j] == para[i]]
        pick = (same or near or [None])[0]
        if pick is not None:
            quotes[i] = Quote(q.kind, q.content, quotes[pick].speaker, q.cue)
            reasons[i] = "neighbour"
    drafts = [ranker.Draft(i, q.kind, (q.content.start, q.content.end), found[i][2], found[i][3], q.speaker,
                           reasons[i], i in refused) for i, q in enumerate(quotes)]
    work.scratch["quote_drafts"] = drafts
    work.scratch["quote_resolver"] = resolver
    if ranker.weights() is None:
        return quotes
    sc = ranker.scene(work, lex, resolver, drafts)
    chosen = ranker.attribute(sc, drafts)
    work.proposed_mentions.extend(c.mention for c in chosen if c.mention is not None)
    return [Quote(q.kind, q.content, c.speaker, q.cue) for q, c in zip(quotes, chosen)]


# The end of a sentence glued to the next one, or to a heading, by a lost paragraph break:
# "... de la capitale?Côté transports", "... forte."En Outre-Mer", "... en face.+Que faire".
_GLUED = re.compile(r"(?<=[\w)»\"”])[.?!][»\"”]?(?=\+\s?[A-ZÀ-ÖØ-Ý]|[A-ZÀ-ÖØ-Ý])")
_LAST_WORD = re.compile(r"(\w+)\W*$")


def _unglue(text: str, cs: int, ce: int, cue, quoted) -> tuple[int, int]:
    """Reported words stop at a paragraph break the source text lost: they keep the side of
    the break their cue is on (the words after a cue that comes first, else the last words)."""
    cuts = []
    for m in _GLUED.finditer(text, cs, ce):
        p = m.start()
        # a sentence end inside one quotation is the speaker's; an initial ("M.") is no end
        if p <= cs or quoted(p) and quoted(m.end()) or \
                len((_LAST_WORD.search(text, max(cs, p - 30), p) or ["", ""])[1]) < 2:
            continue
        # a mark after the punctuation closes the quotation it ends, or opens the next one
        mark = m.end() - p > 1 and m.group()[-1] in "»\"”"
        closes = mark and quoted(p)
        cuts.append((p + 1 + (1 if closes else 0), p + 1 if mark and not closes else m.end()))
    if not cuts:
        return cs, ce

    def holds_quote(a: int, b: int) -> bool:
        return any(quoted(k) for k in range(a, b))

    if cue is not None and cue[0] >= ce:
        s = cuts[-1][1]
        while s < ce and (text[s].isspace() or text[s] in "+-–"):
            s += 1
        # the quoted words are the report: a cut that would leave them out is wrong
        keep = _words(text[s:ce]) >= 3 and not (holds_quote(cs, s) and not holds_quote(s, ce))
        return (s, ce) if keep else (cs, ce)
    e = cuts[0][0]
    while e > cs and text[e - 1] in " .":
        e -= 1
    keep = _words(text[cs:e]) >= 3 and not (holds_quote(e, ce) and not holds_quote(cs, e))
    return (cs, e) if keep else (cs, ce)


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    """Whether the words of ``shorter`` run, in order and together, inside ``longer``."""
    n = len(shorter)
    return n <= len(longer) and any(longer[k:k + n] == shorter for k in range(len(longer) - n + 1))


_DASHED = re.compile(r"[-–—]\s*$")
_DASH_AFTER = re.compile(r"^\s*[-–—]")


def _dashed_heading(text: str, p: Pair) -> bool:
    """A quotation set between dashes, as news agencies write subheadings ("- « Dictature
    absolue » -"), even when a lost paragraph break glued it to the sentences around it."""
    return bool(_DASHED.search(text[max(0, p.open - 3):p.open]) and _DASH_AFTER.match(text[p.close + 1:p.close + 4]))


def _heading(text: str, start: int, end: int) -> bool:
    """Whether a quotation is a line of its own (a heading), dashes and marks aside, or a
    subheading set between dashes."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    rest = text[ls:start] + text[end:le]
    if not _WORD.search(rest):
        return True
    return bool(_DASHED.search(text[max(0, start - 5):start].rstrip("«“\" \u00a0"))
                and _DASH_AFTER.match(text[end:end + 5].lstrip("»”\" \u00a0")))


def _clause(text: str, p: Pair, atts: list[Attribution], us: int, ue: int) -> tuple[int, int]:
    """The words around a quotation up to the cues of its unit: the reported clause a quoted
    fragment belongs to ("un arrêt qui n'a « aucune conséquence »")."""
    left, right = us, ue
    for a in atts:
        ends = max(a.cue[1], a.speaker[1] if a.speaker and a.speaker[1] <= p.open else 0)
        if ends <= p.open:
            left = max(left, ends)
        elif a.cue[0] >= p.close:
            right = min(right, a.cue[0])
    while left < right and (text[left].isspace() or text[left] in ",:;-–"):
        left += 1
    while right > left and (text[right - 1].isspace() or text[right - 1] in ",:;.-–"):
        right -= 1
    return (left, right) if right > left else (p.start, p.end)


def _split_incise(text: str, p: Pair, lex=None) -> list[tuple[int, int]]:
    return [piece for piece, _, _ in _incise(text, p, lex)]


@functools.lru_cache(maxsize=None)
def _incise_pattern(adverbs: frozenset[str]) -> re.Pattern:
    """The incise pattern, with the lexicon's adverbs allowed between auxiliary and verb
    (« A, a encore dit X. B »)."""
    words = "|".join(re.escape(a) for a in sorted(adverbs, key=len, reverse=True) if a.isalpha())
    return re.compile(_INCISE.format(adverbs=words or "(?!)"))


def _incise(text: str, p: Pair, lex=None):
    """A quotation split by a cue inside its marks (« A, a-t-il dit, B »): its two pieces,
    each with the cue and the words designating the speaker."""
    inner = text[p.start:p.end]
    for m in _incise_pattern(lex.adverbs if lex is not None else frozenset()).finditer(inner):
        verb = m.group(2).lower()
        after = re.match(r"[,.]\s*", inner[m.end():])
        if lex is not None and verb not in lex.forms or m.start() == 0 or m.end() + after.end() >= len(inner):
            continue
        base = p.start
        cue = (base + m.start(1) if m.group(1) else base + m.start(2), base + (m.end(3) if m.group(3) else m.end(2)))
        pron = _PRONOUN.search(text, cue[0], cue[1])
        if pron:
            spk = (pron.start(), pron.end())
        else:
            rest = m.group(4).strip()
            s0 = base + m.start(4) + (len(m.group(4)) - len(m.group(4).lstrip()))
            spk = (s0, s0 + len(rest)) if rest else None
        return [((base, base + m.start()), cue, spk), ((base + m.end() + after.end(), p.end), cue, spk)]
    return [((p.start, p.end), None, None)]
