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

    def display(self, path: Path) -> str:
        """Return `path` relative to the project, as messages show it."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
