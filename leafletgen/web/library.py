"""What the page may offer while content has errors: the leaflets no error blocks."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, ContentErrors, LeafletError
from ..loader import Library, load_library
from ..models import LANGUAGES, Strings
from ..project import Project
from ..theme import Theme
from ..yamlfile import ContentErrorRaised, parse_yaml, read_text


def load_state(project: Project) -> tuple[Library | None, list[ContentError]]:
    """Return the library and its content errors. The loader keeps the valid leaflets and
    records each problem; only a project it cannot read at all gives no library."""
    try:
        library = load_library(project)
    except ContentErrors as error:
        return None, list(error.errors)
    except LeafletError as error:
        return None, [ContentError(".", None, None, str(error))]
    return library, list(library.errors)


def blocked_leaflets(library: Library | None) -> dict[str, list[ContentError]]:
    """Return, for each leaflet an error stops, the errors that stop it."""
    if library is None:
        return {}
    blocked = {i: library.blocking(i) for i in library.manifests}
    return {i: errors for i, errors in blocked.items() if errors}


def words_and_colours(project: Project, library: Library | None
                      ) -> tuple[dict[str, Strings], Theme | None]:
    """Return the page's words (per language) and colours: the library's, or, when the
    project could not be loaded, the files' as far as they validate."""
    if library is not None:
        return library.strings, library.theme
    strings = {lang: _model(project, project.strings_dir / f"{lang}.yaml", Strings)
               for lang in LANGUAGES}
    theme = _model(project, project.styles_dir / "theme.yaml", Theme)
    return {lang: words for lang, words in strings.items() if words is not None}, theme


def _model(project: Project, path: Path, model):
    """Return one file validated as `model`, or None if it cannot be (the library's
    errors already say why)."""
    try:
        source = parse_yaml(read_text(path, project.display(path)), project.display(path))
        return model.model_validate(source.data)
    except (ContentErrorRaised, ContentErrors, OSError, ValueError):
        return None
