"""Where a leaflet project keeps its files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """A folder with content/, leaflets/, templates/ and styles/."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def leaflets_dir(self) -> Path:
        return self.root / "leaflets"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def styles_dir(self) -> Path:
        return self.root / "styles"

    @property
    def strings_dir(self) -> Path:
        return self.templates_dir / "strings"

    def logo_file(self, src: str) -> Path:
        """Return the logo file a manifest names (a path from leaflets/), resolved.

        Raises ValueError saying why when the file is missing, is not a regular file, or
        lies outside the project, also through a symlink: rendering reads only project files."""
        path = (self.leaflets_dir / src).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"the logo '{src}' is outside the project; put it in the project, "
                             f"for example in leaflets/logos/")
        if not path.is_file():
            raise ValueError(f"no logo file at leaflets/{src}")
        return path

    def display(self, path: Path) -> str:
        """Return `path` relative to the project, as messages show it."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
