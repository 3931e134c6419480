from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import EmailAuthenticationForm, QueuedPasswordResetForm
from .uploads import serve_public_media

admin.site.site_header = "Cités Unies France — administration du portail"
admin.site.site_title = "Administration CUF"
admin.site.index_title = "Gestion du portail de la coopération décentralisée"

account_patterns = [
    path("", views.account, name="account"),
    path("connexion/", auth_views.LoginView.as_view(redirect_authenticated_user=True,
                                                    authentication_form=EmailAuthenticationForm), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("mot-de-passe/modifie/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("mot-de-passe/oubli/", auth_views.PasswordResetView.as_view(
        form_class=QueuedPasswordResetForm,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
    ), name="password_reset"),
    path("mot-de-passe/oubli/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("mot-de-passe/nouveau/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("mot-de-passe/nouveau/fait/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]

# Public pages in every language: French at the root (the URLs of always), the others under
# /<code>/ (/en/rencontres/…). The admin stays French and unprefixed.
urlpatterns = i18n_patterns(
    path("", views.home, name="home"),
    path("compte/", include(account_patterns)),
    path("mentions-legales/", views.legal, {"page": "mentions"}, name="legal"),
    path("accessibilite/", views.legal, {"page": "accessibilite"}, name="accessibility"),
    path("donnees-personnelles/", views.legal, {"page": "donnees"}, name="privacy"),
    path("donnees-de-demonstration/", views.demo_content, name="demo_content"),
    path("styleguide/", views.styleguide, name="styleguide"),
    path("atlas/", include("atlas.urls")),
    path("rencontres/", include("events.urls")),
    path("groupes/", include("groupes_pays.urls")),
    path("fonds/", include("fonds.urls")),
    prefix_default_language=False,
) + [
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Public uploads only (partners' logos…); private files live outside MEDIA_ROOT (cuf_portal.uploads).
    urlpatterns.append(path("media/<path:path>", serve_public_media))
