"""The ``sumber`` command: a thin layer over the library.

Sub-commands live in ``sumber/commands/<name>.py``; each module defines
``register(subparsers)`` and sets ``func`` on its parser.  Errors become one line
on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from sumber import __version__
from sumber.errors import SumberError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sumber",
        description="Who said what, about whom, where and when - and who denies it.",
    )
    parser.add_argument("--version", action="version", version=f"sumber {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import sumber.commands as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"sumber.commands.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except SumberError as exc:
        print(f"sumber: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sumber: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for users, the traceback with SUMBER_DEBUG=1
        if os.environ.get("SUMBER_DEBUG"):
            raise
        print(f"sumber: E999 internal error: {type(exc).__name__}: {exc} (set SUMBER_DEBUG=1 for details)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
