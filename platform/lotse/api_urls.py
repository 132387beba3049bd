"""All of /api/v1/: one router, each app registers its viewsets."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from lotse.dashboard.api import DistrictDemandApi
from lotse.matchmaking.api import CandidatesApi, CandidateWhyNotApi, OpportunitiesApi
from lotse.needs.api import NeedViewSet
from lotse.placements.api import PlacementViewSet
from lotse.places.api import FacilityViewSet, NeighbourhoodViewSet, OrganisationViewSet
from lotse.privacy.api import MeWithErasureApi, MyConsentApi, MyDataExportApi
from lotse.safeguarding.api import (
    ConcernActionApi,
    ConcernDetailApi,
    ConcernsApi,
    ConcernStatusApi,
    MyConcernsApi,
)
from lotse.taxonomy.api import LanguageViewSet, SkillViewSet
from lotse.volunteers.api import VolunteerViewSet
from notifications.api import NotificationViewSet, PreferencesApi

router = DefaultRouter()
# No `.json` suffix routes: they are not in the schema, and every custom action answered them
# with a 500 (an unexpected `format` argument). `?format=json` still works.
router.include_format_suffixes = False
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("facilities", FacilityViewSet, basename="facility")
router.register("neighbourhoods", NeighbourhoodViewSet, basename="neighbourhood")
router.register("skills", SkillViewSet, basename="skill")
router.register("languages", LanguageViewSet, basename="language")
router.register("volunteers", VolunteerViewSet, basename="volunteer")
router.register("needs", NeedViewSet, basename="need")
router.register("placements", PlacementViewSet, basename="placement")
router.register("notifications", NotificationViewSet, basename="notification")

# Explicit paths come before the router so they win over its detail routes.
explicit = [
    path("districts/demand/", DistrictDemandApi.as_view(), name="district-demand"),
    path("needs/<int:pk>/candidates/", CandidatesApi.as_view(), name="need-candidates"),
    path(
        "needs/<int:pk>/candidates/<int:volunteer_id>/",
        CandidateWhyNotApi.as_view(),
        name="need-candidate-why-not",
    ),
    path("volunteers/me/opportunities/", OpportunitiesApi.as_view(), name="my-opportunities"),
    path("volunteers/me/export/", MyDataExportApi.as_view(), name="my-data-export"),
    path("volunteers/me/", MeWithErasureApi.as_view(), name="volunteer-me"),
    path("volunteers/me/consents/<slug:kind>/", MyConsentApi.as_view(), name="my-consent"),
    path("notifications/preferences/", PreferencesApi.as_view(), name="notification-preferences"),
    path("concerns/", ConcernsApi.as_view(), name="concerns"),
    path("concerns/mine/", MyConcernsApi.as_view(), name="my-concerns"),
    path("concerns/status/", ConcernStatusApi.as_view(), name="concern-status"),
    path("concerns/<int:pk>/", ConcernDetailApi.as_view(), name="concern-detail"),
    *[
        path(f"concerns/<int:pk>/{v}/", ConcernActionApi.as_view(verb=v), name=f"concern-{v}")
        for v in ("acknowledge", "notes", "resolve", "volunteer")
    ],
]

api_v1 = (explicit + router.urls, "api")
