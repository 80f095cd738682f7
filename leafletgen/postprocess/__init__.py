"""Repairs applied to WeasyPrint's PDF, one small step per module, in a plain list."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable

import pikepdf


@dataclass(frozen=True)
class Context:
    """What the repair steps may need to know about the leaflet."""

    link_texts: dict[str, str] = field(default_factory=dict)  # target -> readable words
    links: tuple[tuple[str, str], ...] = ()  # (target, words) of every link, in reading order
    continued: tuple[tuple[str, ...], ...] = ()  # per page: HTML tags continued from before
    padding_pages: tuple[int, ...] = ()  # notes and blank pages added for printing
    bleed_mm: float = 0.0  # print-shop files: bleed past the trim, for the BleedBox
    for_print: bool = False  # print-shop files: colour for the press (CMYK)


Step = Callable[[pikepdf.Pdf, Context], None]


def steps() -> list[Step]:
    """Return the repair steps, in the order they run."""
    from . import artifacts, boxes, cmyk, figures, links, padding, splits, toc, xmp

    return [artifacts.mark_orphans_as_artifacts, padding.padding_pages_to_artifacts,
            figures.decorative_figures_to_artifacts, figures.figure_boxes_in_points,
            splits.join_split_elements, links.join_wrapped_links, toc.tag_contents_as_toc,
            links.describe_links, boxes.set_bleed_box, cmyk.rgb_black_to_k, xmp.fix_document_id]


def repair_pdf(data: bytes, context: Context) -> bytes:
    """Return `data` with every repair step applied, saved deterministically."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for step in steps():
            step(pdf, context)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()
