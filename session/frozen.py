"""Frozen dataclasses quick to build: the few that a load builds again for every ballot."""

from __future__ import annotations

from dataclasses import MISSING, Field, fields
from typing import TypeVar

T = TypeVar("T", bound=type)


def plain_fields(cls: type) -> tuple[Field, ...]:
    """The fields of dataclass ``cls``, which a value is built from by assignment alone: refused (TypeError) when one
    needs a default factory or the class a ``__post_init__``."""
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__, which building by assignment would not call")
    every = fields(cls)
    for f in every:
        if f.default_factory is not MISSING or not f.init or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name} is not a plain field")
    return every


def quick_init(cls: T) -> T:
    """Give frozen dataclass ``cls`` an ``__init__`` of the same signature that fills the instance's dict directly.

    A frozen dataclass's own ``__init__`` calls ``object.__setattr__`` once per field, half the cost of building
    one; checking a log builds the command each ballot implies, the event ``decide`` expects and the ballot's
    outcome, for every ballot. Only for ``plain_fields``. Apply it over ``@dataclass(frozen=True)``.
    """
    params, stores, scope = [], [], {}
    for f in plain_fields(cls):
        if f.default is MISSING:
            params.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        stores.append(f"    d[{f.name!r}] = {f.name}\n")
    exec(f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n{''.join(stores)}", scope)
    init = scope["__init__"]
    init.__qualname__, init.__annotations__ = f"{cls.__qualname__}.__init__", dict(cls.__init__.__annotations__)
    cls.__init__ = init
    return cls
