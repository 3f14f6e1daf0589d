"""`tinnhiem new`: a session from a conference file (TOML, an office's workbook, or a CSV voters list); `template`."""

from __future__ import annotations

import argparse
from pathlib import Path

from session.errors import BadInput
from tui.cli.io import EXIT_BAD, EXIT_OK, err, out, read_text
from tui.cli.registry import command, db_args
from tui.i18n import register, t

register({
    "cli.template_done": ("Đã ghi sổ tính mẫu {file}: trang Hướng dẫn, hội nghị mẫu đã điền sẵn.",
                          "Wrote the template workbook {file}: the Hướng dẫn sheet, the sample conference filled in."),
    "cli.template_suffix": ("Sổ tính mẫu phải là tệp .xlsx, không phải {file}.", "The template is an .xlsx file, not {file}."),
})

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def _new_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="CONFERENCE.toml|.xlsx|.csv",
                   help="tệp hội nghị (TOML), sổ tính (.xlsx) hoặc danh sách người dự (.csv) / "
                        "conference file (TOML), workbook (.xlsx) or voters list (.csv)")
    p.add_argument("--conference", metavar="FILE.toml",
                   help="với tệp .csv: hội nghị và người được lấy phiếu / with a .csv: the conference and the persons")
    db_args(p)


@command("new", "tạo phiên từ tệp hội nghị / create a session from a conference file")(_new_args)
def run_new(a: argparse.Namespace) -> int:
    from session.service import SessionService
    from tui.wiring import open_store

    try:
        conference, plain = _read(a)
    except BadInput as exc:
        err(f"{a.file}: {exc.message(a.lang)}")  # the file, then the key, line or cell within it
        return EXIT_BAD
    # Only a whole, valid file reaches the store: nothing is written before this line.
    service = SessionService.create(open_store(a.db), plain)
    for notice in conference.notices:
        err(t("cli.warning", a.lang, text=notice.message(a.lang)))
    out(t("cli.created", a.lang, id=service.session_id, title=conference.title, db=a.db, code=service.state.launch_code))
    return EXIT_OK


def _read(a: argparse.Namespace):
    """The conference and its plain data, whichever form the file takes."""
    suffix = Path(a.file).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from storage.workbook_in import read_workbook

        return read_workbook(a.file)
    if suffix == ".csv":
        from storage.workbook_in import read_voters_csv

        if not a.conference:
            raise BadInput("workbook.csv_needs_conference")
        if not Path(a.file).is_file():
            raise BadInput("cli.no_such_file", path=a.file)
        return read_voters_csv(a.file, read_text(a.conference), a.conference)
    from session.conference import read_conference

    return read_conference(read_text(a.file))


def _template_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="sổ tính ghi ra / workbook to write")


@command("template", "ghi sổ tính mẫu để điền danh sách / write the workbook an office fills in")(_template_args)
def run_template(a: argparse.Namespace) -> int:
    from importlib import resources

    from session.conference import read_conference
    from storage.paper.workbook_out import template_workbook

    if Path(a.output).suffix.lower() != ".xlsx":
        err(t("cli.template_suffix", a.lang, file=a.output))
        return EXIT_BAD
    _, plain = read_conference(resources.files("tui.data").joinpath("demo.toml").read_text(encoding="utf-8"))
    Path(a.output).write_bytes(template_workbook(plain, a.lang))
    out(t("cli.template_done", a.lang, file=a.output))
    return EXIT_OK
