"""Turkish texts of the matching engine's reasons and vocabulary.

The originals are in matching/messages.py and matching/codes.py.
"""


def plural(n: int) -> int:
    """Index into the tuples below: 0 for n <= 1, else 1 (as the .po header: plural=(n > 1))."""
    return 0 if n <= 1 else 1


# How a social worker reads the reasons: third person about the volunteer.
MESSAGES: dict[str, str | tuple[str, ...]] = {
    # why a candidate fits (or fits less well)
    "distance": "{km} km uzakta",
    "speaks": "{language} konuşuyor ({level})",
    "preferred_language_missing": "{language} konuşmuyor (tercih edilen)",
    "preferred_language_low": "{language}: yalnızca {spoken} (tercih edilen: {level})",
    "offers_skill": "sunduğu görev: {skill}",
    "lacks_skill": "belirtmediği görev: {skill}",
    "free_at": "{day} {times} boş",
    "partly_free": "{day} yalnızca {times} boş (istenen: {need_times})",
    "certificate_valid": "adli sicil belgesi {date} tarihine kadar geçerli",
    "no_placement_yet": "henüz görevlendirmesi yok",
    "hours_this_month": "bu ay {hours} saat görev yaptı",
    "placements_so_far": (
        "şimdiye kadar {count} görevlendirme",
        "şimdiye kadar {count} görevlendirme",
    ),
    "continuity": "bu tesiste daha önce başarıyla görev yaptı",
    # why a volunteer is ruled out (hard rules)
    "no_location": "konum belirtilmemiş",
    "too_far": "{km} km uzakta, en fazla {radius_km} km gidiyor",
    "outside_need_radius": "{km} km uzakta, ihtiyaç en fazla {radius_km} km uzaklık istiyor",
    "missing_language": "{language} konuşmuyor (gerekli: {level})",
    "language_too_low": "{language}: yalnızca {spoken} (gerekli: {level})",
    "certificate_missing": "genişletilmiş adli sicil belgesi (erweitertes Führungszeugnis) yok",
    "certificate_expired": "adli sicil belgesi yalnızca {date} tarihine kadar geçerli",
    "no_time": "{day} {times} boş değil",
    "no_time_on": "{date} tarihinde {times} boş değil",
    "paused": "{date} tarihine kadar ara veriyor",
    "no_longer_available": "yalnızca {date} tarihine kadar uygun",
    "hours_exhausted": "aylık saatleri doldu ({hours} / {max_hours} saat)",
    "already_placed": "bu ihtiyaca zaten görevlendirilmiş",
    "busy": "o saatte zaten bir randevusu var",
}

# The same reasons addressed to the volunteer they are about (formal: siz).
MESSAGES_TO_VOLUNTEER: dict[str, str | tuple[str, ...]] = {
    "speaks": "{language} konuşuyorsunuz ({level})",
    "preferred_language_missing": "{language} konuşmuyorsunuz (tercih edilen)",
    "preferred_language_low": (
        "{language}: yalnızca {spoken} konuşuyorsunuz (tercih edilen: {level})"
    ),
    "offers_skill": "sunduğunuz görev: {skill}",
    "lacks_skill": "belirtmediğiniz görev: {skill}",
    "free_at": "{day} {times} vaktiniz var",
    "partly_free": "{day} yalnızca {times} vaktiniz var (istenen: {need_times})",
    "certificate_valid": "adli sicil belgeniz {date} tarihine kadar geçerli",
    "no_placement_yet": "henüz bir görevlendirmeniz yok",
    "hours_this_month": "bu ay {hours} saat yardım ettiniz",
    "placements_so_far": (
        "şimdiye kadar {count} görevlendirmeniz oldu",
        "şimdiye kadar {count} görevlendirmeniz oldu",
    ),
    "continuity": "bu tesiste daha önce yardım ettiniz",
    "no_location": "bir konum belirtmediniz",
    "too_far": "{km} km uzakta, siz en fazla {radius_km} km gidiyorsunuz",
    "outside_need_radius": "{km} km uzakta, ihtiyaç en fazla {radius_km} km uzaklık istiyor",
    "missing_language": "{language} konuşmuyorsunuz (gerekli: {level})",
    "language_too_low": "{language}: yalnızca {spoken} konuşuyorsunuz (gerekli: {level})",
    "certificate_missing": (
        "henüz genişletilmiş adli sicil belgesi (erweitertes Führungszeugnis) göstermediniz"
    ),
    "certificate_expired": "adli sicil belgeniz yalnızca {date} tarihine kadar geçerli",
    "no_time": "{day} {times} vaktiniz yok",
    "no_time_on": "{date} tarihinde {times} vaktiniz yok",
    "paused": "{date} tarihine kadar ara verdiniz",
    "no_longer_available": "yalnızca {date} tarihine kadar uygunsunuz",
    "hours_exhausted": "aylık saatleriniz doldu ({hours} / {max_hours} saat)",
    "already_placed": "bu ihtiyaca zaten görevlendirildiniz",
    "busy": "o saatte zaten bir randevunuz var",
}

DAY_ADVERBS: tuple[str, ...] = (
    "Pazartesileri", "Salıları", "Çarşambaları", "Perşembeleri", "Cumaları", "Cumartesileri",
    "Pazarları",
)  # fmt: skip

MONTHS: tuple[str, ...] = (
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran",
    "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık",
)  # fmt: skip

DATE_PATTERN: str = "{day} {month} {year}"

DECIMAL_SEPARATOR: str = ","

LANGUAGE_NAMES: dict[str, str] = {
    "de": "Almanca",
    "en": "İngilizce",
    "ar": "Arapça",
    "fa": "Farsça",
    "prs": "Darice",
    "ps": "Peştuca",
    "kmr": "Kürtçe (Kurmanci)",
    "ckb": "Kürtçe (Sorani)",
    "ti": "Tigrinya dili",
    "so": "Somalice",
    "uk": "Ukraynaca",
    "ru": "Rusça",
    "tr": "Türkçe",
    "fr": "Fransızca",
    "sq": "Arnavutça",
    "sr": "Sırpça",
    "bs": "Boşnakça",
}

LEVEL_LABELS: dict[int, str] = {
    1: "temel düzeyde",
    2: "konuşma düzeyinde",
    3: "akıcı",
    4: "ana dil",
}

SKILL_LABELS: dict[str, str] = {
    "accompaniment": "resmî dairelere ve doktora refakat",
    "interpreting": "sözlü tercümanlık",
    "german_practice": "Almanca pratiği (dil kafesi)",
    "homework_help": "ödev yardımı",
    "childcare": "çocuk bakımı",
    "sports_leisure": "çocuklar ve gençlerle spor ve boş zaman etkinlikleri",
    "womens_group": "kadın grubu",
    "bike_repair": "bisiklet tamir atölyesi",
    "housing_search": "ev arama konusunda yardım",
    "job_search": "iş başvuruları ve özgeçmiş",
    "digital_help": "dijital yardım (telefon, çevrimiçi formlar)",
    "repair_cafe": "dikiş ve tamir kafesi",
    "community_events": "bahçe ve mahalle şenlikleri",
    "move_in_help": "taşınma yardımı",
    "mentoring": "rehberlik (Patenschaft)",
}
