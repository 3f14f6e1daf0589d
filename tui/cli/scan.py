"""``tinnhiem scan``: scanned ballots read by the machine and entered as one counting station's entries.

A ballot whose every row the machine is sure of is recorded as the station member's entry,
naming its image by sha256; a ballot with any unsure row (or a foreign or unreadable one) is
held at its place in the batch for the member to decide on the station screen. The images go
into the session database (``storage.scans``) before anything names them. Reading needs the
optional ``scan`` extra (OpenCV, NumPy, zxing-cpp, pypdfium2); without it the command says how
to get it and records nothing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from session.errors import BadInput
from session.events import Actor
from session.i18n import LANGS
from session.scanning import UNKNOWN, HoldBallot
from tui.cli.io import EXIT_BAD, EXIT_OK, err, out
from tui.cli.registry import command, db_args
from tui.i18n import register, t

FORMATS = ("text", "json")
"""What ``--format`` prints: a sentence per ballot, or one JSON object per line."""

register({
    "scan.no_extra": ("Đọc phiếu quét cần gói bổ sung «scan» (OpenCV, NumPy, zxing-cpp, pypdfium2): "
                      "pip install 'tinnhiem[scan]' (hoặc .venv/bin/pip install -e '.[scan]' trong thư mục mã nguồn). "
                      "Chưa ghi gì. ({detail})",
                      "Reading scans needs the “scan” extra (OpenCV, NumPy, zxing-cpp, pypdfium2): "
                      "pip install 'tinnhiem[scan]' (or .venv/bin/pip install -e '.[scan]' in the source folder). "
                      "Nothing was recorded. ({detail})"),
    "scan.needs_station": ("Máy quét là một máy kiểm phiếu: cần --station và --member (thành viên Tổ kiểm phiếu).",
                           "A scanner is a counting station: give --station and --member (a counting-team member)."),
    "scan.recorded": ("{file}: {marks} — đã ghi (số {seq})", "{file}: {marks} — recorded (seq {seq})"),
    "scan.held": ("{file}: giữ lại chờ người quyết định dòng {rows} (số {seq})",
                  "{file}: held for a person to decide row(s) {rows} (seq {seq})"),
    "scan.held_whole": ("{file}: giữ lại cả phiếu chờ người xem ({why}) (số {seq})",
                        "{file}: the whole ballot held for a person to look at ({why}) (seq {seq})"),
    "scan.summary": ("Đã đọc {count} phiếu: ghi {recorded}, giữ lại {held}.",
                     "Read {count} ballots: {recorded} recorded, {held} held."),
})


def _scan_args(p: argparse.ArgumentParser) -> None:
    db_args(p)
    p.add_argument("--station", default="", help="tên máy quét (máy kiểm phiếu) / the scanner's station name")
    p.add_argument("--member", default="", help="thành viên Tổ kiểm phiếu chạy máy quét / the team member running it")
    p.add_argument("--batch", default="", help="xấp phiếu / batch code")
    p.add_argument("--form", default="", help="mẫu phiếu (khi có nhiều mẫu) / ballot form, with several")
    p.add_argument("--format", choices=FORMATS, default="text", help="text | json (một dòng mỗi phiếu / a line per ballot)")
    p.add_argument("--ballot-lang", choices=LANGS, default=LANGS[0],
                   help="ngôn ngữ phiếu đã in (print ballots --lang) / the language the ballots were printed in")
    p.add_argument("paths", nargs="+", metavar="PATH", help="ảnh PNG/JPEG/TIFF hoặc PDF nhiều trang / images or PDFs")


def _reader():
    """The reading half, or BadInput saying how to install it."""
    try:
        from scan.read import read_files
    except ImportError as exc:
        raise BadInput("scan.no_extra", detail=str(exc)) from None
    return read_files


@command("scan", "đọc phiếu quét và nhập như một máy kiểm phiếu / read scanned ballots as a counting station")(_scan_args)
def run_scan(a: argparse.Namespace) -> int:
    from tui.cli.do import apply
    from tui.paper_jobs import fonts
    from tui.wiring import open_service, scan_store

    if not (a.station and a.member):
        raise BadInput("scan.needs_station")
    for path in a.paths:
        if not Path(path).is_file():
            raise BadInput("cli.no_such_file", path=path)
    read_files = _reader()
    service = open_service(a.db, a.session)
    actor = Actor("station", a.member, a.station)
    scans = scan_store(service.store)
    kept: set[str] = set()
    recorded = held = failed = 0
    for reading in read_files([Path(p) for p in a.paths], service.state, fonts(), form=a.form, lang=a.ballot_lang):
        # The layout the boxes are looked for in is the printed one: its language, not the messages'.
        if reading.kind == "blank":  # a blank sheet in the stack (a duplex back) is no ballot
            continue
        if not reading.parts:  # not an image at all: nothing to keep or to name, so no place is taken
            err(reading.message(a.lang))
            failed += 1
            continue
        for path, sha in reading.files:
            if sha not in kept:  # the image is kept before any event names it
                scans.put(service.session_id, Path(path).name, Path(path).read_bytes())
                kept.add(sha)
        command = _command(service, reading, a, scans)
        seq = apply(service, command, actor, a.lang, say=False)[-1].seq  # a lost answer is settled as ``do`` does
        if isinstance(command, HoldBallot):
            held += 1
        else:
            recorded += 1
        _report(reading, command, seq, a)
    if a.format == "text":
        out(t("scan.summary", a.lang, count=recorded + held, recorded=recorded, held=held))
    return EXIT_BAD if failed else EXIT_OK


def _command(service, reading, a: argparse.Namespace, scans):
    """The entry a reading makes: the ballot when every row is sure, else a hold of the unsure rows (all of them for a
    foreign or unreadable ballot) at the next place of the station in the batch."""
    state = service.state
    books = state.book(reading.form or a.form)
    position = _next_place(state, books, a.batch, a.station)
    form = reading.form if state.several_forms else ""
    if reading.kind == "ballot" and not reading.unsure:
        from session import commands as cmd

        return cmd.RecordBallot(reading.marks, None, a.batch, position, a.station, form=form, image=reading.image_ref)
    rows = tuple(reading.unsure) if reading.kind == "ballot" else tuple(range(len(books.persons)))
    guess = reading.marks if reading.kind == "ballot" else UNKNOWN * len(books.persons)
    crops = tuple(scans.put(state.session_id, f"{reading.source}.row{row + 1}.png", png)
                  for row, png in sorted(reading.crops.items())) if reading.kind == "ballot" else ()
    return HoldBallot(position, reading.image_ref, guess, rows, crops, a.batch, form=form)


def _next_place(state, books, batch: str, station: str) -> int:
    """The next place the scanner's station takes in ``batch``: after every entry or hold it made there."""
    if state.double_entry:
        return books.submitted.get((batch, station), 0) + 1
    return books.next_position(batch)


def _report(reading, command, seq: int, a: argparse.Namespace) -> None:
    held = isinstance(command, HoldBallot)
    rows = [row + 1 for row in command.unsure] if held else []
    if a.format == "json":
        out(json.dumps({"file": reading.source, "marks": None if held else command.marks, "held": rows, "seq": seq,
                        "kind": reading.kind, "image": reading.image_ref}, ensure_ascii=False))
    elif not held:
        out(t("scan.recorded", a.lang, file=reading.source, marks=command.marks, seq=seq))
    elif reading.kind == "ballot":
        out(t("scan.held", a.lang, file=reading.source, rows=", ".join(map(str, rows)), seq=seq))
    else:
        out(t("scan.held_whole", a.lang, file=reading.source, why=reading.message(a.lang), seq=seq))
