"""What the MMN leaflet holds, written down by hand from content/mmn/ and leaflets/mmn.yaml,
so tests of MMN do not take their expectations from the code they test."""

from __future__ import annotations

AUDIENCES = ("newly-diagnosed", "pre-surgery", "treatment")
SECTIONS = {  # audience -> section ids, in the manifest's order
    "newly-diagnosed": ["wat-is-mmn", "klachten-en-verloop", "diagnose", "behandeling-ivig",
                        "wie-behandelt", "meer-informatie"],
    "pre-surgery": ["wat-is-mmn", "anesthesie", "meer-informatie"],
    "treatment": ["wat-is-mmn", "behandeling-ivig", "immuunglobulinepreparaten",
                  "wie-behandelt", "meer-informatie"],
}
TITLES = {
    "wat-is-mmn": "Wat is MMN?",
    "klachten-en-verloop": "Klachten en verloop",
    "diagnose": "De diagnose",
    "behandeling-ivig": "Behandeling met IVIg",
    "immuunglobulinepreparaten": "Verschillen tussen immuunglobulinepreparaten",
    "wie-behandelt": "Wie behandelt MMN?",
    "anesthesie": "Verdoving bij een operatie",
    "meer-informatie": "Meer informatie",
}


def sections_for(library, audience: str):
    """Return the MMN section models an audience's leaflet holds, by the ids above."""
    return [library.sections["mmn"][section_id] for section_id in SECTIONS[audience]]


def titles_for(audience: str) -> list[str]:
    return [TITLES[section_id] for section_id in SECTIONS[audience]]
