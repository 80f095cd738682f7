"""Readability: syllables via pyphen, sentences, Flesch-Douma (nl) and Flesch (en), thresholds."""

from __future__ import annotations

import pytest

from leafletgen.build import load
from leafletgen.models import QAItem, Section
from leafletgen.readability import (Thresholds, count_syllables, longest_sentences, measure,
                                    problems, section_blocks, split_sentences, words_of)
from projectkit import REPO

# Counted by hand, syllable by syllable, from the Dutch spoken forms. Hyphenation
# dictionaries alone get the first four wrong: they never split off one letter at a word's
# edge (a-pen, i-dee), and nl_NL breaks 'rol-s-toel'.
DUTCH_BY_HAND = {
    "diagnose": 4, "theater": 3, "video": 3, "niveau": 2,  # di-ag-no-se, ni-veau
    "apen": 2, "idee": 2, "museum": 3, "koeien": 2,  # a-pen, i-dee, mu-se-um, koei-en
    "rolstoelafhankelijk": 6,  # rol-stoel-af-han-ke-lijk
    "demyelinisatie": 7,  # de-my-e-li-ni-sa-tie
    "myeline": 4, "zenuw": 2, "axon": 2, "ongeveer": 3, "stroomdraad": 2,
    "patiënten": 4, "beëindigen": 4,  # a diaeresis starts a syllable: pa-ti-ën-ten
    "immuunglobulinepreparaten": 10,  # im-muun-glo-bu-li-ne-pre-pa-ra-ten
    "onderhoudsbehandeling": 7, "MMN-patiënten": 5, "MMN": 1, "85": 1,
}
ENGLISH_BY_HAND = {"cat": 1, "make": 1, "used": 1, "people": 2, "little": 2, "readable": 3,
                   "information": 4, "hospital": 3, "treatment": 2}


@pytest.mark.parametrize("word,syllables", DUTCH_BY_HAND.items())
def test_dutch_syllables_match_a_hand_count(word, syllables):
    assert count_syllables(word, "nl") == syllables


@pytest.mark.parametrize("word,syllables", ENGLISH_BY_HAND.items())
def test_english_syllables_match_a_hand_count(word, syllables):
    assert count_syllables(word, "en") == syllables


def test_flesch_douma_of_hand_counted_dutch_sentences():
    # "De kat zit op de mat." 6 words, 6 syllables, 1 sentence:
    #   206.835 - 0.93 * 6 - 77 * 6/6 = 124.255
    # "De meeste mensen met MMN worden niet rolstoelafhankelijk." 8 words,
    #   1+2+2+1+1+2+1+6 = 16 syllables: 206.835 - 0.93 * 8 - 77 * 16/8 = 45.395
    assert measure(["De kat zit op de mat."], "nl").score == pytest.approx(124.255)
    result = measure(["De meeste mensen met MMN worden niet rolstoelafhankelijk."], "nl")
    assert (result.words, result.syllables) == (8, 16)
    assert result.score == pytest.approx(45.395)


def test_two_dutch_sentences_average_their_lengths():
    # Een zenuw bestaat uit een kern. (6 words: 1+2+2+1+1+1 = 8 syllables)
    # Bij MMN treedt verlies van myeline op. (7 words: 1+1+1+2+1+4+1 = 11 syllables)
    result = measure(["Een zenuw bestaat uit een kern. Bij MMN treedt verlies van myeline op."], "nl")
    assert (len(result.sentences), result.words, result.syllables) == (2, 13, 19)
    assert result.average_sentence_words == 6.5
    assert result.score == pytest.approx(206.835 - 0.93 * 6.5 - 77 * 19 / 13)


def test_flesch_reading_ease_for_english():
    # "The cat sat on the mat." 6 words, 6 syllables: 206.835 - 1.015*6 - 84.6 = 116.145
    result = measure(["The cat sat on the mat."], "en")
    assert (result.formula, result.score) == ("Flesch reading ease", pytest.approx(116.145))


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = ("Advies van prof.dr. P.A. van Doorn en dr. R.M. van den Berg. Zij werken bijv. "
            "in Utrecht. Dat helpt 85%. Klaar!")
    assert split_sentences(text, "nl") == [
        "Advies van prof.dr. P.A. van Doorn en dr. R.M. van den Berg.",
        "Zij werken bijv. in Utrecht.", "Dat helpt 85%.", "Klaar!"]


