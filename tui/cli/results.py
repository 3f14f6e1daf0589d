"""`tinnhiem results` and `export`: what leaves a session as data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.io import EXIT_OK, out
from tui.cli.registry import command, db_args


def _results_args(p: argparse.ArgumentParser) -> None:
    db_args(p)
    p.add_argument("--format", choices=("json", "csv", "text"), default="text", help="định dạng / format")


@command("results", "kết quả kiểm phiếu / the results")(_results_args)
def run_results(a: argparse.Namespace) -> int:
    from session.results import results
    from storage.paper.export import results_csv, results_json, results_text
    from tui.wiring import open_service

    state = open_service(a.db, a.session).state
    data = results(state)
    if a.format == "json":
        out(results_json(data))
    elif a.format == "csv":
        out(results_csv(data))
    else:
        levels = {lv.key: (lv.vi if a.lang == "vi" else lv.en) for lv in state.pack.levels}
        out(results_text(data, levels, a.lang))
    return EXIT_OK


def _export_args(p: argparse.ArgumentParser) -> None:
    db_args(p)
    p.add_argument("-o", "--output", metavar="FILE", help="tệp ghi ra (mặc định: stdout) / file to write (default: stdout)")


@command("export", "xuất nhật ký JSONL / export the log as JSONL")(_export_args)
def run_export(a: argparse.Namespace) -> int:
    from tui.wiring import open_store, pick_session, write_jsonl

    store = open_store(a.db, create=False)
    text = write_jsonl(store.load(pick_session(store, a.db, a.session)))
    if a.output:
        Path(a.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK
