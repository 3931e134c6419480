"""What staff write about the Rencontres, in every language of the site (django-modeltranslation).

Each field listed gets a column per language (title_fr, title_en…) edited side by side in the
admin; `edition.title` reads the active language's text and falls back to French when staff wrote
no translation (templates mark that French text with lang="fr", see {% content_lang %}).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Edition, Partner, Person, Session, SessionRole


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("title", "theme", "introduction", "practical_info")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("function",)


@register(SessionRole)
class SessionRoleTranslation(TranslationOptions):
    fields = ("function",)


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("text",)
