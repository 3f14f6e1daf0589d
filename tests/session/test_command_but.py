"""``Command.but``, the actor rules' copy of a command, builds what ``dataclasses.replace`` builds."""

from dataclasses import FrozenInstanceError, fields, replace

import pytest

from session import commands as cmd
from session import counting as cnt
from session import scanning, trust

SAMPLES = [
    cmd.RecordBallot("112x", None, "A", 3, "Bàn 1", form="CP"),
    cmd.RecordBallot(None, "other_form", confirmed_by="d001", image="ab" * 32),
    cnt.OpenBatch("A"),
    trust.SignIn(),
    trust.SignOut("d002", "Bàn 2"),
    scanning.HoldBallot(1, "cd" * 32, "1?", (1,)),
]


@pytest.mark.parametrize("command", SAMPLES, ids=lambda c: type(c).__name__)
def test_but_is_replace(command):
    for f in fields(command):
        value = "d009" if isinstance(getattr(command, f.name), str) else getattr(command, f.name)
        copy = command.but(**{f.name: value})
        assert copy == replace(command, **{f.name: value}) and type(copy) is type(command)
        assert getattr(copy, f.name) == value and copy is not command
    with pytest.raises(FrozenInstanceError):
        command.but().marks = "1"  # type: ignore[misc]


def test_but_refuses_an_unknown_field():
    with pytest.raises(TypeError):
        cmd.RecordBallot("1").but(member="d001")
