from veille.eval.quotes import match, overlap, same_speaker


def test_overlap_counts_gold_words_in_order():
    assert overlap("le chat dort", "le chat dort ici") == 1.0
    assert overlap("le chat dort", "rien") == 0.0
    assert 0.6 < overlap("le chat dort", "le chat") < 0.7


def test_same_speaker_ignores_titles_and_accepts_surnames():
    assert same_speaker("Hélène Vasseur", "Mme Vasseur")
    assert same_speaker("le ministère de la Santé", "le ministère")
    assert not same_speaker("Hélène Vasseur", "Paul Lenoir")


def test_match_is_one_to_one():
    gold = [[{"kind": "direct", "content": "nous partirons demain", "speaker": "Paul Lenoir"},
             {"kind": "direct", "content": "nous partirons demain", "speaker": "Paul Lenoir"}]]
    system = [[{"content": {"text": "nous partirons demain"}, "speaker": {"name": "M. Lenoir"}}]]
    m = match(gold, system, 0.3)
    assert (m["p"], m["r"], m["speaker_acc"]) == (1.0, 0.5, 1.0)
