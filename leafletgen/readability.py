"""Readability of section text: sentence length, long words, Flesch-Douma / Flesch. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyphen
from markdown_it import MarkdownIt

from .choices import Thresholds  # noqa: F401 (part of this module's interface)
from .models import Section

# Flesch (1948) for English; Douma (1960) adapted its weights to Dutch word and sentence
# lengths. Both give 0-100, higher is easier.
FORMULAS = {
    "nl": ("Flesch-Douma", 206.835, 0.93, 77.0),
    "en": ("Flesch reading ease", 206.835, 1.015, 84.6),
}
HYPHENATION = {"nl": "nl_NL", "en": "en_US"}
ABBREVIATIONS = {  # a full stop after these does not end a sentence
    "nl": {"bijv", "bv", "ca", "dr", "drs", "enz", "etc", "evt", "excl", "incl", "ir", "mr",
           "nr", "prof", "resp", "zgn", "mevr", "dhr", "st", "vs"},
    "en": {"dr", "mr", "mrs", "ms", "prof", "etc", "vs", "no", "approx", "st"},
}
VOWELS = "aeiouyáéíóúàèìòùâêîôûäëïöü"
DUTCH_HIATUS = ("ia", "io", "iu", "ea", "eo", "oa", "ua", "uo")  # two syllables: the-a-ter
TREMA = "äëïöü"  # a diaeresis starts a new syllable: be-ëin-di-gen, pa-ti-ën-ten
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Sentence:
    """One sentence and its length in words."""

    text: str
    words: int


@dataclass(frozen=True)
class Readability:
    """The measures of one text."""

    language: str
    formula: str
    sentences: list[Sentence]
    words: int
    syllables: int
    long_words: list[str] = field(default_factory=list)

    @property
    def average_sentence_words(self) -> float:
        return self.words / len(self.sentences) if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        return len(self.long_words) / self.words if self.words else 0.0

    @property
    def score(self) -> float:
        """Flesch-Douma (nl) or Flesch reading ease (en)."""
        if not self.words:
            return 0.0
        _, base, per_sentence, per_syllable = FORMULAS[self.language]
        return (base - per_sentence * self.average_sentence_words
                - per_syllable * self.syllables / self.words)


def section_blocks(section: Section) -> list[str]:
    """Return the section's running text as plain-text blocks (paragraphs, questions)."""
    blocks = _markdown_blocks(section.body)
    for item in section.questions:
        blocks.append(item.question)
        blocks.extend(_markdown_blocks(item.answer))
    return blocks


def _markdown_blocks(text: str) -> list[str]:
    blocks = []
    for token in _parser().parse(text):
        if token.type == "inline":
            words = [c.content if c.type in ("text", "code_inline") else
                     " " if c.type in ("softbreak", "hardbreak") else ""
                     for c in token.children or []]
            blocks.append(" ".join("".join(words).split()))
    return [b for b in blocks if b]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def split_sentences(block: str, language: str) -> list[str]:
    """Return the sentences of one block; a block (paragraph, heading) always ends one."""
    tokens = block.split()
    sentences, current = [], []
    for index, token in enumerate(tokens):
        current.append(token)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is None or (_ends_sentence(token, language)
                                 and re.match(r"[\"'“‘(]?[A-Z0-9À-Ý]", following)):
            sentences.append(" ".join(current))
            current = []
    return sentences


def _ends_sentence(token: str, language: str) -> bool:
    bare = token.rstrip("\"'”’)")
    if not bare.endswith((".", "!", "?")):
        return False
    if not bare.endswith("."):
        return True
    parts = [p for p in bare.lower().split(".") if p]
    return not parts or not all(len(p) == 1 or p in ABBREVIATIONS[language] for p in parts)


def words_of(sentence: str) -> list[str]:
    """Return the words of a sentence (numbers count as words; punctuation does not)."""
    return WORD.findall(sentence)


@lru_cache(maxsize=4)
def _hyphenator(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=HYPHENATION[language], left=1, right=1)


def count_syllables(word: str, language: str) -> int:
    """Return the syllables of a word: the parts pyphen's hyphenation dictionary finds,
    split further where a part still holds separate vowel groups (hyphenation never
    leaves one letter alone at a word's edge: 'apen', 'idee')."""
    total = 0
    for piece in filter(None, re.split(r"['’-]", word)):
        parts = _hyphenator(language).inserted(piece.lower()).split("-")
        count = 0
        for position, part in enumerate(parts):
            groups = _vowel_groups(part, language)
            if language == "en" and position == len(parts) - 1:
                groups -= _silent_ending(part, groups)
            count += max(0, groups)  # a part without vowels ('rol-s-toel') adds none
        total += max(1, count)  # figures and abbreviations (85, MMN) count as one
    return max(1, total)


def _vowel_groups(text: str, language: str) -> int:
    """Count groups of vowels; in Dutch, a group holding a vowel pair that is always said
    as two (dia-gno-se, vi-de-o) counts as two: hyphenation leaves those single vowels."""
    groups: list[str] = []
    previous = False
    for char in text:
        vowel = char in VOWELS
        if vowel and (not previous or char in TREMA):
            groups.append(char)
        elif vowel:
            groups[-1] += char
        previous = vowel
    if language != "nl":
        return len(groups)
    return len(groups) + sum(pair in group for group in groups if "eau" not in group
                             for pair in DUTCH_HIATUS)


def _silent_ending(part: str, groups: int) -> int:
    """English: a final 'e' (make) or 'ed' after most consonants (used) is not spoken."""
    if groups < 2:
        return 0
    if part.endswith("e") and not re.search(r"[^aeiou]le$", part):
        return 1
    return 1 if re.search(r"[^aeioutd]ed$", part) else 0


def measure(blocks: list[str], language: str, thresholds: Thresholds = Thresholds()) -> Readability:
    """Return the readability measures of some blocks of text."""
    sentences, words, syllables, long_words = [], 0, 0, []
    for block in blocks:
        for text in split_sentences(block, language):
            found = words_of(text)
            if not found:
                continue
            sentences.append(Sentence(text, len(found)))
            words += len(found)
            for word in found:
                count = count_syllables(word, language)
                syllables += count
                if count >= thresholds.long_word_syllables and not word.isdigit():
                    long_words.append(word)
    return Readability(language, FORMULAS[language][0], sentences, words, syllables,
                       long_words)


def longest_sentences(result: Readability, thresholds: Thresholds) -> list[Sentence]:
    """Return the sentences over the length limit, longest first."""
    long = [s for s in result.sentences if s.words > thresholds.long_sentence_words]
    return sorted(long, key=lambda s: -s.words)[: thresholds.worst_sentences]


def problems(result: Readability, thresholds: Thresholds) -> list[str]:
    """Return what is too hard in plain words; empty if the text meets every threshold."""
    found = []
    if result.average_sentence_words > thresholds.max_average_sentence_words:
        found.append(f"sentences average {result.average_sentence_words:.1f} words "
                     f"(B1 aims at {thresholds.max_average_sentence_words:g} or fewer)")
    if result.long_word_share > thresholds.max_long_word_share:
        examples = ", ".join(sorted(set(result.long_words), key=len, reverse=True)[:3])
        found.append(f"{result.long_word_share:.0%} of words have "
                     f"{thresholds.long_word_syllables} or more syllables (limit "
                     f"{thresholds.max_long_word_share:.0%}), e.g. {examples}")
    if result.words and result.score < thresholds.min_score:
        found.append(f"{result.formula} score {result.score:.1f} "
                     f"(aim for {thresholds.min_score:g} or more)")
    return found
