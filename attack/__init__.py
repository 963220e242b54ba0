"""``make attack``: an attack run against this project, offline and on this machine only.

It replays the findings of issue 15 and more: hostile text through every field and format into
the app and into snapshots opened in Chromium, generated hostile links against the running app,
kill -9 during ingest, concurrent ingests on SQLite and PostgreSQL, malformed files of every
kind. It prints one table (tried / failed per class) and exits non-zero on any script
execution, traceback, hang over 60 s or lost valid row. See ``python -m attack --help``.
"""
