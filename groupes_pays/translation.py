"""Group names in every language of the site (django-modeltranslation, see events/translation.py):
the Rencontres' programme names a session's group in English when staff gave it an English name."""

from modeltranslation.translator import TranslationOptions, register

from .models import Group


@register(Group)
class GroupTranslation(TranslationOptions):
    fields = ("name",)
