"""The `leafletgen` command (and `python -m leafletgen`): answers a repeated command from
its memo before anything heavy is imported, else runs the Typer app in cli.py."""

import os
import sys


def main() -> None:
    """Run the command line; ends with SystemExit, as a Typer app does."""
    from .memo import replay

    replay(sys.argv[1:])  # a command run before on unchanged files answers at once
    from .cli import app

    app()


def run() -> None:
    """The `leafletgen` script and `python -m leafletgen`: main(), then exit_now."""
    try:
        main()
    except SystemExit as done:
        exit_now(done.code)


def exit_now(code) -> None:
    """End the process with `code` (as sys.exit takes it) once its output is flushed,
    without tearing the interpreter down: after a build, freeing WeasyPrint's and pikepdf's
    objects one by one took 0.1 s, when every file was already written and reported.
    Nothing is left to clean up by then: PDFs are renamed into place, worker processes
    joined, and the memo stored."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: started with the stream closed
                stream.flush()
        except (OSError, ValueError):  # a closed pipe (`leafletgen list | head`)
            code = code or 120  # what Python itself exits with when it cannot flush
    renderer = sys.modules.get("leafletgen.pdf")
    if renderer is not None:
        renderer.forget_styles()  # their fonts' temporary folders go with them
    os._exit(code)


if __name__ == "__main__":
    run()
