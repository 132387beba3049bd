"""All of /api/v1/: one router, each app registers its viewsets."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from lotse.matchmaking.api import CandidatesApi, OpportunitiesApi
from lotse.places.api import FacilityViewSet, NeighbourhoodViewSet, OrganisationViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("facilities", FacilityViewSet, basename="facility")
router.register("neighbourhoods", NeighbourhoodViewSet, basename="neighbourhood")

# Explicit paths come before the router so they win over its detail routes.
explicit = [
    path("needs/<int:pk>/candidates/", CandidatesApi.as_view(), name="need-candidates"),
    path("volunteers/me/opportunities/", OpportunitiesApi.as_view(), name="my-opportunities"),
]

api_v1 = (explicit + router.urls, "api")
