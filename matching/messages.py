"""Reasons a social worker can read: a code with parameters, rendered in any of our languages.

The same reasons, shown to the volunteer they are about, speak to her (`to_volunteer`):
"Sie haben Nähen nicht angegeben" instead of "hat Nähen nicht angegeben".

German and English texts are below; every further language is a module of
`matching.translations`. A text a translation lacks (or cannot fill) is shown in German.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from matching import translations
from matching.codes import language_name, level_label, skill_label

# Every language the engine can explain itself in: ours, then one per translation module.
LANGS: tuple[str, ...] = (
    "de",
    "en",
    *(code for code in translations.MODULES if code not in ("de", "en")),
)

# Scripts written right to left: ranges of numbers in their texts are isolated left to right.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "prs", "ps", "ckb", "ur", "he"})

# A tuple holds the singular and the plural form, chosen by the `count` parameter.
MESSAGES: dict[str, dict[str, str | tuple[str, str]]] = {
    # why a candidate fits (or fits less well)
    "distance": {"de": "{km} km entfernt", "en": "{km} km away"},
    "speaks": {"de": "spricht {language} ({level})", "en": "speaks {language} ({level})"},
    "preferred_language_missing": {"de": "spricht kein {language} (gewünscht)",
                                   "en": "does not speak {language} (preferred)"},
    "preferred_language_low": {"de": "{language} nur {spoken} (gewünscht: {level})",
                               "en": "{language} only {spoken} ({level} preferred)"},
    "offers_skill": {"de": "bietet {skill} an", "en": "offers {skill}"},
    "lacks_skill": {"de": "hat {skill} nicht angegeben", "en": "has not listed {skill}"},
    "free_at": {"de": "{day} {times} frei", "en": "free {day} {times}"},
    "partly_free": {"de": "{day} nur {times} frei (gesucht: {need_times})",
                    "en": "free {day} only {times} ({need_times} asked)"},
    "certificate_valid": {"de": "Führungszeugnis gültig bis {date}",
                          "en": "certificate of conduct valid until {date}"},
    "no_placement_yet": {"de": "noch kein Einsatz", "en": "no placement yet"},
    "hours_this_month": {"de": "diesen Monat {hours} h im Einsatz", "en": "{hours} h this month"},
    "placements_so_far": {"de": ("{count} Einsatz bisher", "{count} Einsätze bisher"),
                          "en": ("{count} placement so far", "{count} placements so far")},
    "continuity": {"de": "war schon gut in dieser Einrichtung im Einsatz",
                   "en": "placed well at this facility before"},
    # why a volunteer is ruled out (hard rules)
    "no_location": {"de": "kein Standort angegeben", "en": "no location"},
    "too_far": {"de": "{km} km entfernt, fährt höchstens {radius_km} km",
                "en": "{km} km away, travels at most {radius_km} km"},
    "outside_need_radius": {"de": "{km} km entfernt, gesucht im Umkreis von {radius_km} km",
                            "en": "{km} km away, the need asks for {radius_km} km at most"},
    "missing_language": {"de": "spricht kein {language} (nötig: {level})",
                         "en": "does not speak {language} ({level} required)"},
    "language_too_low": {"de": "{language} nur {spoken} (nötig: {level})",
                         "en": "{language} only {spoken} ({level} required)"},
    "certificate_missing": {"de": "kein erweitertes Führungszeugnis vorgelegt",
                            "en": "no extended certificate of conduct"},
    "certificate_expired": {"de": "Führungszeugnis nur gültig bis {date}",
                            "en": "certificate of conduct valid only until {date}"},
    "no_time": {"de": "{day} {times} nicht frei", "en": "not free {day} {times}"},
    "no_time_on": {"de": "am {date} {times} nicht frei", "en": "not free on {date} {times}"},
    "paused": {"de": "pausiert bis {date}", "en": "paused until {date}"},
    "no_longer_available": {"de": "nur verfügbar bis {date}", "en": "available only until {date}"},
    "hours_exhausted": {"de": "Monatsstunden ausgeschöpft ({hours} von {max_hours} h)",
                        "en": "monthly hours used up ({hours} of {max_hours} h)"},
    "already_placed": {"de": "ist für diesen Bedarf schon eingesetzt",
                       "en": "already placed on this need"},
    "busy": {"de": "hat zur selben Zeit schon einen Einsatz",
             "en": "already has an appointment at that time"},
}  # fmt: skip

# The volunteer's own view of the reasons above, addressed to her (German: Sie). Codes that
# read the same either way ("5 km entfernt") are not repeated here.
MESSAGES_TO_VOLUNTEER: dict[str, dict[str, str | tuple[str, str]]] = {
    "speaks": {"de": "Sie sprechen {language} ({level})", "en": "you speak {language} ({level})"},
    "preferred_language_missing": {"de": "Sie sprechen kein {language} (gewünscht)",
                                   "en": "you do not speak {language} (preferred)"},
    "preferred_language_low": {"de": "Sie sprechen {language} nur {spoken} (gewünscht: {level})",
                               "en": "you speak {language} only {spoken} ({level} preferred)"},
    "offers_skill": {"de": "Sie bieten {skill} an", "en": "you offer {skill}"},
    "lacks_skill": {"de": "Sie haben {skill} nicht angegeben", "en": "you have not listed {skill}"},
    "free_at": {"de": "Sie haben {day} {times} Zeit", "en": "you are free {day} {times}"},
    "partly_free": {"de": "Sie haben {day} nur {times} Zeit (gesucht: {need_times})",
                    "en": "you are free {day} only {times} ({need_times} asked)"},
    "certificate_valid": {"de": "Ihr Führungszeugnis gilt bis {date}",
                          "en": "your certificate of conduct is valid until {date}"},
    "no_placement_yet": {"de": "Sie haben noch keinen Einsatz", "en": "you have no placement yet"},
    "hours_this_month": {"de": "Sie sind diesen Monat {hours} h im Einsatz",
                         "en": "you have helped {hours} h this month"},
    "placements_so_far": {"de": ("Sie hatten bisher {count} Einsatz",
                                 "Sie hatten bisher {count} Einsätze"),
                          "en": ("you have had {count} placement so far",
                                 "you have had {count} placements so far")},
    "continuity": {"de": "Sie waren schon in dieser Einrichtung im Einsatz",
                   "en": "you have helped at this facility before"},
    "no_location": {"de": "Sie haben keinen Ort angegeben", "en": "you have not given a location"},
    "too_far": {"de": "{km} km entfernt, Sie fahren höchstens {radius_km} km",
                "en": "{km} km away, you travel at most {radius_km} km"},
    "outside_need_radius": {"de": "{km} km entfernt, gesucht wird im Umkreis von {radius_km} km",
                            "en": "{km} km away, the need asks for {radius_km} km at most"},
    "missing_language": {"de": "Sie sprechen kein {language} (nötig: {level})",
                         "en": "you do not speak {language} ({level} required)"},
    "language_too_low": {"de": "Sie sprechen {language} nur {spoken} (nötig: {level})",
                         "en": "you speak {language} only {spoken} ({level} required)"},
    "certificate_missing": {"de": "Sie haben noch kein erweitertes Führungszeugnis vorgelegt",
                            "en": "you have not shown an extended certificate of conduct yet"},
    "certificate_expired": {"de": "Ihr Führungszeugnis gilt nur bis {date}",
                            "en": "your certificate of conduct is valid only until {date}"},
    "no_time": {"de": "Sie haben {day} {times} keine Zeit", "en": "you are not free {day} {times}"},
    "no_time_on": {"de": "Sie haben am {date} {times} keine Zeit",
                   "en": "you are not free on {date} {times}"},
    "paused": {"de": "Sie pausieren bis {date}", "en": "you have paused until {date}"},
    "no_longer_available": {"de": "Sie sind nur bis {date} verfügbar",
                            "en": "you are available only until {date}"},
    "hours_exhausted": {"de": "Ihre Monatsstunden sind ausgeschöpft ({hours} von {max_hours} h)",
                        "en": "your monthly hours are used up ({hours} of {max_hours} h)"},
    "already_placed": {"de": "Sie sind für diesen Bedarf schon eingesetzt",
                       "en": "you are already placed on this need"},
    "busy": {"de": "Sie haben zur selben Zeit schon einen Einsatz",
             "en": "you already have an appointment at that time"},
}  # fmt: skip

DAY_ADVERBS = {
    "de": ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags"),
    "en": ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"),
}
_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Reason:
    """One explanation: a stable `code` for clients and parameters to render it."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "de", *, to_volunteer: bool = False) -> str:
        """The reason in `lang`; `to_volunteer` speaks to the volunteer it is about."""
        check_lang(lang)
        params = {k: _localise(k, v, lang) for k, v in self.params.items()}
        template = _template(self.code, lang, to_volunteer, self.params.get("count"))
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            # A translation asking for a placeholder we do not have: German, never an error.
            german = _template(self.code, "de", to_volunteer, self.params.get("count"))
            return german.format(**{k: _localise(k, v, "de") for k, v in self.params.items()})

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in self.params.items()}
        return {"code": self.code, "params": params, "text": self.text(lang)}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def join_reasons(reasons: list[Reason], lang: str, *, to_volunteer: bool = False) -> str:
    return " · ".join(reason.text(lang, to_volunteer=to_volunteer) for reason in reasons)


