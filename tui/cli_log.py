"""``verify`` and ``replay`` on the command line: the verdict over a log, and the state or story of its intact part."""

from __future__ import annotations

import argparse
import json

from session.agenda import allowed
from session.errors import BadInput, SessionError
from tui.cli_io import out
from tui.i18n import t


def checked_log(a: argparse.Namespace):
    """The events of LOG or --db and their verdict; an unreadable line after an intact prefix is the first bad event."""
    from session.admissible import check
    from session.log import Verdict
    from tui.wiring import load_log_prefix

    source = a.log or a.db
    if not source:
        raise BadInput("cli.need_source")
    records, unreadable = load_log_prefix(source, a.session)
    verdict = check(records)
    if verdict.ok and unreadable is not None:
        verdict = Verdict(False, verdict.count, verdict.head, unreadable.params["seq"], None, unreadable.key)
    return records, verdict, unreadable


def broken(verdict, unreadable: SessionError | None, lang: str) -> str:
    """Why the log does not check, naming the first bad seq."""
    if unreadable is not None and verdict.reason == unreadable.key:
        reason = unreadable.message(lang)
    else:
        reason = verdict.explain(lang)
    return t("log.broken", lang, reason=reason)


def print_replay(records, fmt: str, intact: bool, verdict, lang: str) -> None:
    """The state after ``records`` as JSON, or one line per event."""
    from session.evolve import replay
    from session.results import results

    if fmt == "json":
        state = replay(records)
        data = {"seq": state.seq, "step": state.step, "allowed": list(allowed(state.step, state.pack)),
                "present": sorted(state.present), "team": list(state.team), "team_head": state.team_head,
                "team_approved": state.team_approved, "issued": state.issued, "returned": state.returned,
                "signed": sorted(state.signed), "sealed_to": state.sealed_to, "verified": intact,
                "bad_seq": None if intact else verdict.bad_seq, "results": results(state)}
        out(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from session.narrative import narrate

        # One line per event: seq, time, who acted, what happened (ids shown with their names).
        for record, who, what in narrate(records, lang):
            out(f"{record.seq:>5}  {record.at[:19].replace('T', ' ')}  {who:<22}  {what}")
