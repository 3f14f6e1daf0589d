"""A plain-text preview of the counting minutes, built from the state and the results."""

from __future__ import annotations

from textual.widgets import Static

from session.local import date_text, percent_label
from session.log import short_code
from session.minutes import drawn_up_at
from session.results import results
from session.state import SessionState
from tui.i18n import t
from tui.widgets.live import LIVE
from tui.widgets.tally_table import level_label


def minutes_text(state: SessionState, lang: str) -> str:
    """The minutes' content as text: heading, books, each person's counts, team, rules and digest."""
    conf, data = state.conference, results(state)
    keys = [lv.key for lv in state.pack.levels] + ["invalid"]
    names = ", ".join(conf.voter(m).name for m in state.team)
    lines = [
        t("minutes.title", lang),
        conf.title,
        t("minutes.place", lang, body=conf.body, place=conf.place, date=date_text(conf.date, lang)),
        t("minutes.rules", lang, title=state.pack.title_vi if lang == "vi" else state.pack.title_en),
        t("results.books", lang, **{k: data[k] for k in ("convened", "present", "issued", "returned", "valid", "invalid")}),
        t("results.basis", lang, basis=t(f"basis.{data['denominator']['basis']}", lang), value=data["denominator"]["value"]),
        "",
    ]
    for n, person in enumerate(data["persons"], 1):
        counts = "; ".join(f"{level_label(state, k, lang)} {person['counts'][k]} ({percent_label(person['percent'][k], lang)})" for k in keys)
        lines.append(t("minutes.person", lang, n=n, name=person["name"], position=person["position"], counts=counts))
        lines.append(f"   {t('results.band', lang)}: {t('band.' + person['band'], lang)} — {'; '.join(person['working'])}")
    seq, head = drawn_up_at(state)
    lines += ["", t("minutes.team", lang, members=names), state.pack.citation,
              t("minutes.digest", lang, code=short_code(head), seq=seq)]
    return "\n".join(lines)


class MinutesPreview(Static):
    """The minutes preview."""

    def __init__(self, **kwargs) -> None:
        super().__init__(classes=LIVE, markup=False, **kwargs)

    def show(self, state: SessionState, lang: str) -> None:
        self.update(minutes_text(state, lang))
