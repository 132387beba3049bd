"""The codes clients need: skills and languages (public reference data, read-only)."""

from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from matching.codes import LEVEL_NAMES, LEVELS

from .models import Language, Skill


class SkillOutput(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = [
            "slug",
            "label_de",
            "label_en",
            "description_de",
            "description_en",
            "certificate_by_default",
        ]
        read_only_fields = fields


class LanguageOutput(serializers.ModelSerializer):
    class Meta:
        model = Language
        fields = ["code", "label_de", "label_en"]
        read_only_fields = fields


class SkillViewSet(viewsets.ReadOnlyModelViewSet):
    """The skills taxonomy; `certificate_by_default` is the eFZ default of a need's main skill."""

    queryset = Skill.objects.all()
    serializer_class = SkillOutput
    permission_classes = [AllowAny]
    pagination_class = None
    lookup_field = "slug"
    filterset_fields = ["slug", "certificate_by_default"]
    ordering_fields = ["slug"]
    ordering = ["sort_order", "slug"]


class LanguageViewSet(viewsets.ReadOnlyModelViewSet):
    """Languages by ISO 639 code; levels are basic < conversational < fluent < native."""

    queryset = Language.objects.all()
    serializer_class = LanguageOutput
    permission_classes = [AllowAny]
    pagination_class = None
    lookup_field = "code"
    filterset_fields = ["code"]
    ordering_fields = ["code"]
    ordering = ["sort_order", "code"]


class LanguageLevelsField(serializers.DictField):
    """{"ar": "native", "de": "fluent"} on the wire, {"ar": 4, "de": 3} inside."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.ChoiceField(choices=list(LEVELS)), **kwargs)

    def to_internal_value(self, data):
        return {
            code.strip().lower(): LEVELS[name]
            for code, name in super().to_internal_value(data).items()
        }

    def to_representation(self, value):
        return {code: LEVEL_NAMES[level] for code, level in value.items()}