def supported_lang(code: str | None) -> str:
    """The engine language for a page's or a request's language code ("pt-br" → "de")."""
    base = (code or "").lower().replace("_", "-").split("-")[0]
    return base if base in LANGS else "de"


def _template(code: str, lang: str, to_volunteer: bool, count: Any) -> str:
    """The text for `code` in `lang`, falling back to the German one, in the right plural form."""
    ours = MESSAGES_TO_VOLUNTEER if to_volunteer and code in MESSAGES_TO_VOLUNTEER else MESSAGES
    table = "MESSAGES_TO_VOLUNTEER" if ours is MESSAGES_TO_VOLUNTEER else "MESSAGES"
    template = ours[code].get(lang) or translations.lookup(lang, table, code)
    if not template:
        lang, template = "de", ours[code]["de"]
    if isinstance(template, tuple):
        template = template[_plural_index(lang, count, len(template))]
    return template


def _plural_index(lang: str, count: Any, forms: int) -> int:
    module = translations.module_for(lang)
    n = count if isinstance(count, int) else 0
    index = module.plural(n) if module is not None else (0 if n == 1 else 1)
    return min(max(int(index), 0), forms - 1)


def _localise(key: str, value: Any, lang: str) -> str:
    if key == "km":
        return _decimal(f"{value:.1f}", lang)
    if key in ("hours", "max_hours", "radius_km"):
        return _decimal(f"{value:.1f}".removesuffix(".0"), lang)
    if key in ("language",):
        return language_name(value, lang)
    if key in ("level", "spoken"):
        return level_label(value, lang)
    if key == "skill":
        return skill_label(value, lang)
    if key == "day":
        return _day(value, lang)
    if key in ("times", "need_times"):
        return ", ".join(_ltr(f"{_clock(start)}–{_clock(end)}", lang) for start, end in value)
    if key == "date":
        return _date(value, lang)
    return str(value)


