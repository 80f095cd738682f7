"""`leafletgen serve`: a page for the ward and the editor, on the same library as the CLI."""
