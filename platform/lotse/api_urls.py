"""All of /api/v1/: one router, each app registers its viewsets."""

from rest_framework.routers import DefaultRouter

from lotse.places.api import FacilityViewSet, NeighbourhoodViewSet, OrganisationViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("facilities", FacilityViewSet, basename="facility")
router.register("neighbourhoods", NeighbourhoodViewSet, basename="neighbourhood")

api_v1 = (router.urls, "api")
