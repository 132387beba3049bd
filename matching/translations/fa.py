"""Persian texts of the matching engine's reasons and vocabulary.

The originals are in matching/messages.py and matching/codes.py.
"""


def plural(n: int) -> int:
    """Index into the tuples below: 0 for n <= 1, else 1 (as the .po header: plural=(n > 1))."""
    return 0 if n <= 1 else 1


# How a social worker reads the reasons: third person about the volunteer.
MESSAGES: dict[str, str | tuple[str, ...]] = {
    # why a candidate fits (or fits less well)
    "distance": "{km} کیلومتر فاصله",
    "speaks": "{language} صحبت می‌کند ({level})",
    "preferred_language_missing": "{language} صحبت نمی‌کند (مطلوب)",
    "preferred_language_low": "{language} فقط در سطح {spoken} (مطلوب: {level})",
    "offers_skill": "برای {skill} آماده است",
    "lacks_skill": "{skill} را وارد نکرده است",
    "free_at": "{day} {times} آزاد است",
    "partly_free": "{day} فقط {times} آزاد است (درخواستی: {need_times})",
    "certificate_valid": "گواهی عدم سوءپیشینه تا {date} معتبر است",
    "no_placement_yet": "هنوز هیچ همکاری‌ای نداشته است",
    "hours_this_month": "این ماه {hours} ساعت همکاری کرده است",
    "placements_so_far": (
        "تا کنون {count} همکاری",
        "تا کنون {count} همکاری",
    ),
    "continuity": "پیش از این در همین اقامتگاه همکاری خوبی داشته است",
    # why a volunteer is ruled out (hard rules)
    "no_location": "محلی وارد نشده است",
    "too_far": "{km} کیلومتر فاصله، حداکثر {radius_km} کیلومتر رفت‌وآمد می‌کند",
    "outside_need_radius": "{km} کیلومتر فاصله، این نیاز حداکثر {radius_km} کیلومتر می‌خواهد",
    "missing_language": "{language} صحبت نمی‌کند (لازم: {level})",
    "language_too_low": "{language} فقط در سطح {spoken} (لازم: {level})",
    "certificate_missing": "گواهی عدم سوءپیشینه‌ی تکمیلی ارائه نکرده است",
    "certificate_expired": "گواهی عدم سوءپیشینه فقط تا {date} معتبر است",
    "no_time": "{day} {times} آزاد نیست",
    "no_time_on": "در {date} {times} آزاد نیست",
    "paused": "تا {date} در استراحت است",
    "no_longer_available": "فقط تا {date} در دسترس است",
    "hours_exhausted": "ساعت‌های ماهانه تمام شده است ({hours} از {max_hours} ساعت)",
    "already_placed": "از قبل برای این نیاز معرفی شده است",
    "busy": "در همان زمان قرار دیگری دارد",
}

