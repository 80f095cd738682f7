"""The start-up shortcut: a command run again on files that are all as they were answers with
its last result, without loading the library (no pydantic, YAML parser or renderer import).

The key is the command with its options and the state (size, time, inode) of every file it
can read: the project's folders, leafletgen's own code, the folders packages are installed
in, and any file named on the command line. Anything else is a miss, and the command runs
as usual. Results live in the user's cache folder, never in the project."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

PROJECT_FOLDERS = ("content", "leaflets", "templates", "styles")
# Where shared libraries (Pango, HarfBuzz) live: a package upgrade renames files into them.
LIBRARY_DIRS = tuple(Path(p) for p in ("/usr/lib", "/usr/lib64", "/usr/local/lib",
                                        f"/usr/lib/{sys.implementation._multiarch}"
                                        if hasattr(sys.implementation, "_multiarch") else "/usr/lib"))
PACKAGE_DIR = Path(__file__).resolve().parent
MEMO_FORMAT = 1


def cache_dir() -> Path:
    """Return the user's cache folder for leafletgen (XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "leafletgen"


def _stat(path: Path) -> tuple:
    try:
        info = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), info.st_size, info.st_mtime_ns, info.st_ino)


def _walk(folder: Path) -> list[Path]:
    """Every file and folder under `folder`, sorted (a new or removed file counts too)."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        found.append(Path(top))
        found.extend(Path(top, name) for name in sorted(files))
    return found


def state(root: Path, files: tuple[Path, ...] = ()) -> list[tuple]:
    """Return the state of everything a command on `root` can read."""
    paths = [p for name in PROJECT_FOLDERS for p in _walk(root / name)]
    paths += [p for p in _walk(PACKAGE_DIR) if "__pycache__" not in p.parts]
    paths += [Path(p) for p in sys.path if p]  # pip install/upgrade changes these folders
    paths += _font_folders()  # check reads the fallback fonts' character tables
    paths += list(files)
    return [_stat(p) for p in paths]


MEMO_COMMANDS = ("list", "check", "build")  # commands whose result depends on files only
NEVER = ("--watch", "--force", "--help", "--debug")  # runs that must really run


def _font_folders() -> list[Path]:
    """Every folder the system keeps fonts in: installing or upgrading a font renames a
    file into one of them, which changes its time."""
    from .fonts import SYSTEM_FONT_DIRS

    found = []
    for folder in map(Path, SYSTEM_FONT_DIRS):
        for top, dirs, _ in os.walk(folder.expanduser()):
            dirs.sort()
            found.append(Path(top))
    return found


class Memo:
    """The last result of one command line, valid while nothing it can read has changed."""

    def __init__(self, argv: list[str], cwd: Path, today: str):
        root = (cwd / _project(argv)).resolve()
        named = tuple(Path(cwd, v) for v in _values(argv) if Path(cwd, v).is_file())
        key = json.dumps({"format": MEMO_FORMAT, "argv": argv, "cwd": str(cwd),
                          "today": today, "python": sys.version})
        self.name = hashlib.sha256(key.encode()).hexdigest()[:32]
        self.signature = hashlib.sha256(
            json.dumps(state(root, named + LIBRARY_DIRS), default=str).encode()).hexdigest()

    @classmethod
    def for_command_line(cls, argv: list[str]) -> "Memo | None":
        """Return the memo of this command line, or None for commands never memoised."""
        if not argv or argv[0] not in MEMO_COMMANDS or any(a in NEVER for a in argv):
            return None
        import datetime as dt

        try:
            return cls(argv, Path.cwd(), dt.date.today().isoformat())
        except (OSError, ValueError):
            return None

    @property
    def path(self) -> Path:
        return cache_dir() / f"{self.name}.json"

    def recall(self) -> dict | None:
        """Return the stored result if every input, and every output it names, is unchanged."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("signature") != self.signature:
            return None
        outputs = data.get("outputs", {})
        if any(list(_stat(Path(p))[1:]) != stamp for p, stamp in outputs.items()):
            return None
        return data

    def store(self, lines: list[tuple[str, bool]], code: int, outputs=()) -> None:
        """Remember this result - the lines printed (text, to stderr?), the exit code, and
        the state of the files it wrote; never fails loudly."""
        data = {"signature": self.signature, "lines": lines, "code": code,
                "outputs": {str(p): list(_stat(Path(p))[1:]) for p in outputs}}
        try:
            cache_dir().mkdir(parents=True, exist_ok=True)
            temp = self.path.with_suffix(f".{os.getpid()}.tmp")
            temp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError:
            pass  # no cache folder to write to: the next run is simply not faster


def _project(argv: list[str]) -> str:
    """Return the --project value of a command line ('.' if none)."""
    for index, arg in enumerate(argv):
        if arg == "--project" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--project="):
            return arg.split("=", 1)[1]
    return "."


def _values(argv: list[str]) -> list[str]:
    """Return every argument and --name=value value: those naming files are inputs too."""
    return [a.split("=", 1)[1] if a.startswith("--") and "=" in a else a for a in argv]


CURRENT: Memo | None = None  # the memo of this process's command line, set by cli.main


def replay(argv: list[str]) -> None:
    """If this command line ran before on files that are all as they were, print its
    result and exit with its code; otherwise note its memo, so the command can store its
    result, and return."""
    global CURRENT
    CURRENT = Memo.for_command_line(argv)
    hit = CURRENT.recall() if CURRENT else None
    if hit is None:
        return
    for text, err in hit["lines"]:
        print(text, file=sys.stderr if err else sys.stdout)
    raise SystemExit(hit["code"])


def remember(lines: list[tuple[str, bool]], code: int, outputs=()) -> None:
    """Store a command's result for its command line (only in a real run of the CLI)."""
    if CURRENT is not None:
        CURRENT.store(lines, code, outputs)
