from django.urls import path

from twinplan.media import views

urlpatterns = [
    path("files/<str:key>/<str:variant>/", views.media_file, name="media_file"),
]
