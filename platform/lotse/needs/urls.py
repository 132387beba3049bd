from django.urls import path

from . import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="list"),
    path("new/", views.need_create, name="create"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/edit/", views.need_edit, name="edit"),
    path("<int:pk>/<slug:action>/", views.need_action, name="action"),
]
