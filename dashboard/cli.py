"""`python -m dashboard ...`: a thin CLI over the library.

Each sub-command lives in its own module under ``dashboard/commands`` and is
registered here. Errors from the library become a one-line message and exit 2.
"""
from __future__ import annotations

import sys

import click

from gazetteer.textio import echo, terminal_safe

from .errors import DashboardError


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # noqa: D401 - click hook
        try:
            return super().invoke(ctx)
        except DashboardError as exc:
            echo(f"error: {terminal_safe(exc)}", err=True)
            sys.exit(2)
        except Exception as exc:  # gazetteer errors share the exit path
            from gazetteer.errors import GazetteerError

            if isinstance(exc, GazetteerError):
                echo(f"error: {terminal_safe(exc)}", err=True)
                sys.exit(2)
            raise


@click.group(cls=_Group)
def main() -> None:
    """Map reported conflict events in Aleppo: ingest, extract, snapshot."""


def _register() -> None:
    import importlib
    import pkgutil

    from . import commands

    for mod in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"{commands.__name__}.{mod.name}")
        cmd = getattr(module, "command", None)
        if isinstance(cmd, click.Command):
            main.add_command(cmd)


_register()
