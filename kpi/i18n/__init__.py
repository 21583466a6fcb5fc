"""Every user-facing string, in Chinese and English: one module per area, named by the
prefix of its keys (``status.py`` holds every ``status.*`` key).

``t("key", lang, **params)`` formats the string for the language; Chinese is the
default. Pages, the command line and the briefings take their words from here,
usually through :class:`kpi.present.locale.Locale`, bound once to the reader's language.
A new key goes into the module of its prefix; a new prefix is a new module, found here
without being listed.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"

#: The area modules, by name: each holds the keys ``<name>.*``.
AREAS: tuple[str, ...] = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__)))


def _assemble(areas: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Every area's messages in one table; a key defined in two areas is refused, since
    one of the two would silently win."""
    strings: dict[str, tuple[str, str]] = {}
    for area in areas:
        module = importlib.import_module(f"{__name__}.{area}")
        twice = strings.keys() & module.STRINGS.keys()
        if twice:
            raise ValueError(f"kpi.i18n.{area} defines keys already defined: {sorted(twice)}")
        strings.update(module.STRINGS)
    return strings


STRINGS: dict[str, tuple[str, str]] = _assemble(AREAS)


def t(key: str, lang: Lang = DEFAULT_LANG, /, **params: object) -> str:
    """The string for ``key`` in ``lang`` with ``params`` filled in; a parameter with a
    ``text(lang)`` method (a Phrase) is told in the same language."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    if not params:
        return text
    return text.format(**{k: _told(v, lang) for k, v in params.items()})


def _told(value: object, lang: Lang) -> object:
    text = getattr(value, "text", None)
    return text(lang) if callable(text) else value


@dataclass(frozen=True)
class Phrase:
    """A message key and its parameters, told in a language later: a parameter of another
    message that is itself translated. Problems are kpi.domain.problems.Problem; a Phrase is only
    a part of one, such as a catalog entry's name ("目标“X”" / "target 'X'", whose kind
    is one too) or the reason a database cannot be reached."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        return t(self.key, lang, **self.params)
