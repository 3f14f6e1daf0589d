"""Quick-to-build frozen dataclasses: the same signature, values and guarantees as the dataclass's own."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from session.ballots import Outcome
from session.commands import RecordBallot
from session.conference import Voter
from session.counting import EntrySubmitted
from session.events import BallotRecorded
from session.frozen import quick_init

QUICK = (Outcome, RecordBallot, BallotRecorded, EntrySubmitted, Voter)


def _as_dataclass_builds_it(cls: type) -> type:
    """A plain frozen dataclass with ``cls``'s fields: what its ``__init__`` would be without ``quick_init``."""
    specs = [(f.name, f.type, dataclasses.field(default=f.default)) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True)


@pytest.mark.parametrize("cls", QUICK, ids=lambda c: c.__name__)
def test_a_quick_init_takes_what_the_dataclass_init_takes(cls):
    assert inspect.signature(cls) == inspect.signature(_as_dataclass_builds_it(cls))


@pytest.mark.parametrize("cls", QUICK, ids=lambda c: c.__name__)
def test_a_quickly_built_value_equals_hashes_and_stays_frozen_as_a_dataclass(cls):
    required = [f for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    args = tuple(f"v{i}" for i in range(len(required)))
    value, twin = cls(*args), cls(**{f.name: a for f, a in zip(required, args, strict=True)})
    reference = _as_dataclass_builds_it(cls)(*args)
    assert value == twin and hash(value) == hash(twin)
    assert [getattr(value, f.name) for f in dataclasses.fields(cls)] == [getattr(reference, f.name)
                                                                         for f in dataclasses.fields(cls)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.__setattr__(dataclasses.fields(cls)[0].name, "changed")
    with pytest.raises(TypeError):
        cls(*args, nonsense=1)
    if required:
        with pytest.raises(TypeError):
            cls(*args[:-1])


def test_a_class_whose_fields_need_more_than_an_assignment_is_refused():
    @dataclasses.dataclass(frozen=True)
    class Listed:
        items: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class Checked:
        n: int

        def __post_init__(self) -> None:
            pass

    for cls in (Listed, Checked):
        with pytest.raises(TypeError, match=cls.__name__):
            quick_init(cls)


def test_every_event_is_decoded_by_assignment_alone():
    import session.scanning  # noqa: F401  (every module that registers events)
    import session.showing  # noqa: F401
    import session.trust  # noqa: F401
    from session.events import REGISTRY
    from session.frozen import plain_fields

    assert len(REGISTRY) > 20
    for cls in REGISTRY.values():
        assert isinstance(plain_fields(cls), tuple), cls.__name__  # raises for a field that needs more
