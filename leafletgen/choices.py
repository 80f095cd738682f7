"""Names and defaults the command line offers, kept free of heavy imports so `--help` starts fast."""

from __future__ import annotations

from dataclasses import dataclass

AUDIENCE_NAMES: tuple[str, ...] = ("newly-diagnosed", "pre-surgery", "treatment")
LANGUAGE_NAMES: tuple[str, ...] = ("nl", "en")  # one templates/strings/<name>.yaml each


@dataclass(frozen=True)
class Thresholds:
    """Where a section stops being easy to read. Defaults follow B1 guidance (see docs)."""

    max_average_sentence_words: float = 15.0
    long_sentence_words: int = 15  # sentences longer than this are listed, longest first
    long_word_syllables: int = 4  # a word of this many syllables or more is long
    max_long_word_share: float = 0.10
    min_score: float = 60.0
    worst_sentences: int = 3  # how many of the longest sentences a warning shows
