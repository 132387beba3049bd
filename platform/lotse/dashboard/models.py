"""Summary tables: the dashboard's figures, pre-aggregated by Celery jobs (refresh.py).

At city scale and beyond (a million needs, placements and hours entries), grouping the base
tables for every page view is too slow; these tables hold the same figures per day (flows)
or as of the last refresh (current state), per neighbourhood, once for all needs and once
per organisation, main skill and language, so a request sums a few hundred rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Edges in days of the histogram of "opening to first approved placement" (last is open).
FIRST_PLACEMENT_EDGES = (0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 60)
BUCKETS = tuple(f"first_placed_{i}" for i in range(len(FIRST_PLACEMENT_EDGES)))


class Dimension(models.TextChoices):
    ALL = "all", _("all needs")
    ORGANISATION = "organisation", _("per organisation")
    SKILL = "skill", _("per main skill")
    LANGUAGE = "language", _("per language asked for")
    # Pairs, so that two filters combined are read from the summaries too; the key holds both
    # ids (queries.pair_key).
    ORGANISATION_SKILL = "org_skill", _("per organisation and main skill")
    ORGANISATION_LANGUAGE = "org_lang", _("per organisation and language asked for")
    SKILL_LANGUAGE = "skill_lang", _("per main skill and language asked for")


class _PerNeighbourhood(models.Model):
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    # Copied from the neighbourhood so that district totals need no join.
    district = models.ForeignKey("places.District", on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    # organisation/skill/language id; a pair's two ids (queries.pair_key); 0: all
    key = models.PositiveBigIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.dimension} {self.key} · {self.neighbourhood_id}"


class DailyFigures(_PerNeighbourhood):
    """What happened on one day in one neighbourhood."""

    day = models.DateField()
    needs_opened = models.PositiveIntegerField(default=0)
    slots_opened = models.PositiveIntegerField(default=0)
    placements_made = models.PositiveIntegerField(default=0)
    new_volunteers = models.PositiveIntegerField(default=0)
    hours_logged = models.FloatField(default=0.0)
    # Needs opened that day, by days until their first approved placement (BUCKETS).
    for _name in BUCKETS:
        locals()[_name] = models.PositiveIntegerField(default=0)
    del _name

    class Meta:
        verbose_name = _("daily figures")
        verbose_name_plural = _("daily figures")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "key", "day", "neighbourhood"], name="daily_figures_once"
            )
        ]
        indexes = [models.Index(fields=["dimension", "key", "day"], name="daily_figures_lookup")]


class CurrentFigures(_PerNeighbourhood):
    """The state at the last refresh: open needs, slots, hours asked for, active placements."""

    open_needs = models.PositiveIntegerField(default=0)
    open_slots = models.IntegerField(default=0)
    demand_minutes = models.IntegerField(default=0)
    placements_active = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("current figures")
        verbose_name_plural = _("current figures")
        indexes = [models.Index(fields=["dimension", "key"], name="current_figures_lookup")]


class OpenDemand(models.Model):
    """Open needs and slots per operator, main skill and language (NULL: all), for the unmet
    demand tables."""

    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey("places.District", on_delete=models.CASCADE, related_name="+")
    organisation_id = models.PositiveBigIntegerField()
    skill_id = models.PositiveBigIntegerField()
    language_id = models.PositiveBigIntegerField(null=True)
    needs = models.PositiveIntegerField(default=0)
    slots = models.IntegerField(default=0)
    level = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("open demand")
        verbose_name_plural = _("open demand")

    def __str__(self) -> str:
        return f"{self.skill_id}/{self.language_id} · {self.neighbourhood_id}"


class RefreshState(models.Model):
    """When the summaries were last refreshed (one row)."""

    current_at = models.DateTimeField(null=True)
    daily_at = models.DateTimeField(null=True)
    daily_since = models.DateField(null=True)  # days before this were never summarised
    transparency_at = models.DateTimeField(null=True)
    transparency = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("refresh state")
        verbose_name_plural = _("refresh state")

    def __str__(self) -> str:
        return f"summaries of {self.daily_at or '–'}"