def test_a_full_stop_before_a_lowercase_word_does_not_end_a_sentence():
    assert split_sentences("Dit kost ca. tien euro. Daarna niet.", "nl") == [
        "Dit kost ca. tien euro.", "Daarna niet."]


def test_words_keep_hyphenated_compounds_and_drop_punctuation():
    assert words_of("Het (IVIg) werkt bij 85% van MMN-patiënten: ja.") == [
        "Het", "IVIg", "werkt", "bij", "85", "van", "MMN-patiënten", "ja"]


def test_markdown_is_read_as_text_headings_and_paragraphs_end_sentences():
    section = Section(id="x", title="Titel", audiences=["treatment"],
                      body="# Kop zonder punt\n\nZie [de site](https://example.nl) **nu**.\n\n"
                           "- een punt\n- nog een\n",
                      questions=[QAItem(question="Wat is het?", answer="Dit is het.")])
    assert section_blocks(section) == ["Kop zonder punt", "Zie de site nu.", "een punt",
                                       "nog een", "Wat is het?", "Dit is het."]


def test_long_sentences_are_listed_longest_first_up_to_the_limit():
    text = " ".join(["Dit is kort."] + [" ".join(["Woord"] * n) + "." for n in (16, 20, 18, 17)])
    result = measure([text], "nl")
    worst = longest_sentences(result, Thresholds(worst_sentences=3))
    assert [s.words for s in worst] == [20, 18, 17]


def test_problems_name_each_threshold_that_is_crossed():
    # 18 words; by hand 42 syllables, six of them words of 4+ syllables: di-ag-no-se,
    # ge-mak-ke-lijk, neu-ro-lo-gi-sche, ver-schijn-se-len, on-re-gel-ma-tig, ont-wik-ke-len.
    # Flesch-Douma: 206.835 - 0.93 * 18 - 77 * 42 / 18 = 10.43
    result = measure(["De diagnose is niet gemakkelijk te stellen omdat de neurologische "
                      "verschijnselen zich langzaam en onregelmatig ontwikkelen bij mensen."], "nl")
    assert (result.words, result.syllables, len(result.long_words)) == (18, 42, 6)
    assert problems(result, Thresholds()) == [
        "sentences average 18.0 words (B1 aims at 15 or fewer)",
        "33% of words have 4 or more syllables (limit 10%), e.g. verschijnselen, "
        "neurologische, onregelmatig",
        "Flesch-Douma score 10.4 (aim for 60 or more)"]


def test_thresholds_are_configurable():
    result = measure(["De meeste mensen met MMN worden niet rolstoelafhankelijk."], "nl")
    assert problems(result, Thresholds(max_long_word_share=0.2, min_score=40)) == []


def test_mmn_report_names_its_longest_sentence_and_scores_each_section():
    library = load(REPO)
    diagnose = library.sections["mmn"]["diagnose"]
    result = measure(section_blocks(diagnose), "nl")
    worst, = longest_sentences(result, Thresholds())
    assert worst.words == 35
    assert worst.text.startswith("De diagnose MMN is meestal niet gemakkelijk te stellen")
    scores = {sid: round(measure(section_blocks(s), "nl").score, 1)
              for sid, s in library.sections["mmn"].items()}
    assert scores["klachten-en-verloop"] == 70.0  # the easiest MMN section
    assert min(scores, key=scores.get) == "meer-informatie"


def test_the_long_mmn_diagnosis_sentence_matches_a_hand_count():
    # De(1) di-ag-no-se(4) MMN(1) is(1) meest-al(2) niet(1) ge-mak-ke-lijk(4) te(1)
    # stel-len(2) daar-om(2) is(1) het(1) goed(1) als(1) dat(1) in(1) o-ver-leg(3)
    # ge-beurt(2) met(1) een(1) neu-ro-loog(3) in(1) een(1) neu-ro-mus-cu-lair(5)
    # cen-trum(2) om-dat(2) men(1) daar(1) veel(1) meer(1) er-va-ring(3) met(1) de(1)
    # aan-doe-ning(3) heeft(1): 35 words, 59 syllables.
    # Flesch-Douma: 206.835 - 0.93 * 35 - 77 * 59 / 35 = 44.485
    diagnose = load(REPO).sections["mmn"]["diagnose"]
    result = measure(section_blocks(diagnose), "nl")
    assert (len(result.sentences), result.words, result.syllables) == (1, 35, 59)
    assert result.score == pytest.approx(44.485)
