"""Checks an image file before it reaches the renderer: a readable PNG, JPEG, GIF or WebP
of sensible size, or a self-contained SVG. Pure: bytes in, a problem in words (or None) out."""

from __future__ import annotations

import io
import re
import warnings
from functools import lru_cache
from xml.etree import ElementTree

MAX_IMAGE_BYTES = 20 * 1024 * 1024  # a print-quality A4 photo is a few MB
MAX_PIXELS = 40_000_000  # 7,300 x 5,500: more than A4 at 600 dpi; a bigger image is a mistake
RASTER_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
_EXTERNAL = re.compile(r"^\s*(#|data:)", re.IGNORECASE)  # references an SVG may keep


@lru_cache(maxsize=256)
def image_problem(data: bytes, name: str) -> str | None:
    """Return why these bytes cannot be printed as the image `name`, or None if they can."""
    if name.lower().endswith(".svg"):
        return _svg_problem(data)
    return _raster_problem(data)


def _raster_problem(data: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns about huge images and still decodes them; here that is an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in RASTER_FORMATS:
                    return (f"is a {image.format} image; use PNG, JPEG, GIF, WebP or SVG")
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return (f"image is {width} x {height} pixels; the limit is "
                            f"{MAX_PIXELS // 1_000_000} million pixels: scale it down")
                image.load()  # decode it all: a truncated or corrupt file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (f"image has more than {MAX_PIXELS // 1_000_000} million pixels, the limit: "
                "scale it down")
    except UnidentifiedImageError:
        return "is not an image that can be printed (PNG, JPEG, GIF, WebP or SVG)"
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        return f"image is damaged and cannot be read ({error})"
    return None


def _svg_problem(data: bytes) -> str | None:
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        # Entities can expand to gigabytes or pull in other files: SVG for print needs none.
        return "SVG declares a DOCTYPE or entities; save it as plain SVG without them"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"is not a valid SVG file ({error})"
    if not root.tag.endswith("svg"):
        return "is not an SVG image (its first element is not <svg>)"
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.endswith("href") and not _EXTERNAL.match(value):
                return (f"SVG refers to another file or address ('{value[:80]}'); "
                        "a leaflet's SVG must hold everything it draws")
    return None
