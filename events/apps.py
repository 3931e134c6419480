from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Rencontres de l'action internationale des collectivités"
