from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Rencontres de l'action internationale des collectivités"

    def ready(self):
        from atlas.figures import EVENTS
        from cuf_portal import panels

        from .panels import account_panel, agenda_panel, home_panel

        panels.register("home", "events/panels/home.html", home_panel, order=40, translated=True,
                        scopes=(EVENTS,))
        panels.register("account", "events/panels/account.html", account_panel, order=40, translated=True)
        panels.register("agenda", "events/panels/home.html", agenda_panel, order=40, translated=True)

        from cuf_portal import agenda

        from .agenda import agenda_source

        agenda.register(agenda_source, scopes=(EVENTS,))
