from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    path("placements/", views.placement_list, name="list"),
    path("placements/queue/", views.queue, name="queue"),
    path("placements/queue/bulk/", views.bulk, name="bulk"),
    path("placements/propose/", views.propose, name="propose"),
    path("placements/offer/<int:need_pk>/", views.offer, name="offer"),
    path("placements/certificate/", views.certificate, name="certificate"),
    path("placements/events.csv", views.events_csv, name="events_csv"),
    path("placements/<int:pk>/", views.detail, name="detail"),
    path("placements/<int:pk>/hours/", views.log_hours, name="log_hours"),
    path(
        "placements/<int:pk>/hours/<int:entry_pk>/confirm/",
        views.confirm_hours,
        name="confirm_hours",
    ),
    path("placements/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("placements/<int:pk>/<str:verb>/", views.transition, name="transition"),
]
