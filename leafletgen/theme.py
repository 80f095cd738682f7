"""Theme colours: one YAML file in styles/, exposed to CSS as custom properties."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


class ColourPair(BaseModel):
    """A text colour on a background colour, as the styles use it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    background: str
    use: str
    large: bool = False  # large text (18 pt, or 14 pt bold) needs 3:1 instead of 4.5:1
    body: bool = False  # body text is held to WCAG AAA, 7:1


class Theme(BaseModel):
    """Named colours and the text/background pairs they are used in."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    colours: dict[str, str]
    pairs: list[ColourPair]

    @field_validator("colours")
    @classmethod
    def _hex(cls, value: dict[str, str]) -> dict[str, str]:
        for name, colour in value.items():
            if not HEX.match(colour):
                raise ValueError(f"colour '{name}' must be written as #rrggbb; got '{colour}'")
        return value

    @model_validator(mode="after")
    def _pairs_use_known_colours(self) -> "Theme":
        for pair in self.pairs:
            for name in (pair.text, pair.background):
                if name not in self.colours:
                    raise ValueError(f"pair '{pair.use}' names unknown colour '{name}'")
        return self

    def css(self) -> str:
        """Return a :root rule declaring every colour as --colour-NAME."""
        lines = [f"  --colour-{name}: {value};" for name, value in self.colours.items()]
        return ":root {\n" + "\n".join(lines) + "\n}\n"


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.2 contrast ratio between two colours, from 1 to 21."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def required_ratio(pair: ColourPair) -> float:
    """The ratio a pair must reach: AAA for body text, AA otherwise."""
    if pair.body:
        return 7.0
    return 3.0 if pair.large else 4.5
