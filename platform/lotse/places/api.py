from rest_framework import serializers, viewsets

from lotse.accounts.permissions import IsActiveUserWithMFA, IsStaffRole

from .models import Facility, Neighbourhood, Organisation
from .selectors import facilities_visible_to, neighbourhoods_all, organisations_visible_to


class OrganisationOutput(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]
        read_only_fields = fields


class FacilityOutput(serializers.ModelSerializer):
    organisation = OrganisationOutput()
    neighbourhood = serializers.StringRelatedField()
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


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationOutput
    permission_classes = [IsActiveUserWithMFA, IsStaffRole]

    def get_queryset(self):
        return organisations_visible_to(self.request.user)


class FacilityViewSet(viewsets.ReadOnlyModelViewSet):
    """Facilities within the caller's scope; another organisation's facility answers 404."""

    serializer_class = FacilityOutput
    permission_classes = [IsActiveUserWithMFA, IsStaffRole]
    filterset_fields = ["external_id", "organisation"]

    def get_queryset(self):
        return facilities_visible_to(self.request.user).order_by("name")


class NeighbourhoodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NeighbourhoodOutput
    pagination_class = None

    def get_queryset(self):
        return neighbourhoods_all()
