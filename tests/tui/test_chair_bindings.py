"""The keys and palette commands the console offers are exactly the actions the agenda table allows now."""

from __future__ import annotations

import re

import pytest

from session import commands as c
from session.agenda import allowed, steps_for
from session.events import CHAIR
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, synthetic
from tests.tui.chair_support import at_step, sample_service
from tui.app import ChairApp
from tui.screens.chair import ACTION_OF, AGENDA_KEYS, palette_title

SAMPLE_STEPS = steps_for(sample_service().state.pack)


def appoint_at_nominees() -> SessionService:
    """An APPOINT session (which has the nominee step) standing at that step."""
    service = SessionService.create(InMemoryEventStore(), synthetic(6, persons=3, rules="APPOINT", posts=1),
                                    clock=FixedClock(), launch_code="111-222-333")
    voters = tuple(v.id for v in service.state.conference.voters)
    for command in (c.Advance(), c.MarkPresent(voters), c.Advance(), c.Advance(), c.ProposeTeam(voters[:3], voters[0]),
                    c.ApproveTeam(6), c.Advance(), c.Advance()):
        service.handle(command, CHAIR)
    assert service.state.step == "nominees"
    return service


def offered_by_footer(app: ChairApp) -> set[str]:
    """Agenda actions among the active bindings of the screen shown."""
    found = set()
    for active in app.screen.active_bindings.values():
        match = re.fullmatch(r"agenda\('(.+)'\)", active.binding.action)
        if match and active.enabled:
            found.add(ACTION_OF[match.group(1)])
    return found


def offered_by_palette(app: ChairApp) -> set[str]:
    """Agenda actions among the palette's commands."""
    titles = {cmd.title for cmd in app.get_system_commands(app.screen)}
    return {k.action for k in AGENDA_KEYS if palette_title(k, app.lang) in titles}


@pytest.mark.parametrize("step", [*SAMPLE_STEPS, "nominees"])
async def test_offered_actions_equal_the_table(step):
    service = appoint_at_nominees() if step == "nominees" else at_step(step)
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        expected = set(allowed(step, service.state.pack))
        assert offered_by_footer(app) == expected
        assert offered_by_palette(app) == expected


async def test_a_refused_key_shows_the_domains_reason():
    service = at_step("roll_call")
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert service.state.step == "roll_call" and service.state.seq == 2
        assert any("cần ít nhất 8 (2/3 của 12)" in text for text in shown), shown
