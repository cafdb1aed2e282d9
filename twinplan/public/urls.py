from django.urls import path

from twinplan.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("impressum/", views.impressum, name="impressum"),
    path("partnerships/", views.partnership_directory, name="partnership_directory"),
    path("partnerships/<slug:slug>/", views.partnership_page, name="partnership"),
    path(
        "partnerships/<slug:slug>/impact/", views.partnership_impact, name="partnership_impact"
    ),
    path(
        "partnerships/<slug:slug>/measures/<int:pk>/", views.measure_page, name="measure"
    ),
]
