"""Gives print files a fixed XMP DocumentID: WeasyPrint 70 writes a random one (uuid4).

PDF/X-4 metadata must hold an xmpMM:DocumentID; a new random one in every build made two
builds of the same print-shop file differ. The ID is made from the PDF's own identifier
(which build.py derives from the leaflet, audience and format), so it stays the same for
every version of one file, as XMP means it to."""

from __future__ import annotations

import re
import uuid

import pikepdf

DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                         rb"[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def fix_document_id(pdf: pikepdf.Pdf, context) -> None:
    """Replace a random xmp.did UUID in the XMP metadata with one made from the PDF's ID."""
    metadata = pdf.Root.get("/Metadata")
    identifier = pdf.trailer.get("/ID")
    if metadata is None or identifier is None:
        return
    data = metadata.read_bytes()
    fixed = uuid.uuid5(uuid.NAMESPACE_URL, "leafletgen:" + bytes(identifier[0]).hex())
    # same length: the XMP packet keeps its size and padding
    new = DOCUMENT_ID.sub(f"xmp.did:{fixed}".encode(), data)
    if new != data:
        metadata.write(new)
