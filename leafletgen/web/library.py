"""What the page may offer while content has errors: which leaflets each error stops."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..errors import ContentError, ContentErrors, LeafletError
from ..loader import Library, load_library
from ..models import LANGUAGES, Strings
from ..project import Project
from ..theme import Theme
from ..yamlfile import ContentErrorRaised, parse_yaml, read_text


def load_state(project: Project) -> tuple[Library | None, list[ContentError]]:
    """Return the library and its content errors. A loader that keeps the valid leaflets
    returns a library carrying `errors`; one that stops on any error gives no library."""
    try:
        library = load_library(project)
    except ContentErrors as error:
        return None, list(error.errors)
    except LeafletError as error:
        return None, [ContentError(".", None, None, str(error))]
    return library, list(getattr(library, "errors", None) or [])


def blocked_leaflets(library: Library | None, errors: list[ContentError]
                     ) -> tuple[dict[str, list[ContentError]], bool]:
    """Return the errors that stop each leaflet, and whether one stops every leaflet.

    An error in a manifest stops that leaflet; in content/<topic>/, the leaflets of that
    topic; in templates/strings/<lang>.yaml, the leaflets in that language; anywhere else
    (templates, styles, the theme), every leaflet."""
    blocked: dict[str, list[ContentError]] = {}
    leaflets = library.leaflets if library is not None else {}
    for error in errors:
        owners = _owners(PurePosixPath(str(error.path)), leaflets)
        if owners is None:
            return blocked, True
        for leaflet_id in owners:
            blocked.setdefault(leaflet_id, []).append(error)
    return blocked, False


def _owners(path: PurePosixPath, leaflets: dict) -> list[str] | None:
    """Return the leaflets an error in `path` stops; None for all of them."""
    parts = path.parts
    if len(parts) == 2 and parts[0] == "leaflets":
        return [path.stem]
    if len(parts) >= 3 and parts[0] == "content":
        return [i for i, leaflet in leaflets.items() if leaflet.topic == parts[1]]
    if parts[:2] == ("templates", "strings") and len(parts) == 3:
        return [i for i, leaflet in leaflets.items() if leaflet.language == path.stem]
    return None


def words_and_colours(project: Project, library: Library | None
                      ) -> tuple[dict[str, Strings], Theme | None]:
    """Return the page's words (per language) and colours as the files now hold them,
    falling back to the library's for a file that does not load."""
    strings = {}
    for lang in LANGUAGES:
        words = _model(project, project.strings_dir / f"{lang}.yaml", Strings)
        if words is None and library is not None:
            words = library.strings.get(lang)
        if words is not None:
            strings[lang] = words
    theme = _model(project, project.styles_dir / "theme.yaml", Theme)
    return strings, theme or (library.theme if library is not None else None)


def _model(project: Project, path: Path, model):
    """Return one file validated as `model`, or None if it cannot be (the library's
    errors already say why)."""
    try:
        source = parse_yaml(read_text(path, project.display(path)), project.display(path))
        return model.model_validate(source.data)
    except (ContentErrorRaised, ContentErrors, OSError, ValueError):
        return None
