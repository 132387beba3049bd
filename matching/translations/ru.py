"""Russian texts of the matching engine's reasons and vocabulary (matching/messages.py, matching/codes.py)."""  # noqa: E501


def plural(n: int) -> int:
    """Index of the plural form: 0 for 1, 21, 31 …; 1 for 2–4, 22–24 …; 2 for the rest."""
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


# How a social worker reads the reasons: third person about the volunteer.
MESSAGES: dict[str, str | tuple[str, ...]] = {
    # why a candidate fits (or fits less well)
    "distance": "в {km} км",
    "speaks": "владеет языком: {language} ({level})",
    "preferred_language_missing": "не владеет языком: {language} (желательно)",
    "preferred_language_low": "{language}: только {spoken} уровень (желательно: {level})",
    "offers_skill": "предлагает: {skill}",
    "lacks_skill": "не указал(а) «{skill}»",
    "free_at": "свободен(на) {day} {times}",
    "partly_free": "{day} свободен(на) только {times} (нужно: {need_times})",
    "certificate_valid": "справка о несудимости действительна до {date}",
    "no_placement_yet": "ещё не было назначений",
    "hours_this_month": "{hours} ч в этом месяце",
    "placements_so_far": (
        "пока {count} назначение",
        "пока {count} назначения",
        "пока {count} назначений",
    ),
    "continuity": "уже успешно помогал(а) в этом учреждении",
    # why a volunteer is ruled out (hard rules)
    "no_location": "местоположение не указано",
    "too_far": "в {km} км, готов(а) ездить не дальше {radius_km} км",
    "outside_need_radius": "в {km} км, а запрос ищет в радиусе {radius_km} км",
    "missing_language": "не владеет языком: {language} (нужен уровень: {level})",
    "language_too_low": "{language}: только {spoken} уровень (нужен: {level})",
    "certificate_missing": "не предъявил(а) расширенную справку о несудимости",
    "certificate_expired": "справка о несудимости действительна только до {date}",
    "no_time": "не свободен(на) {day} {times}",
    "no_time_on": "не свободен(на) {date} {times}",
    "paused": "на перерыве до {date}",
    "no_longer_available": "доступен(на) только до {date}",
    "hours_exhausted": "часы на месяц исчерпаны ({hours} из {max_hours} ч)",
    "already_placed": "уже назначен(а) на этот запрос",
    "busy": "в это время уже есть другое назначение",
}

# The same reasons addressed to the volunteer (formal: Вы).
MESSAGES_TO_VOLUNTEER: dict[str, str | tuple[str, ...]] = {
    "speaks": "Вы владеете языком: {language} ({level})",
    "preferred_language_missing": "Вы не владеете языком: {language} (желательно)",
    "preferred_language_low": "{language}: у Вас только {spoken} уровень (желательно: {level})",
    "offers_skill": "Вы предлагаете: {skill}",
    "lacks_skill": "Вы не указали «{skill}»",
    "free_at": "Вы свободны {day} {times}",
    "partly_free": "{day} Вы свободны только {times} (нужно: {need_times})",
    "certificate_valid": "Ваша справка о несудимости действительна до {date}",
    "no_placement_yet": "У Вас ещё не было назначений",
    "hours_this_month": "В этом месяце Вы помогали {hours} ч",
    "placements_so_far": (
        "У Вас пока {count} назначение",
        "У Вас пока {count} назначения",
        "У Вас пока {count} назначений",
    ),
    "continuity": "Вы уже помогали в этом учреждении",
    "no_location": "Вы не указали местоположение",
    "too_far": "в {km} км, а Вы готовы ездить не дальше {radius_km} км",
    "outside_need_radius": "в {km} км, а запрос ищет в радиусе {radius_km} км",
    "missing_language": "Вы не владеете языком: {language} (нужен уровень: {level})",
    "language_too_low": "{language}: у Вас только {spoken} уровень (нужен: {level})",
    "certificate_missing": (
        "Вы ещё не предъявили расширенную справку о несудимости (erweitertes Führungszeugnis)"
    ),
    "certificate_expired": "Ваша справка о несудимости действительна только до {date}",
    "no_time": "Вы не свободны {day} {times}",
    "no_time_on": "Вы не свободны {date} {times}",
    "paused": "У Вас перерыв до {date}",
    "no_longer_available": "Вы доступны только до {date}",
    "hours_exhausted": "Ваши часы на месяц исчерпаны ({hours} из {max_hours} ч)",
    "already_placed": "Вы уже назначены на этот запрос",
    "busy": "У Вас в это время уже есть назначение",
}

DAY_ADVERBS: tuple[str, ...] = (
    "по понедельникам",
    "по вторникам",
    "по средам",
    "по четвергам",
    "по пятницам",
    "по субботам",
    "по воскресеньям",
)

# Genitive, as in a date: "5 января 2027".
MONTHS: tuple[str, ...] = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)

DATE_PATTERN: str = "{day} {month} {year}"

DECIMAL_SEPARATOR: str = ","

LANGUAGE_NAMES: dict[str, str] = {
    "de": "немецкий",
    "en": "английский",
    "ar": "арабский",
    "fa": "фарси",
    "prs": "дари",
    "ps": "пушту",
    "kmr": "курдский (курманджи)",
    "ckb": "курдский (сорани)",
    "ti": "тигринья",
    "so": "сомалийский",
    "uk": "украинский",
    "ru": "русский",
    "tr": "турецкий",
    "fr": "французский",
    "sq": "албанский",
    "sr": "сербский",
    "bs": "боснийский",
}

LEVEL_LABELS: dict[int, str] = {
    1: "начальный",
    2: "разговорный",
    3: "свободный",
    4: "родной",
}

SKILL_LABELS: dict[str, str] = {
    "accompaniment": "сопровождение в учреждения и к врачам",
    "interpreting": "устный перевод",
    "german_practice": "практика немецкого языка (языковое кафе)",
    "homework_help": "помощь с домашними заданиями",
    "childcare": "присмотр за детьми",
    "sports_leisure": "спорт и досуг с детьми и подростками",
    "womens_group": "женская группа",
    "bike_repair": "велосипедная мастерская",
    "housing_search": "помощь в поиске жилья",
    "job_search": "заявления о приёме на работу и резюме",
    "digital_help": "цифровая помощь (телефоны, онлайн-формы)",
    "repair_cafe": "шитьё и ремонтное кафе",
    "community_events": "сад и праздники микрорайона",
    "move_in_help": "помощь при переезде",
    "mentoring": "наставничество (Patenschaft)",
}
