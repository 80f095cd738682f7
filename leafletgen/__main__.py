"""The `leafletgen` command (and `python -m leafletgen`): answers a repeated command from
its memo before anything heavy is imported, else runs the Typer app in cli.py."""

import sys


def main() -> None:
    from .memo import replay

    replay(sys.argv[1:])  # a command run before on unchanged files answers at once
    from .cli import app

    app()


if __name__ == "__main__":
    main()
