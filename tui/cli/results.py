"""`tinnhiem results` and `export`: what leaves a session as data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from session.errors import BadInput
from tui.cli.io import EXIT_OK, out
from tui.cli.registry import command, db_args
from tui.i18n import register, t

register({
    "cli.xlsx_needs_output": ("--format xlsx cần -o TỆP.xlsx.", "--format xlsx needs -o FILE.xlsx."),
    "cli.results_written": ("Đã ghi kết quả vào {file}.", "Wrote the results to {file}."),
})


def _results_args(p: argparse.ArgumentParser) -> None:
    db_args(p)
    p.add_argument("--format", choices=("json", "csv", "text", "xlsx"), default="text", help="định dạng / format")
    p.add_argument("-o", "--output", metavar="FILE", help="tệp ghi ra, cần cho xlsx / file to write (needed for xlsx)")


@command("results", "kết quả kiểm phiếu / the results")(_results_args)
def run_results(a: argparse.Namespace) -> int:
    from session.results import results
    from storage.paper.export import results_csv, results_json, results_text
    from tui.wiring import open_service

    if a.format == "xlsx" and not a.output:
        raise BadInput("cli.xlsx_needs_output")
    state = open_service(a.db, a.session).state
    data = results(state)
    levels = {lv.key: (lv.vi if a.lang == "vi" else lv.en) for lv in state.pack.levels}
    if a.format == "xlsx":
        from session.results import band_text
        from storage.paper.workbook_out import results_workbook

        levels["invalid"] = t("level.invalid", a.lang)
        bands = {b.id: (t("band." + b.id, a.lang), band_text(state, b.id, a.lang)) for b in state.pack.bands}
        bands["none"] = (t("band.none", a.lang), "")
        Path(a.output).write_bytes(results_workbook(data, levels, bands, a.lang))
        out(t("cli.results_written", a.lang, file=a.output))
        return EXIT_OK
    text = results_json(data) if a.format == "json" else results_csv(data) if a.format == "csv" else results_text(data, levels, a.lang)
    if a.output:
        Path(a.output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        out(text)
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
