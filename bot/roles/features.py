"""Stored features: scoring.signals.Features <-> JSON, and the candidate columns derived from a profile.

The codec walks dataclass fields and their type hints, so it keeps working when the scorer adds,
drops or retypes a field (a field missing from stored JSON takes its default; an unknown one is
ignored). Stored features carry the scorer version that extracted them; rows of another version are
extracted again from the snapshot.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Callable

from scoring.signals import SCORER_VERSION, Features, extract
from scoring.types import Profile

_DATES = ("merged_at", "pushed_at", "published", "lastModified", "last_modified", "created_at")
_SIGNAL_LISTS = ("merged_prs", "repos", "hf_models", "papers")


_PLAIN = (str, int, float, bool, type(None))


@lru_cache(maxsize=64)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_json(value: Any) -> Any:
    """A JSON-able copy of a dataclass value: dataclasses as objects, sets sorted, dates in ISO form."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [v if type(v) in _PLAIN else to_json(v) for v in value]
    if dataclasses.is_dataclass(kind):
        return {name: to_json(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (frozenset, set)):
        return sorted(to_json(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [to_json(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


@lru_cache(maxsize=64)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(tp: Any, value: Any) -> Any:
    """The value of type `tp` that `to_json` made `value` from (dataclasses, tuples, sets, mappings, dates)."""
    return _decoder(tp)(value)


def _identity(value: Any) -> Any:
    return value


def _checked(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is not None and not isinstance(value, kind):
            raise TypeError(f"{value!r} is not {kind.__name__}")
        return value
    return check


def _none_or(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else fn(value)


@lru_cache(maxsize=256)
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A function decoding JSON into `tp`, built once per type from its hints (the hot path of explain())."""
    if tp is Any:
        return _identity
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_decoder(a) for a in args if a is not type(None)]

        def union(value: Any) -> Any:
            if value is None:
                return None
            for option in options:
                try:
                    return option(value)
                except (TypeError, ValueError, KeyError, AttributeError):
                    continue
            raise ValueError(f"{value!r} fits none of {tp}")
        return union
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        fields = tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(tp) if f.init)
        return _none_or(lambda value: tp(**{name: dec(value[name]) for name, dec in fields if name in value}))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return _none_or(lambda value: tuple(map(item, value)))
        if args:
            items = tuple(_decoder(a) for a in args)
            return _none_or(lambda value: tuple(dec(v) for dec, v in zip(items, value)))
        return _none_or(tuple)
    if origin in (frozenset, set, list):
        if args:
            item = _decoder(args[0])
            return _none_or(lambda value: origin(map(item, value)))
        return _none_or(origin)
    if origin in (dict, Mapping) or tp in (dict, Mapping):
        kt, vt = args or (Any, Any)
        key, val = _decoder(kt), _decoder(vt)
        wrap = dict if origin is dict or tp is dict else types.MappingProxyType
        return _none_or(lambda value: wrap({key(k): val(v) for k, v in value.items()}))
    if tp is date:
        return _none_or(date.fromisoformat)
    if tp is datetime:
        return _none_or(datetime.fromisoformat)
    if tp is float:
        return _none_or(float)
    if tp in (int, str, bool):
        return _checked(tp)
    return _identity


def features_to_json(features: Features) -> dict[str, Any]:
    """What the candidates.features column stores."""
    return to_json(features)


def features_from_json(data: dict[str, Any]) -> Features:
    """The Features a stored JSON object holds."""
    return from_json(Features, data)


def skills_pattern(skill: str) -> str:
    """How one skill appears inside candidates.skills_text (for a LIKE filter)."""
    return f"|{skill.replace('|', '')}|"


def skills_text(skills: typing.Iterable[str]) -> str:
    """The candidates.skills_text value: `|a|b|`, sorted, so `LIKE '%|a|%'` matches one skill exactly."""
    return "|" + "".join(f"{s.replace('|', '')}|" for s in sorted(skills))


def last_active(snapshot: dict[str, Any] | None) -> date | None:
    """The latest day of public activity in a snapshot (merged PRs, pushes, papers, models), if any."""
    signals = (snapshot or {}).get("signals") or {}
    best = None
    for key in _SIGNAL_LISTS:
        for item in signals.get(key) or ():
            if not isinstance(item, dict):
                continue
            for field in _DATES:
                value = item.get(field)
                if isinstance(value, str) and len(value) >= 10:
                    try:
                        day = date.fromisoformat(value[:10])
                    except ValueError:
                        continue
                    if best is None or day > best:
                        best = day
    return best


@dataclasses.dataclass(frozen=True)
class Extracted:
    """One candidate's features and the columns derived from them, ready to store."""

    features: Features
    columns: dict[str, Any]


def extract_snapshot(snapshot: dict[str, Any], *, today: date) -> Extracted:
    """Extract a snapshot's features once, with the candidate columns that store them."""
    features = extract(Profile.from_snapshot(snapshot), today=today)
    return Extracted(features, {"features": features_to_json(features), "features_version": SCORER_VERSION,
                                "skills_text": skills_text(features.skills), "last_active_on": last_active(snapshot)})