# The volunteer's own view of the reasons, addressed to the volunteer (formal: شما).
MESSAGES_TO_VOLUNTEER: dict[str, str | tuple[str, ...]] = {
    "speaks": "شما {language} صحبت می‌کنید ({level})",
    "preferred_language_missing": "شما {language} صحبت نمی‌کنید (مطلوب)",
    "preferred_language_low": "شما {language} را فقط در سطح {spoken} صحبت می‌کنید (مطلوب: {level})",
    "offers_skill": "شما برای {skill} آماده هستید",
    "lacks_skill": "شما {skill} را وارد نکرده‌اید",
    "free_at": "شما {day} {times} وقت دارید",
    "partly_free": "شما {day} فقط {times} وقت دارید (درخواستی: {need_times})",
    "certificate_valid": "گواهی عدم سوءپیشینه‌ی شما تا {date} معتبر است",
    "no_placement_yet": "شما هنوز هیچ همکاری‌ای نداشته‌اید",
    "hours_this_month": "شما این ماه {hours} ساعت کمک کرده‌اید",
    "placements_so_far": (
        "شما تا کنون {count} همکاری داشته‌اید",
        "شما تا کنون {count} همکاری داشته‌اید",
    ),
    "continuity": "شما پیش از این در همین اقامتگاه کمک کرده‌اید",
    "no_location": "شما محلی وارد نکرده‌اید",
    "too_far": "{km} کیلومتر فاصله، شما حداکثر {radius_km} کیلومتر رفت‌وآمد می‌کنید",
    "outside_need_radius": "{km} کیلومتر فاصله، این نیاز حداکثر {radius_km} کیلومتر می‌خواهد",
    "missing_language": "شما {language} صحبت نمی‌کنید (لازم: {level})",
    "language_too_low": "شما {language} را فقط در سطح {spoken} صحبت می‌کنید (لازم: {level})",
    "certificate_missing": "شما هنوز گواهی عدم سوءپیشینه‌ی تکمیلی ارائه نکرده‌اید",
    "certificate_expired": "گواهی عدم سوءپیشینه‌ی شما فقط تا {date} معتبر است",
    "no_time": "شما {day} {times} وقت ندارید",
    "no_time_on": "شما در {date} {times} وقت ندارید",
    "paused": "شما تا {date} در استراحت هستید",
    "no_longer_available": "شما فقط تا {date} در دسترس هستید",
    "hours_exhausted": "ساعت‌های ماهانه‌ی شما تمام شده است ({hours} از {max_hours} ساعت)",
    "already_placed": "شما از قبل برای این نیاز معرفی شده‌اید",
    "busy": "شما در همان زمان قرار دیگری دارید",
}

DAY_ADVERBS: tuple[str, ...] = (
    "دوشنبه‌ها", "سه‌شنبه‌ها", "چهارشنبه‌ها", "پنجشنبه‌ها", "جمعه‌ها", "شنبه‌ها", "یکشنبه‌ها",
)  # fmt: skip

MONTHS: tuple[str, ...] = (
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
)  # fmt: skip

DATE_PATTERN: str = "{day} {month} {year}"

# With Western digits, Persian writers use the point ("2.1 کیلومتر").
DECIMAL_SEPARATOR: str = "."

LANGUAGE_NAMES: dict[str, str] = {
    "de": "آلمانی",
    "en": "انگلیسی",
    "ar": "عربی",
    "fa": "فارسی",
    "prs": "دری",
    "ps": "پشتو",
    "kmr": "کردی (کرمانجی)",
    "ckb": "کردی (سورانی)",
    "ti": "تیگرینیا",
    "so": "سومالیایی",
    "uk": "اوکراینی",
    "ru": "روسی",
    "tr": "ترکی",
    "fr": "فرانسوی",
    "sq": "آلبانیایی",
    "sr": "صربی",
    "bs": "بوسنیایی",
}

LEVEL_LABELS: dict[int, str] = {
    1: "مقدماتی",
    2: "در حد گفت‌وگو",
    3: "روان",
    4: "زبان مادری",
}

SKILL_LABELS: dict[str, str] = {
    "accompaniment": "همراهی به اداره‌ها و مطب پزشکان",
    "interpreting": "ترجمه‌ی شفاهی",
    "german_practice": "تمرین زبان آلمانی (کافه‌ی زبان)",
    "homework_help": "کمک به تکلیف‌های مدرسه",
    "childcare": "نگهداری از کودکان",
    "sports_leisure": "ورزش و اوقات فراغت با کودکان و نوجوانان",
    "womens_group": "گروه زنان",
    "bike_repair": "کارگاه تعمیر دوچرخه",
    "housing_search": "کمک به پیدا کردن خانه",
    "job_search": "درخواست کار و رزومه",
    "digital_help": "کمک دیجیتال (گوشی موبایل، فرم‌های آنلاین)",
    "repair_cafe": "خیاطی و کافه‌ی تعمیر",
    "community_events": "باغبانی و جشن‌های محله",
    "move_in_help": "کمک به اسباب‌کشی",
    "mentoring": "همراهی و حمایت شخصی (Patenschaft)",
}
