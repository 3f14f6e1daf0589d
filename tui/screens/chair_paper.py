"""The chair console's paper: ballots, batch covers, the minutes and the archive, written off the UI thread.

These are app keys, not agenda keys: they record nothing, so the agenda table does
not govern them. The footer and the palette offer each at the steps where it is
wanted; the key itself works at every step, so asking too early gets the same
refusal as ``tinnhiem print`` instead of silence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from session.errors import SessionError
from tui.i18n import register, t
from tui.wiring import scan_store

# tui.paper_jobs (and the JSON and file helpers under it) is imported when a document is asked for, not at start-up.

register({
    "paper.key.ballots": ("In phiếu", "Print ballots"),
    "paper.key.minutes": ("In biên bản", "Print minutes"),
    "paper.key.archive": ("Lưu hồ sơ", "Save archive"),
    "paper.title.ballots": ("In phiếu (mỗi người được triệu tập một phiếu)", "Print ballots (one per voter convened)"),
    "paper.title.covers": ("In bìa xấp phiếu", "Print batch cover sheets"),
    "paper.title.minutes": ("In biên bản (3 bản)", "Print the minutes (3 copies)"),
    "paper.title.archive": ("Lưu hồ sơ lưu trữ", "Save the archive bundle"),
    "paper.title.entries": ("In nhật ký nhập phiếu", "Print the entry log"),
    "paper.title.attendance": ("In danh sách người dự", "Print the attendance list"),
    "paper.title.sealing": ("In biên bản niêm phong, bàn giao", "Print the sealing and hand-over record"),
    "paper.title.resolution": ("In dự thảo nghị quyết xác nhận kết quả", "Print the draft resolution confirming the results"),
    "paper.palette_help": ("Ghi vào {folder}", "Written to {folder}"),
    "paper.batches": ("Số xấp cần bìa", "How many batches need a cover"),
    "paper.working": ("Đang ghi {file}…", "Writing {file}…"),
    "paper.failed": ("Không ghi được tài liệu", "Document not written"),
})


@dataclass(frozen=True)
class PaperKey:
    """A document the console writes; offered in the footer and palette only at ``steps``."""

    what: str
    """The document (one of ``paper_jobs.DOCUMENTS``)."""
    key: str
    """The key that writes it, or "" for the palette only."""
    steps: frozenset[str]
    """Steps at which the footer shows the key and the palette lists the command."""


def _from(step: str) -> frozenset[str]:
    """``step`` and every step after it."""
    from session.agenda import STEPS

    return frozenset(STEPS[STEPS.index(step):])


PAPER_KEYS = (
    PaperKey("ballots", "f", frozenset({"issuing"})),
    PaperKey("covers", "", frozenset({"issuing"})),
    PaperKey("attendance", "", _from("issuing")),
    PaperKey("entries", "", _from("counting")),
    PaperKey("minutes", "v", frozenset({"minutes", "announcing", "sealing", "closed"})),
    PaperKey("resolution", "", _from("announcing")),
    PaperKey("sealing", "", frozenset({"sealing", "closed"})),
    PaperKey("archive", "u", frozenset({"sealing", "closed"})),
)
"""The console's documents: the ballots and the attendance list when ballots are handed out, the entry log from
the count on, the minutes from its end, the draft resolution once announced (a People's Council only, see
``offered``), the sealing record and the archive when the ballots are sealed."""


def paper_bindings(lang: str, step: str) -> list[Binding]:
    """Bindings of the document keys; each is active at every step but shown only at its own."""
    return [Binding(k.key, f"app.paper('{k.what}')", t(f"paper.key.{k.what}", lang), show=step in k.steps)
            for k in PAPER_KEYS if k.key]


def offered(step: str, pack_code: str = "") -> list[PaperKey]:
    """The documents the palette lists at ``step``; the draft resolution only under a People's Council's pack."""
    from session.records import RESOLUTION_PACKS

    return [k for k in PAPER_KEYS if step in k.steps and (k.what != "resolution" or pack_code in RESOLUTION_PACKS)]


def target(app: App, what: str) -> Path:
    """Where ``what`` is written: the session's default folder and a name with the session id."""
    from tui import paper_jobs

    service = app.service  # type: ignore[attr-defined]
    return paper_jobs.documents_folder(service.store) / paper_jobs.file_name(what, service.session_id)


def start(app: App, what: str, **options: int) -> None:
    """Write ``what`` in a worker thread; the chair is told the full path, or why not."""
    from tui import paper_jobs

    path, lang = target(app, what), app.lang  # type: ignore[attr-defined]
    if what != "archive":  # refused at once, before any "writing" notice (the worker checks its own snapshot again)
        try:
            paper_jobs.ready(what, app.service.state)  # type: ignore[attr-defined]
        except SessionError as exc:
            app.notify(exc.message(lang), title=t("ui.refused", lang), severity="error", timeout=12)
            return
    app.notify(t("paper.working", lang, file=path), timeout=4)
    app.run_worker(partial(_job, app, what, path, lang, options), name=f"paper-{what}", group="paper", thread=True)


def _job(app: App, what: str, path: Path, lang: str, options: dict[str, int]) -> None:
    """Runs in a worker thread: a snapshot of the log, the document, the file, then the notification."""
    from tui import paper_jobs

    service = app.service  # type: ignore[attr-defined]
    try:
        paper = paper_jobs.make(what, service.store.load(service.session_id), lang, scans=scan_store(service.store),
                                **options)
        path.parent.mkdir(parents=True, exist_ok=True)
        paper_jobs.write(path, paper.data)
    except Exception as exc:  # noqa: BLE001  (whatever went wrong is said; the console must keep running the session)
        app.call_from_thread(app.notify, paper_jobs.failure_text(exc, lang), title=t("paper.failed", lang),
                             severity="error", timeout=12)
        return
    for note in paper.notes:
        app.call_from_thread(app.notify, note, severity="warning", timeout=12)
    app.call_from_thread(app.notify, t("paper.done", lang, file=path, what=paper.summary), timeout=15)
    from tui.base import StateChanged

    app.call_from_thread(app.post_message, StateChanged())  # the closed step lists the files written
