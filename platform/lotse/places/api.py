from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from lotse.api.lists import NoExternalIdFilter
from lotse.core.permissions import IsActiveUserWithMFA, IsStaffRole

from .models import Facility, Neighbourhood, Organisation
from .selectors import facilities_visible_to, neighbourhoods_all, organisations_visible_to


class OrganisationOutput(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]
        read_only_fields = fields


class FacilityOutput(serializers.ModelSerializer):
    organisation = OrganisationOutput()
    neighbourhood = serializers.StringRelatedField(allow_null=True)  # null: not mapped yet
    district = serializers.SerializerMethodField()

    class Meta:
        model = Facility
        fields = [
            "id",
            "external_id",
            "name",
            "organisation",
            "street",
            "postcode",
            "lat",
            "lon",
            "neighbourhood",
            "district",
            "capacity",
            "consultation_hours",
            "is_active",
        ]
        read_only_fields = fields

    def get_district(self, facility: Facility) -> str | None:
        return facility.district.name if facility.district else None


class NeighbourhoodOutput(serializers.ModelSerializer):
    district = serializers.StringRelatedField()

    class Meta:
        model = Neighbourhood
        fields = ["id", "name", "district", "lat", "lon"]
        read_only_fields = fields


class OrganisationFilter(filters.FilterSet):
    external_id = NoExternalIdFilter()

    class Meta:
        model = Organisation
        fields = ["kind", "external_id"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationOutput
    permission_classes = [IsActiveUserWithMFA, IsStaffRole]
    filterset_class = OrganisationFilter
    ordering_fields = ["id", "name"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return organisations_visible_to(self.request.user)


class FacilityViewSet(viewsets.ReadOnlyModelViewSet):
    """Facilities within the caller's scope; another organisation's facility answers 404."""

    serializer_class = FacilityOutput
    permission_classes = [IsActiveUserWithMFA, IsStaffRole]
    filterset_fields = ["external_id", "organisation"]
    ordering_fields = ["id", "name"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return facilities_visible_to(self.request.user).order_by("name")


class NeighbourhoodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NeighbourhoodOutput
    pagination_class = None
    ordering_fields = ["id", "name"]
    ordering = ["district__name", "name", "id"]

    def get_queryset(self):
        return neighbourhoods_all()
