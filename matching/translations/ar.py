"""Arabic texts of the matching engine's reasons and vocabulary.

The originals are in matching/messages.py and matching/codes.py.
"""


def plural(n: int) -> int:
    """Index into the tuples below, as the .po header: 6 forms (0, 1, 2, 3–10, 11–99, other)."""
    if n == 0:
        return 0
    if n == 1:
        return 1
    if n == 2:
        return 2
    if 3 <= n % 100 <= 10:
        return 3
    if n % 100 >= 11:
        return 4
    return 5


# How a social worker reads the reasons: third person about the volunteer.
MESSAGES: dict[str, str | tuple[str, ...]] = {
    # why a candidate fits (or fits less well)
    "distance": "على بعد {km} كم",
    "speaks": "يتحدث {language} ({level})",
    "preferred_language_missing": "لا يتحدث {language} (مرغوب فيها)",
    "preferred_language_low": "{language}: {spoken} فقط (المرغوب: {level})",
    "offers_skill": "يقدّم: {skill}",
    "lacks_skill": "لم يذكر: {skill}",
    "free_at": "متفرغ {day} {times}",
    "partly_free": "متفرغ {day} {times} فقط (المطلوب: {need_times})",
    "certificate_valid": "شهادة حسن السيرة والسلوك سارية حتى {date}",
    "no_placement_yet": "لا توجد مهمة تطوعية بعد",
    "hours_this_month": "{hours} ساعة هذا الشهر",
    "placements_so_far": (
        "{count} مهام تطوعية حتى الآن",
        "{count} مهمة تطوعية حتى الآن",
        "{count} من المهام التطوعية حتى الآن",
        "{count} مهام تطوعية حتى الآن",
        "{count} مهمة تطوعية حتى الآن",
        "{count} مهمة تطوعية حتى الآن",
    ),
    "continuity": "سبق أن عمل بنجاح في هذا المرفق",
    # why a volunteer is ruled out (hard rules)
    "no_location": "لم يُذكر موقع",
    "too_far": "على بعد {km} كم، ويتنقل {radius_km} كم كحد أقصى",
    "outside_need_radius": "على بعد {km} كم، والاحتياج يطلب {radius_km} كم كحد أقصى",
    "missing_language": "لا يتحدث {language} (المطلوب: {level})",
    "language_too_low": "{language}: {spoken} فقط (المطلوب: {level})",
    "certificate_missing": (
        "لم يقدّم شهادة حسن السيرة والسلوك الموسّعة (erweitertes Führungszeugnis)"
    ),
    "certificate_expired": "شهادة حسن السيرة والسلوك سارية حتى {date} فقط",
    "no_time": "غير متفرغ {day} {times}",
    "no_time_on": "غير متفرغ في {date} {times}",
    "paused": "في استراحة حتى {date}",
    "no_longer_available": "متاح حتى {date} فقط",
    "hours_exhausted": "استنفد ساعاته الشهرية ({hours} من {max_hours} ساعة)",
    "already_placed": "مكلَّف بهذا الاحتياج بالفعل",
    "busy": "لديه موعد آخر في الوقت نفسه",
}

