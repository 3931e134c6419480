"""Fund names in every language of the site (django-modeltranslation, see events/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Fund


@register(Fund)
class FundTranslation(TranslationOptions):
    fields = ("name",)
