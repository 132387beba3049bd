"""Ukrainian texts of the matching engine's reasons and vocabulary (matching/messages.py, matching/codes.py)."""  # noqa: E501


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
    "distance": "за {km} км",
    "speaks": "володіє мовою: {language} ({level})",
    "preferred_language_missing": "не володіє мовою: {language} (бажано)",
    "preferred_language_low": "{language}: лише {spoken} (бажано: {level})",
    "offers_skill": "пропонує: {skill}",
    "lacks_skill": "не вказав(-ла): {skill}",
    "free_at": "має час {day} {times}",
    "partly_free": "має час {day} лише {times} (потрібно: {need_times})",
    "certificate_valid": "довідка про несудимість дійсна до {date}",
    "no_placement_yet": "ще жодного призначення",
    "hours_this_month": "{hours} год цього місяця",
    "placements_so_far": (
        "досі {count} призначення",
        "досі {count} призначення",
        "досі {count} призначень",
    ),
    "continuity": "уже успішно допомагав(-ла) в цьому закладі",
    # why a volunteer is ruled out (hard rules)
    "no_location": "місце проживання не вказано",
    "too_far": "за {km} км, їздить не далі ніж за {radius_km} км",
    "outside_need_radius": "за {km} км, а потреба шукає людей у радіусі {radius_km} км",
    "missing_language": "не володіє мовою: {language} (потрібно: {level})",
    "language_too_low": "{language}: лише {spoken} (потрібно: {level})",
    "certificate_missing": "немає розширеної довідки про несудимість",
    "certificate_expired": "довідка про несудимість дійсна лише до {date}",
    "no_time": "не має часу {day} {times}",
    "no_time_on": "не має часу {date} {times}",
    "paused": "на перерві до {date}",
    "no_longer_available": "доступний(-на) лише до {date}",
    "hours_exhausted": "години на місяць вичерпано ({hours} з {max_hours} год)",
    "already_placed": "уже призначений(-а) на цю потребу",
    "busy": "у цей час уже має інше призначення",
}

# The volunteer's own view of the reasons, addressed to them (formal: Ви).
MESSAGES_TO_VOLUNTEER: dict[str, str | tuple[str, ...]] = {
    "speaks": "Ви володієте мовою: {language} ({level})",
    "preferred_language_missing": "Ви не володієте мовою: {language} (бажано)",
    "preferred_language_low": "{language}: у Вас лише {spoken} (бажано: {level})",
    "offers_skill": "Ви пропонуєте: {skill}",
    "lacks_skill": "Ви не вказали: {skill}",
    "free_at": "Ви маєте час {day} {times}",
    "partly_free": "Ви маєте час {day} лише {times} (потрібно: {need_times})",
    "certificate_valid": "Ваша довідка про несудимість дійсна до {date}",
    "no_placement_yet": "у Вас ще немає призначень",
    "hours_this_month": "цього місяця Ви допомагали {hours} год",
    "placements_so_far": (
        "досі у Вас було {count} призначення",
        "досі у Вас було {count} призначення",
        "досі у Вас було {count} призначень",
    ),
    "continuity": "Ви вже допомагали в цьому закладі",
    "no_location": "Ви не вказали місце проживання",
    "too_far": "за {km} км, а Ви їздите не далі ніж за {radius_km} км",
    "outside_need_radius": "за {km} км, а потреба шукає людей у радіусі {radius_km} км",
    "missing_language": "Ви не володієте мовою: {language} (потрібно: {level})",
    "language_too_low": "{language}: у Вас лише {spoken} (потрібно: {level})",
    "certificate_missing": "Ви ще не показали розширену довідку про несудимість",
    "certificate_expired": "Ваша довідка про несудимість дійсна лише до {date}",
    "no_time": "Ви не маєте часу {day} {times}",
    "no_time_on": "Ви не маєте часу {date} {times}",
    "paused": "у Вас перерва до {date}",
    "no_longer_available": "Ви доступні лише до {date}",
    "hours_exhausted": "Ваші години на місяць вичерпано ({hours} з {max_hours} год)",
    "already_placed": "Вас уже призначено на цю потребу",
    "busy": "у цей час у Вас уже є інше призначення",
}

# "{day} {times}", e.g. "щовівторка 17–19".
DAY_ADVERBS: tuple[str, ...] = (
    "щопонеділка",
    "щовівторка",
    "щосереди",
    "щочетверга",
    "щоп’ятниці",
    "щосуботи",
    "щонеділі",
)

# Genitive forms, as a date is written: "5 травня 2026".
MONTHS: tuple[str, ...] = (
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
)

DATE_PATTERN: str = "{day} {month} {year}"

DECIMAL_SEPARATOR: str = ","

LANGUAGE_NAMES: dict[str, str] = {
    "de": "німецька",
    "en": "англійська",
    "ar": "арабська",
    "fa": "фарсі",
    "prs": "дарі",
    "ps": "пушту",
    "kmr": "курдська (курманджі)",
    "ckb": "курдська (сорані)",
    "ti": "тигринья",
    "so": "сомалі",
    "uk": "українська",
    "ru": "російська",
    "tr": "турецька",
    "fr": "французька",
    "sq": "албанська",
    "sr": "сербська",
    "bs": "боснійська",
}

LEVEL_LABELS: dict[int, str] = {
    1: "базовий рівень",
    2: "розмовний рівень",
    3: "вільно",
    4: "рідна мова",
}

SKILL_LABELS: dict[str, str] = {
    "accompaniment": "супровід до установ і лікарів",
    "interpreting": "усний переклад",
    "german_practice": "практика німецької мови (мовне кафе)",
    "homework_help": "допомога з домашніми завданнями",
    "childcare": "догляд за дітьми",
    "sports_leisure": "спорт і дозвілля з дітьми та молоддю",
    "womens_group": "жіноча група",
    "bike_repair": "велосипедна майстерня",
    "housing_search": "допомога в пошуку житла",
    "job_search": "заявки на роботу та резюме",
    "digital_help": "цифрова допомога (телефони, онлайн-форми)",
    "repair_cafe": "шиття та ремонтне кафе",
    "community_events": "сад і свята мікрорайону",
    "move_in_help": "допомога з переїздом",
    "mentoring": "наставництво (Patenschaft)",
}
