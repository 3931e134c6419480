from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def secret_key_from_environment(app_configs, **kwargs):
    """Every host of a production cluster must share one key: it comes from the environment."""
    if not settings.SECRET_KEY_FROM_ENV:
        return [checks.Warning(
            "DJANGO_SECRET_KEY n'est pas défini : la clé locale de var/secret_key est utilisée.",
            hint="Définissez DJANGO_SECRET_KEY en production.",
            id="cuf_portal.W001",
        )]
    return []
