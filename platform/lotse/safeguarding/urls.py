from django.urls import path

from . import views

app_name = "safeguarding"

urlpatterns = [
    path("concerns/new/", views.concern_new, name="new"),
    path("concerns/thanks/", views.concern_thanks, name="thanks"),
    path("concerns/status/", views.concern_status, name="status"),
    path("concerns/mine/", views.my_concerns, name="mine"),
    path("concerns/", views.concern_list, name="list"),
    path("concerns/<int:pk>/", views.concern_detail, name="detail"),
    path(
        "concerns/<int:pk>/<slug:verb>/",
        views.concern_act,
        name="act",
    ),
]
