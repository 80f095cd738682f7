"""Theme colours: one YAML file in styles/, exposed to CSS as custom properties."""

from __future__ import annotations

import re

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator

from .errors import FieldProblem

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
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


def _plain_name(name: str) -> str:
    # Names become CSS custom properties (--colour-NAME): anything else could end the rule.
    if not NAME.match(name):
        raise ValueError(f"a colour name is lowercase letters, digits and hyphens, like "
                         f"'band-text'; got '{name}'")
    return name


def _hex(colour: str) -> str:
    if not HEX.match(colour):
        raise ValueError(f"expected a colour written as #rrggbb; got '{colour}'")
    return colour


def _cmyk(colour: str) -> str:
    if not CMYK.match(colour):
        raise ValueError(f"expected a print colour written as device-cmyk(c m y k), each "
                         f"0 to 1; got '{colour}'")
    return colour


ColourName = Annotated[str, AfterValidator(_plain_name)]


class Theme(BaseModel):
    """Named colours and the text/background pairs they are used in."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    colours: dict[ColourName, Annotated[str, AfterValidator(_hex)]]
    pairs: list[ColourPair]
    # The same colour names for the print-shop file, as device-cmyk(c m y k) with 0..1 parts.
    print_colours: dict[ColourName, Annotated[str, AfterValidator(_cmyk)]] | None = None
    # The same colour names for screens set to a dark colour scheme (the web edition).
    dark_colours: dict[ColourName, Annotated[str, AfterValidator(_hex)]] | None = None

    @model_validator(mode="after")
    def _print_colours_match(self) -> "Theme":
        for field, other in (("print_colours", self.print_colours),
                             ("dark_colours", self.dark_colours)):
            if other is not None and set(other) != set(self.colours):
                missing = sorted(set(self.colours) ^ set(other))
                raise FieldProblem((field,), f"{field} must name the same colours as "
                                   f"colours; differs in: {', '.join(missing)}")
        return self

    @model_validator(mode="after")
    def _pairs_use_known_colours(self) -> "Theme":
        for index, pair in enumerate(self.pairs):
            for role in ("text", "background"):
                if getattr(pair, role) not in self.colours:
                    raise FieldProblem(("pairs", index, role), f"pair '{pair.use}' names "
                                       f"unknown colour '{getattr(pair, role)}'")
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


def theme_problems(theme: Theme) -> list[tuple[tuple, str]]:
    """Return (where, problem) for every rule of WCAG 2.2 contrast the theme breaks: every
    pair meets its ratio, on screen (light and dark) and in print, and no colour escapes
    the check."""
    found = []
    if not any(pair.body for pair in theme.pairs):
        found.append((("pairs",), "no pair is marked 'body: true'; the body text colours "
                                  "must be checked against WCAG AAA (7:1)"))
    used = {name for pair in theme.pairs for name in (pair.text, pair.background)}
    for name in theme.colours:
        if name not in used:
            found.append((("colours", name), f"colour '{name}' is in no pair, so its contrast "
                                             f"is never checked; add it to pairs"))
    palettes = [("", theme.colours)] + ([("print ", theme.print_colours)]
                                        if theme.print_colours else []) + (
        [("dark screen ", theme.dark_colours)] if theme.dark_colours else [])
    for index, pair in enumerate(theme.pairs):
        for kind, colours in palettes:
            problem = _contrast_problem(pair, colours, kind)
            if problem:
                found.append((("pairs", index), problem))
    return found


def _contrast_problem(pair: ColourPair, colours: dict[str, str], kind: str) -> str | None:
    """Say how a pair fails its ratio in one palette (print colours converted naively)."""
    text, background = colours[pair.text], colours[pair.background]
    ratio = contrast_ratio(*(c if c.startswith("#") else cmyk_to_hex(c)
                             for c in (text, background)))
    needed = required_ratio(pair)
    if ratio >= needed:
        return None
    return (f"{pair.use}: {kind}colour {pair.text} ({text}) on {pair.background} "
            f"({background}) has a contrast of {ratio:.2f}:1; {_standard(pair)} asks for "
            f"at least {needed:g}:1")


def _standard(pair: ColourPair) -> str:
    if pair.body:
        return "WCAG 2.2 AAA for body text"
    return "WCAG 2.2 AA for large text" if pair.large else "WCAG 2.2 AA for text"


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
