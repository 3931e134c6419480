from django.conf import settings


def portal(request):
    return {"SITE_NAME": "Cités Unies France", "SITE_URL": settings.SITE_URL}
