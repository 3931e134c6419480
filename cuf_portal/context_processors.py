from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .demo_content import has_demo_content

# Views of groupes_pays that belong to the "Actualités et agenda" entry of the navigation.
AGENDA_VIEWS = {"agenda", "agenda_ics", "meeting", "meeting_ics", "meeting_minutes", "news", "news_rss",
                "news_atom", "news_detail", "news_image"}
# Views of fonds that belong to the "e-APD" entry.
EAPD_VIEWS = {"eapd", "declaration_start", "my_declarations", "declaration", "line_add", "line_edit",
              "line_delete", "declaration_submit", "statistics", "statistics_csv", "country", "export_lines"}


def nav_section(match):
    """The entry of the main navigation the current page belongs to."""
    if match is None:
        return ""
    if match.namespace == "groupes_pays":
        return "agenda" if match.url_name in AGENDA_VIEWS else "groupes"
    if match.namespace == "fonds":
        return "eapd" if match.url_name in EAPD_VIEWS else "fonds"
    return match.namespace


def portal(request):
    return {"SITE_NAME": "Cités Unies France", "SITE_URL": settings.SITE_URL,
            "nav_section": nav_section(getattr(request, "resolver_match", None)),
            # Evaluated only by pages that show the site-wide notice (templates/includes/demo_notice.html).
            "demo_content": SimpleLazyObject(has_demo_content)}
