from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("dashboard/", views.overview, name="overview"),
    path("dashboard/trends/", views.trends_page, name="trends"),
    path("dashboard/stale/", views.stale_page, name="stale"),
    path("dashboard/export/<slug:table>.<str:fmt>", views.export, name="export"),
    path("transparency/", views.transparency, name="transparency"),
    path("transparency.csv", views.transparency_csv, name="transparency_csv"),
]
