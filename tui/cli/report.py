"""`tinnhiem report ARCHIVE.zip… -o FILE.xlsx|FILE.pdf`: the higher level's summary over verified archives."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.io import EXIT_BAD, EXIT_OK, EXIT_TAMPER, err, out
from tui.cli.registry import command
from tui.i18n import t


def _report_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("archives", nargs="+", metavar="ARCHIVE.zip", help="gói lưu trữ của từng hội nghị / each conference's archive")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.pdf", help="báo cáo ghi ra / the report to write")


@command("report", "tổng hợp kết quả nhiều hội nghị cho cấp trên / the summary of several conferences for the higher level")(_report_args)
def run_report(a: argparse.Namespace) -> int:
    from session.admissible import checked_replay
    from session.report import tabulate
    from tui.cli.paper import archive_findings

    suffix = Path(a.output).suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        err(t("report.suffix", a.lang, file=a.output))
        return EXIT_BAD
    sources, broken = [], False
    # Every archive is checked before anything is read from any: a report never stands on a broken one.
    for path in a.archives:
        records, problems, _, _ = archive_findings(path, a.lang)
        for problem in problems:
            err(t("report.refused", a.lang, file=path, reason=t("archive.bad", a.lang, reason=problem)))
        broken = broken or bool(problems)
        if not problems:
            sources.append((Path(path).name, checked_replay(records)))
    if broken:
        return EXIT_TAMPER
    report = tabulate(sources, (t("level.invalid", "vi"), t("level.invalid", "en")))
    for key, params in report.notes:
        err(t("cli.warning", a.lang, text=t(key, a.lang, **params)))
    if suffix == ".xlsx":
        from storage.paper.report_out import report_workbook

        data = report_workbook(report, a.lang)
    else:
        from storage.paper.report_out import report_pdf
        from tui.paper_jobs import fonts

        data = report_pdf(report, fonts(), a.lang)
    Path(a.output).write_bytes(data)
    out(t("report.done", a.lang, file=a.output, persons=len(report.rows), places=len(report.places)))
    return EXIT_OK
