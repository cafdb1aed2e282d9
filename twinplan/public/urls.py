from django.urls import path

from twinplan.public import views
from twinplan.public.feeds import PartnershipProgressFeed
from twinplan.search import views as search_views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("impressum/", views.impressum, name="impressum"),
    path("network/", views.network_dashboard, name="network"),
    path("network/partnerships.csv", views.network_dashboard_csv, name="network_csv"),
    path("library/", search_views.library_page, name="library"),
    path("search/", search_views.search_page, name="search"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("partnerships/", views.partnership_directory, name="partnership_directory"),
    path("partnerships/<slug:slug>/", views.partnership_page, name="partnership"),
    path("partnerships/<slug:slug>/programme/", views.programme_page, name="programme"),
    path(
        "partnerships/<slug:slug>/impact/", views.partnership_impact, name="partnership_impact"
    ),
    path(
        "partnerships/<slug:slug>/measures/<int:pk>/", views.measure_page, name="measure"
    ),
    path("partnerships/<slug:slug>/events/<int:pk>/", views.event_page, name="event"),
    path("partnerships/<slug:slug>/progress.atom", PartnershipProgressFeed(),
         name="progress_feed"),
]
