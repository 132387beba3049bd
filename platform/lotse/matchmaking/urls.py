from django.urls import path

from . import views

app_name = "matchmaking"

urlpatterns = [
    path("needs/<int:pk>/candidates/", views.need_candidates, name="need_candidates"),
    path("volunteer/opportunities/", views.my_opportunities, name="opportunities"),
    path("volunteer/opportunities/all/", views.browse, name="browse"),
    path("volunteer/radius/", views.widen_radius, name="widen_radius"),
    path("matching/runs/", views.run_start, name="run_start"),
    path("matching/runs/<int:pk>/", views.run_detail, name="run_detail"),
]