# The same reasons addressed to the volunteer they are about (respectful plural: أنتم).
MESSAGES_TO_VOLUNTEER: dict[str, str | tuple[str, ...]] = {
    "speaks": "تتحدثون {language} ({level})",
    "preferred_language_missing": "لا تتحدثون {language} (مرغوب فيها)",
    "preferred_language_low": "تتحدثون {language}: {spoken} فقط (المرغوب: {level})",
    "offers_skill": "تقدّمون: {skill}",
    "lacks_skill": "لم تذكروا: {skill}",
    "free_at": "أنتم متفرغون {day} {times}",
    "partly_free": "أنتم متفرغون {day} {times} فقط (المطلوب: {need_times})",
    "certificate_valid": "شهادة حسن السيرة والسلوك الخاصة بكم سارية حتى {date}",
    "no_placement_yet": "ليست لديكم مهمة تطوعية بعد",
    "hours_this_month": "ساعدتم {hours} ساعة هذا الشهر",
    "placements_so_far": (
        "كانت لديكم حتى الآن {count} مهام تطوعية",
        "كانت لديكم حتى الآن {count} مهمة تطوعية",
        "كانت لديكم حتى الآن {count} من المهام التطوعية",
        "كانت لديكم حتى الآن {count} مهام تطوعية",
        "كانت لديكم حتى الآن {count} مهمة تطوعية",
        "كانت لديكم حتى الآن {count} مهمة تطوعية",
    ),
    "continuity": "سبق أن ساعدتم في هذا المرفق",
    "no_location": "لم تذكروا موقعًا",
    "too_far": "على بعد {km} كم، وأنتم تتنقلون {radius_km} كم كحد أقصى",
    "outside_need_radius": "على بعد {km} كم، والاحتياج يطلب {radius_km} كم كحد أقصى",
    "missing_language": "لا تتحدثون {language} (المطلوب: {level})",
    "language_too_low": "تتحدثون {language}: {spoken} فقط (المطلوب: {level})",
    "certificate_missing": (
        "لم تقدّموا بعد شهادة حسن السيرة والسلوك الموسّعة (erweitertes Führungszeugnis)"
    ),
    "certificate_expired": "شهادة حسن السيرة والسلوك الخاصة بكم سارية حتى {date} فقط",
    "no_time": "لستم متفرغين {day} {times}",
    "no_time_on": "لستم متفرغين في {date} {times}",
    "paused": "أنتم في استراحة حتى {date}",
    "no_longer_available": "أنتم متاحون حتى {date} فقط",
    "hours_exhausted": "استنفدتم ساعاتكم الشهرية ({hours} من {max_hours} ساعة)",
    "already_placed": "أنتم مكلَّفون بهذا الاحتياج بالفعل",
    "busy": "لديكم موعد آخر في الوقت نفسه",
}

DAY_ADVERBS: tuple[str, ...] = (
    "أيام الإثنين", "أيام الثلاثاء", "أيام الأربعاء", "أيام الخميس", "أيام الجمعة",
    "أيام السبت", "أيام الأحد",
)  # fmt: skip

MONTHS: tuple[str, ...] = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip

DATE_PATTERN: str = "{day} {month} {year}"

# With Western digits, Arabic texts write the decimal point (2.1 كم).
DECIMAL_SEPARATOR: str = "."

LANGUAGE_NAMES: dict[str, str] = {
    "de": "الألمانية",
    "en": "الإنجليزية",
    "ar": "العربية",
    "fa": "الفارسية",
    "prs": "الدارية",
    "ps": "البشتوية",
    "kmr": "الكردية (الكرمانجية)",
    "ckb": "الكردية (السورانية)",
    "ti": "التغرينية",
    "so": "الصومالية",
    "uk": "الأوكرانية",
    "ru": "الروسية",
    "tr": "التركية",
    "fr": "الفرنسية",
    "sq": "الألبانية",
    "sr": "الصربية",
    "bs": "البوسنية",
}

LEVEL_LABELS: dict[int, str] = {
    1: "أساسي",
    2: "جيد للمحادثة",
    3: "بطلاقة",
    4: "لغة أم",
}

SKILL_LABELS: dict[str, str] = {
    "accompaniment": "مرافقة إلى الدوائر الحكومية والأطباء",
    "interpreting": "الترجمة الشفهية",
    "german_practice": "التدرب على اللغة الألمانية (مقهى اللغة)",
    "homework_help": "المساعدة في الواجبات المدرسية",
    "childcare": "رعاية الأطفال",
    "sports_leisure": "الرياضة والترفيه مع الأطفال واليافعين",
    "womens_group": "مجموعة نسائية",
    "bike_repair": "ورشة إصلاح الدراجات",
    "housing_search": "المساعدة في البحث عن سكن",
    "job_search": "طلبات العمل والسيرة الذاتية",
    "digital_help": "المساعدة الرقمية (الهواتف، النماذج الإلكترونية)",
    "repair_cafe": "الخياطة ومقهى الإصلاح",
    "community_events": "الحدائق واحتفالات الأحياء",
    "move_in_help": "المساعدة في الانتقال إلى سكن جديد",
    "mentoring": "الرعاية الشخصية (Patenschaft)",
}
