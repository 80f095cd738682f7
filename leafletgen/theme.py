"""Theme colours: one YAML file in styles/, exposed to CSS as custom properties."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_PART = r"(?:0|1|0?\.[0-9]+)"
CMYK = re.compile(rf"^device-cmyk\(({_PART}) ({_PART}) ({_PART}) ({_PART})\)$")


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
    # The same colour names for the print-shop file, as device-cmyk(c m y k) with 0..1 parts.
    print_colours: dict[str, str] | None = None
    # The same colour names for screens set to a dark colour scheme (the HTML edition).
    dark_colours: dict[str, str] | None = None

    @field_validator("colours", "dark_colours")
    @classmethod
    def _hex(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for name, colour in (value or {}).items():
            if not HEX.match(colour):
                raise ValueError(f"colour '{name}' must be written as #rrggbb; got '{colour}'")
        return value

    @field_validator("print_colours")
    @classmethod
    def _cmyk(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for name, colour in (value or {}).items():
            if not CMYK.match(colour):
                raise ValueError(f"print colour '{name}' must be written as "
                                 f"device-cmyk(c m y k), each 0 to 1; got '{colour}'")
        return value

    @model_validator(mode="after")
    def _print_colours_match(self) -> "Theme":
        for field, other in (("print_colours", self.print_colours),
                             ("dark_colours", self.dark_colours)):
            if other is not None and set(other) != set(self.colours):
                missing = sorted(set(self.colours) ^ set(other))
                raise ValueError(f"{field} must name the same colours as colours; "
                                 f"differs in: {', '.join(missing)}")
        return self

    @model_validator(mode="after")
    def _pairs_use_known_colours(self) -> "Theme":
        for pair in self.pairs:
            for name in (pair.text, pair.background):
                if name not in self.colours:
                    raise ValueError(f"pair '{pair.use}' names unknown colour '{name}'")
        return self

    def css(self, for_print: bool = False) -> str:
        """Return a :root rule declaring every colour as --colour-NAME (CMYK if for_print)."""
        colours = self.print_colours if for_print and self.print_colours else self.colours
        lines = [f"  --colour-{name}: {value};" for name, value in colours.items()]
        return ":root {\n" + "\n".join(lines) + "\n}\n"

    def screen_css(self) -> str:
        """Return the colours for screens: these, and the dark ones when the reader's system
        asks for a dark colour scheme (never in print)."""
        if not self.dark_colours:
            return ":root { color-scheme: light; }\n" + self.css()
        dark = "".join(f"    --colour-{name}: {value};\n"
                       for name, value in self.dark_colours.items())
        return (":root { color-scheme: light dark; }\n" + self.css()
                + "@media screen and (prefers-color-scheme: dark) {\n  :root {\n" + dark
                + "  }\n}\n")


def cmyk_to_hex(colour: str) -> str:
    """Approximate sRGB of a device-cmyk() colour (naive, no profile), for contrast checks."""
    c, m, y, k = (float(part) for part in CMYK.match(colour).groups())
    return "#" + "".join(f"{round(255 * (1 - part) * (1 - k)):02x}" for part in (c, m, y))


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
