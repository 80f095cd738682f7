"""Names the command line offers, kept free of heavy imports so `--help` starts fast."""

AUDIENCE_NAMES: tuple[str, ...] = ("newly-diagnosed", "pre-surgery", "treatment")
