from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.data_home, name="home"),
    path("import/", views.upload, name="upload"),
    path("export/<slug:kind>.<slug:fmt>", views.export, name="export"),
]
