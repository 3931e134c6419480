from django.urls import path

from . import feeds, views

app_name = "groupes_pays"
urlpatterns = [
    path("", views.index, name="index"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/calendrier.ics", views.agenda_ics, name="agenda_ics"),
    path("agenda/<int:pk>-<slug:slug>/", views.meeting, name="meeting"),
    path("agenda/<int:pk>/calendrier.ics", views.meeting_ics, name="meeting_ics"),
    path("agenda/<int:pk>/compte-rendu/", views.meeting_minutes, name="meeting_minutes"),
    path("actualites/", views.news, name="news"),
    path("actualites/rss/", feeds.NewsFeed(), name="news_rss"),
    path("actualites/atom/", feeds.NewsAtomFeed(), name="news_atom"),
    path("actualites/<slug:slug>/", views.news_detail, name="news_detail"),
    path("actualites/<slug:slug>/image/", views.news_image, name="news_image"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("partenaires/", views.partners, name="partners"),
    path("rejoindre/", views.join, name="join"),
    path("<slug:slug>/", views.group, name="group"),
    path("<slug:slug>/carte.geojson", views.group_geojson, name="group_geojson"),
    path("<slug:slug>/calendrier.ics", views.group_ics, name="group_ics"),
]
