#!/usr/bin/env python3
"""Build veille's list of first names with their gender (src/veille/resources/common/first_names.tsv).

The genders are read off French news: a first name written after a courtesy title ("Mme Agnès
Buzyn", "M. Jean Castex") or after a determiner and a title that agree ("la ministre Agnès
Buzyn", "le député Éric Ciotti") counts as a vote for that gender. A name is kept when it has at
least MIN_VOTES votes and SHARE of them agree. The hand-kept lists of who_names.toml stay
authoritative (the reader merges both, the hand list first).

Source: the OrangeSum development articles (../shared/data/orangesum/articles-dev.jsonl.gz), minus
every article of a check set.

Usage: python scripts/build_names.py [--data ../shared/data] [--out src/veille/resources/common/first_names.tsv]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIN_VOTES = 4
SHARE = 0.9
MAX_LOWER = 10   # times a word may be written in lower case and still be a first name

FEMININE_TITLES = ("ministre", "présidente", "députée", "sénatrice", "maire", "juge", "porte-parole", "secrétaire",
                   "directrice", "avocate", "chanteuse", "actrice", "journaliste", "militante", "dirigeante",
                   "candidate", "chancelière", "commissaire", "procureure", "eurodéputée", "adjointe", "cheffe",
                   "conseillère", "présidente-directrice", "écrivaine", "autrice", "sportive", "joueuse",
                   "réalisatrice", "animatrice", "présentatrice", "chercheuse", "professeure", "styliste",
                   "patronne", "reine", "princesse", "élue", "co-présidente", "vice-présidente", "sœur", "fille",
                   "mère", "épouse", "veuve", "compagne", "victime", "jeune femme", "mannequin", "comédienne")
MASCULINE_TITLES = ("ministre", "président", "député", "sénateur", "maire", "juge", "porte-parole", "secrétaire",
                    "directeur", "avocat", "chanteur", "acteur", "journaliste", "militant", "dirigeant", "candidat",
                    "chancelier", "commissaire", "procureur", "eurodéputé", "adjoint", "chef", "conseiller",
                    "président-directeur", "écrivain", "auteur", "sportif", "joueur", "réalisateur", "animateur",
                    "présentateur", "chercheur", "professeur", "styliste", "patron", "roi", "prince", "élu",
                    "co-président", "vice-président", "frère", "fils", "père", "époux", "mari", "compagnon",
                    "jeune homme", "comédien", "entraîneur", "sélectionneur", "général", "colonel")
_NAME = r"([A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]+)?)\s+(?:[A-ZÀ-ÖØ-Ý]|d[e'’]\s?[A-Z]|[Ll]e\s[A-Z])"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# the words of a title's complement: "de l'Intérieur", "de la Santé", "américain", "LR"
_COMPLEMENT = r"(?:\s+(?:(?!(?:de|du|des|d|la|le|les)\b)[a-zà-öø-ÿ-]+|[dl]['’][\wÀ-ÿ-]+|(?:de\s+la|du|des|de)\s+[\wÀ-ÿ-]+|[A-Z]{2,5}))"
_SURNAME = r"\s+[A-ZÀ-ÖØ-Ý][\wÀ-ÿ'’-]+"
_FIRST = r"([A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]+)?)"
PATTERNS = (
    ("f", re.compile(r"\b(?:Mme|Madame|Mlle|Mademoiselle)\s+" + _NAME)),
    ("m", re.compile(r"\b(?:M\.|Monsieur)\s+" + _NAME)),
    # "la ministre de la Santé Agnès Buzyn": the title, a few words of complement, then the name
    ("f", re.compile(r"\b(?:[Ll]a|[Uu]ne|[Ll]['’]|[Ss]a|[Cc]ette)\s*(?:" + _alt(FEMININE_TITLES) + r")\b" + _COMPLEMENT + r"{0,5}?\s+" + _NAME)),
    ("m", re.compile(r"\b(?:[Ll]e|[Uu]n|[Ss]on|[Cc]e)\s+(?:" + _alt(MASCULINE_TITLES) + r")\b" + _COMPLEMENT + r"{0,5}?\s+" + _NAME)),
    # "Agnès Buzyn, la ministre de la Santé"
    ("f", re.compile(r"(?<![\w.])" + _FIRST + _SURNAME + r",\s+(?:la|une|l['’])\s*(?:" + _alt(FEMININE_TITLES) + r")\b")),
    ("m", re.compile(r"(?<![\w.])" + _FIRST + _SURNAME + r",\s+(?:le|un)\s+(?:" + _alt(MASCULINE_TITLES) + r")\b")),
)


def fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def check_ids(data: Path) -> set[int]:
    out: set[int] = set()
    for d in data.glob("*-check"):
        for docs in d.glob("docs.jsonl"):
            out |= {int(json.loads(line)["id"]) for line in docs.open(encoding="utf-8")}
        out |= {int(p.stem) for p in d.glob("*.tml") if p.stem.isdigit()}
    return out


def votes(data: Path) -> tuple[dict[str, Counter], Counter]:
    """Gender votes per first name, and how often each word is written in lower case (a
    common noun: "culture", "unité" are not first names)."""
    skip = check_ids(data)
    out: dict[str, Counter] = {}
    lower: Counter = Counter()
    with gzip.open(data / "orangesum" / "articles-dev.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in skip:
                continue
            text = (a.get("heading") or "") + "\n" + a["article"]
            for gender, pattern in PATTERNS:
                for m in pattern.finditer(text):
                    out.setdefault(fold(m.group(1)), Counter())[gender] += 1
            lower.update(fold(w) for w in re.findall(r"(?<![\w'’-])[a-zà-öø-ÿ][\w-]+", text))
    return out, lower


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "veille" / "resources" / "common" / "first_names.tsv")
    args = ap.parse_args()
    kept = []
    found, lower = votes(args.data)
    for name, c in sorted(found.items()):
        n = sum(c.values())
        gender, top = c.most_common(1)[0]
        if n >= MIN_VOTES and top / n >= SHARE and len(name) > 2 and not name.endswith("-") \
                and lower[name] <= MAX_LOWER and not re.search(r"-(?:le|la|de)$", name):
            kept.append((name, gender, n))
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# first name (lower case, no accents)\tgender\tvotes; built by scripts/build_names.py\n")
        for name, gender, n in kept:
            f.write(f"{name}\t{gender}\t{n}\n")
    print(f"{len(kept)} first names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
