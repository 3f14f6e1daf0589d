"""The chair's two latecomer questions: who arrived late (after the roll call), and leaving issuing with someone unserved."""

from __future__ import annotations

from session import commands as c
from session.latecomers import names, unserved
from session.state import SessionState
from tui.i18n import register, t

register({
    "late.pick": ("Ai vừa đến? Chọn người đến muộn để đánh dấu có mặt (Esc: thôi)",
                  "Who has just arrived? Pick the late arrival to mark present (Esc: cancel)"),
    "late.none": ("Mọi người được triệu tập đều đã có mặt.", "Everyone convened is already present."),
    "late.leave": ("Còn {count} người có mặt chưa nhận phiếu: {names}. Vẫn kết thúc phát phiếu? Biên bản sẽ ghi tên họ.",
                   "{count} present still hold no ballot: {names}. End issuing anyway? The minutes will name them."),
})


def latecomer_options(state: SessionState) -> list[tuple[str, str]]:
    """(id, label) of every voter not yet present, in the conference's order."""
    return [(v.id, f"{v.name} — {', '.join(v.posts)}") for v in state.conference.voters if v.id not in state.present]


def ask_latecomer(screen, state: SessionState, lang: str) -> None:
    """Pick a late arrival and mark them present (the domain records it as late)."""
    from tui.screens.dialogs import ChoiceForm

    options = latecomer_options(state)
    if not options:
        screen.app.notify(t("late.none", lang))
        return
    screen.app.push_screen(ChoiceForm(lang, t("late.pick", lang), options),
                           lambda voter: voter is not None and screen.app.dispatch(c.MarkPresent((voter,))))


def leave_issuing(screen, state: SessionState, lang: str) -> None:
    """Leave issuing: at once when everyone present holds a ballot, else after a confirmation naming who does not."""
    from tui.screens.dialogs import Confirm

    waiting = unserved(state)
    if not waiting:
        screen.app.dispatch(c.Advance())
        return
    title = t("late.leave", lang, count=len(waiting), names=names(state, waiting))
    screen.app.push_screen(Confirm(lang, title), lambda yes: yes and screen.app.dispatch(c.Advance(anyway=True)))
