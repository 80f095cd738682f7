"""`leafletgen new`: a topic folder and a manifest to fill in, from templates/new/<language>/."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from .choices import LANGUAGE_NAMES
from .errors import LeafletError, UsageError
from .files import read_project_bytes
from .models import ID_PATTERN
from .project import Project

STARTER_DIR = "new"  # under templates/: the starter files, one folder per language
MAX_STARTER_BYTES = 64 * 1024  # a starter file is a page of comments and placeholders


def start_leaflet(root: Path, topic: str, language: str = "nl", title: str | None = None,
                  today: dt.date | None = None) -> list[str]:
    """Write content/<topic>/ (example sections, topic.yaml) and leaflets/<topic>.yaml;
    return the paths written, as messages show them. Raises UsageError for a bad topic id,
    language or title, LeafletError when a file would be overwritten or a template is
    missing; either way nothing is written."""
    project = Project(root)
    _check_request(topic, language, title)
    _refuse_existing(project, topic)
    files = plan_files(project, topic, language, title, today or dt.date.today())
    return write_new_files(project, files)


def _check_request(topic: str, language: str, title: str | None) -> None:
    if not re.match(ID_PATTERN, topic):
        raise UsageError(f"topic: expected lowercase letters, digits and hyphens, like "
                         f"'my-topic'; got {topic!r}")
    if language not in LANGUAGE_NAMES:
        raise UsageError(f"--language: expected one of {', '.join(LANGUAGE_NAMES)}; "
                         f"got {language!r}")
    if title is not None and not title.strip():
        raise UsageError("--title: must not be empty")


def _refuse_existing(project: Project, topic: str) -> None:
    """Refuse a topic whose folder or manifest exists: `new` never overwrites an editor's work."""
    taken = [project.content_dir / topic] + [project.leaflets_dir / f"{topic}{suffix}"
                                             for suffix in (".yaml", ".yml")]
    found = [project.display(path) for path in taken if os.path.lexists(path)]
    if found:
        raise LeafletError(f"{' and '.join(found)} already exist{'s' if len(found) == 1 else ''}"
                           f"; `leafletgen new` never overwrites: choose another topic id, "
                           f"or edit what is there")


def plan_files(project: Project, topic: str, language: str, title: str | None,
               today: dt.date) -> dict[str, str]:
    """Return project path -> text of every file `new` writes, rendered from the starter
    templates; the section ids are the template file names, so the manifest lists them."""
    from jinja2 import DictLoader, Environment, StrictUndefined, TemplateError

    texts = _starter_texts(project, language)
    sections = sorted(name for name in texts if name.startswith("sections/"))
    env = Environment(loader=DictLoader(texts), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    # A title goes into YAML as a double-quoted string (JSON's escapes are YAML's too).
    env.filters["yaml_text"] = lambda text: json.dumps(text.strip(), ensure_ascii=False)
    values = {"topic": topic, "title": title, "today": today.isoformat(),
              "sections": [_section_id(name) for name in sections]}
    targets = {"leaflet.yaml.j2": f"leaflets/{topic}.yaml",
               "topic.yaml.j2": f"content/{topic}/topic.yaml"}
    targets.update({name: f"content/{topic}/{name.split('/')[1][:-3]}" for name in sections})
    try:
        return {target: env.get_template(name).render(values) for name, target in targets.items()}
    except TemplateError as error:
        where = f"templates/{STARTER_DIR}/{language}/{getattr(error, 'name', '') or ''}"
        raise LeafletError(f"{where}: template error: {error}") from None


def _section_id(template_name: str) -> str:
    """'sections/vragen.yaml.j2' -> 'vragen'."""
    return template_name.split("/")[1].split(".")[0]


def _starter_texts(project: Project, language: str) -> dict[str, str]:
    """Return name -> text of the starter templates of one language."""
    folder = project.templates_dir / STARTER_DIR / language
    names = ["leaflet.yaml.j2", "topic.yaml.j2"]
    if folder.is_dir() and (folder / "sections").is_dir():
        names += sorted(f"sections/{p.name}" for p in (folder / "sections").iterdir()
                        if p.name.endswith((".md.j2", ".yaml.j2")))
    texts = {}
    for name in names:
        path = folder / name
        display = project.display(path)
        if not path.exists():
            raise LeafletError(f"{display} is missing: `leafletgen new` makes a leaflet from "
                               f"the files in {project.display(folder)}/")
        data = read_project_bytes(path, project.root, display, MAX_STARTER_BYTES)
        try:
            texts[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            raise LeafletError(f"{display}: file is not valid UTF-8 text") from None
    return texts


def write_new_files(project: Project, files: dict[str, str]) -> list[str]:
    """Write each file, creating folders; a file that appeared meanwhile is never
    overwritten. On any failure, what was written is removed again. Returns the paths."""
    created: list[Path] = []
    try:
        for name, text in files.items():
            parts = Path(name).parts
            for depth in range(1, len(parts)):
                folder = project.root.joinpath(*parts[:depth])
                if not folder.is_dir():
                    folder.mkdir()
                    created.append(folder)
            with open(project.root / name, "x", encoding="utf-8", newline="\n") as out:
                created.append(project.root / name)
                out.write(text)
    except OSError as error:
        for path in reversed(created):
            path.rmdir() if path.is_dir() else path.unlink(missing_ok=True)
        raise LeafletError(f"could not write {error.filename or 'a file'}: "
                           f"{error.strerror or error}") from None
    return list(files)
