from veille.clean import langid
from veille.clean.furniture import clean_text, furniture_reason
from veille.clean.normalize import normalize

SCRAPED = """Accueil
Monde
Politique
Économie
Sport
Le maire de Villebrune démissionne
Publié le 03/02/2021 à 10h15
Partager
Le maire de Villebrune, Paul Arnaud, a annoncé mardi sa démission lors d'un conseil municipal extraordinaire, après dix ans de mandat.
Il a expliqué vouloir se consacrer à sa famille et a remercié les habitants pour leur confiance pendant toutes ces années.
Une élection partielle sera organisée dans un délai de trois mois, a précisé la préfecture dans un communiqué.
Publicité
A lire aussi
Villebrune : la piscine rouvre
Laisser un commentaire
Votre adresse e-mail ne sera pas publiée.
"""


def test_scraped_text_keeps_body_and_lists_removals():
    c = clean_text(normalize(SCRAPED), "fr")
    body = [l for l in SCRAPED.splitlines() if len(l) > 80]
    assert c.text.splitlines() == body
    reasons = {r.text: r.reason for r in c.removed}
    assert reasons["Publicité"] == "advertisement"
    assert reasons["Laisser un commentaire"] == "comments"
    assert reasons["Votre adresse e-mail ne sera pas publiée."] == "comments"
    assert reasons["Publié le 03/02/2021 à 10h15"] == "dateline"
    assert c.title == "Le maire de Villebrune démissionne"


def test_plain_article_is_untouched_except_furniture():
    text = "Premier paragraphe d'un article ordinaire, sans menu.\nDeuxième paragraphe.\nPublicité\nTroisième paragraphe."
    c = clean_text(text, "fr")
    assert c.text == "Premier paragraphe d'un article ordinaire, sans menu.\nDeuxième paragraphe.\nTroisième paragraphe."
    assert [r.reason for r in c.removed] == ["advertisement"]


def test_headline_then_blank_line_is_the_title():
    c = clean_text("Un titre court\n\nLe corps de l'article commence ici et continue.", "fr")
    assert c.title == "Un titre court" and c.text.startswith("Un titre court\n\nLe corps")


def test_prose_that_mentions_furniture_words_is_kept():
    line = "Le journal a publié une publicité pour appeler les lecteurs à laisser un commentaire sur son site."
    assert furniture_reason(line, "fr") is None
    assert furniture_reason("Leave a comment", "en") == "comments"
    assert furniture_reason("Advertisement", "en") == "advertisement"


def test_normalize_keeps_visible_characters():
    raw = "L’État\u00a0a dit « oui ».\r\nFin\u200b.  "
    assert normalize(raw) == "L’État\u00a0a dit « oui ».\nFin."


def test_language_identification():
    assert langid.identify("Le gouvernement a annoncé jeudi une nouvelle réforme des retraites.")[0] == "fr"
    assert langid.identify("The government announced a new pension reform on Thursday.")[0] == "en"
    assert langid.identify("Die Regierung hat am Donnerstag eine neue Rentenreform angekündigt.")[0] == "de"
    assert langid.identify("12 34")[0] == "und"
