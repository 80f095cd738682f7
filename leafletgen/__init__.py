"""leafletgen: validated medical content to accessible, printable patient leaflets."""

__version__ = "0.1.0"
