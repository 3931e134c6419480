from django.conf import settings
from django.urls import translate_url
from django.utils import translation
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


# Apps whose content staff write only in French: on another language's page, the chrome is
# translated and the content is announced as French and marked lang="fr".
FRENCH_ONLY_NAMESPACES = {"atlas", "groupes_pays", "fonds"}
# The staff pages of the Rencontres (reception desk, attendance, messages) are written in French.
FRENCH_ONLY_VIEWS = {("events", name) for name in ("checkin", "checkin_mark", "checkin_badge", "attendance",
                                                     "session_message")}


def language_versions(request):
    """[(code, name, url)] of the current page in every language of the site."""
    # A path that resolves to nothing (error page) has no translation: offer the home pages.
    path = request.get_full_path() if getattr(request, "resolver_match", None) else "/"
    return [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES]


def _demo_content_of(request):
    """has_demo_content(), asked once per request: the panels render with contexts of their own, and each
    would otherwise read the cache again."""
    if not hasattr(request, "_cuf_demo_content"):
        request._cuf_demo_content = has_demo_content()
    return request._cuf_demo_content


def portal(request):
    """The portal's context, built once per request and language: every panel (cuf_portal.panels) renders
    with a context of its own, and translating the URL into every language costs a resolve each. (A
    template may not change these values: Context copies the dict it is given.)"""
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = (language, getattr(request, "resolver_match", None))
    memo = getattr(request, "_cuf_portal_context", None)
    if memo is not None and memo[0] == key:
        return memo[1]
    context = _portal(request, language)
    request._cuf_portal_context = (key, context)
    return context


def _portal(request, language):
    match = getattr(request, "resolver_match", None)
    return {"SITE_NAME": "Cités Unies France", "SITE_URL": settings.SITE_URL,
            "nav_section": nav_section(match),
            # Evaluated only by pages that show the site-wide notice (templates/includes/demo_notice.html).
            "demo_content": SimpleLazyObject(lambda: _demo_content_of(request)),
            "language_versions": language_versions(request),
            "content_only_in_french": (language != "fr" and match is not None
                                       and (match.namespace in FRENCH_ONLY_NAMESPACES
                                            or (match.namespace, match.url_name) in FRENCH_ONLY_VIEWS))}