def _day(index: int, lang: str) -> str:
    module = translations.module_for(lang)
    days = DAY_ADVERBS.get(lang) or getattr(module, "DAY_ADVERBS", ())
    return (days if days and len(days) == 7 else DAY_ADVERBS["de"])[index]


def _ltr(text: str, lang: str) -> str:
    """A time range read left to right inside right-to-left text (an isolate, as <bdi dir=ltr>)."""
    return f"\u2066{text}\u2069" if lang in RIGHT_TO_LEFT else text


def _decimal(text: str, lang: str) -> str:
    if lang == "de":
        return text.replace(".", ",")
    module = translations.module_for(lang)
    separator = getattr(module, "DECIMAL_SEPARATOR", ".") if module is not None else "."
    return text.replace(".", separator or ".")


def _clock(minute: int) -> str:
    hours, minutes = divmod(minute, 60)
    return f"{hours}" if not minutes else f"{hours}:{minutes:02d}"


def _date(value: date, lang: str) -> str:
    if lang == "de":
        return value.strftime("%d.%m.%Y")
    if lang == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    module = translations.module_for(lang)
    months = getattr(module, "MONTHS", ())
    pattern = getattr(module, "DATE_PATTERN", "")
    if len(months) != 12 or not pattern:
        return value.strftime("%d.%m.%Y")
    try:
        return pattern.format(day=value.day, month=months[value.month - 1], year=value.year)
    except (KeyError, IndexError, ValueError):
        return value.strftime("%d.%m.%Y")
