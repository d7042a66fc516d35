"""Render the CLI reference (docs/cli.md) from the argument parser itself.

``python -m sumber.clidoc > docs/cli.md``; a test regenerates it and fails when the
checked-in file differs, so the reference cannot drift from the commands.
"""

from __future__ import annotations

import argparse

from sumber.cli import build_parser


def render() -> str:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    out = ["# Command reference", "", "Generated from the argument parser by `python -m sumber.clidoc`; do not edit.", ""]
    for name, p in sorted(sub.choices.items()):
        out.append(f"## sumber {name}")
        out.append("")
        out.append("```text")
        p.formatter_class = lambda prog: argparse.HelpFormatter(prog, width=100)
        out.append(p.format_help().rstrip())
        out.append("```")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(render())
