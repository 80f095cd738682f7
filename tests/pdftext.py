"""Reading a built PDF back as a screen reader or pdftotext would."""

from pathlib import Path

from pdfminer.high_level import extract_text


def pdf_text(path: Path) -> str:
    """Return the PDF's text with line breaks folded into single spaces."""
    return " ".join(extract_text(str(path)).split())
