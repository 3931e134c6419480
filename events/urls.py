from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.index, name="index"),
    path("editions/", views.past_editions, name="past"),
    path("intervenants/", views.speakers, name="speakers"),
    # Private link of a registration (token mailed to the participant)
    path("inscription/annulee/<slug:slug>/", views.cancelled, name="cancelled"),
    path("inscription/<str:token>/", views.manage, name="manage"),
    path("inscription/<str:token>/confirmer/", views.confirm, name="confirm"),
    path("inscription/<str:token>/sessions/", views.choose, name="choose"),
    path("inscription/<str:token>/sessions/<int:session_id>/annuler/", views.cancel_session,
         name="cancel_session"),
    path("inscription/<str:token>/agenda.ics", views.agenda, name="agenda"),
    path("inscription/<str:token>/badge/", views.badge, name="badge"),
    path("inscription/<str:token>/annuler/", views.cancel_registration, name="cancel_registration"),
    # Reception desk (staff)
    path("accueil/<str:code>/", views.checkin_badge, name="checkin_badge"),
    # One edition
    path("<slug:slug>/", views.edition_page, name="edition"),
    path("<slug:slug>/programme/", views.programme, name="programme"),
    path("<slug:slug>/programme.ics", views.programme_calendar, name="programme_ics"),
    path("<slug:slug>/intervenants/", views.speakers, name="edition_speakers"),
    path("<slug:slug>/sessions/<int:number>/", views.session_page, name="session"),
    path("<slug:slug>/inscription/", views.register, name="register"),
    path("<slug:slug>/inscription/envoyee/", views.register_sent, name="register_sent"),
    path("<slug:slug>/accueil/", views.checkin, name="checkin"),
    path("<slug:slug>/accueil/<int:pk>/", views.checkin_mark, name="checkin_mark"),
    path("<slug:slug>/sessions/<int:number>/presence/", views.attendance, name="attendance"),
    path("<slug:slug>/sessions/<int:number>/message/", views.session_message, name="session_message"),
]
