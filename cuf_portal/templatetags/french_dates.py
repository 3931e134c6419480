"""« 1er mars » : the first day of the month is written as an ordinal in French.

Loaded as a template builtin (settings.TEMPLATES "builtins"), this `date` filter replaces Django's
own in every template of the portal, pages and e-mails alike: it formats as Django does, and on the
first day of a month, when the active language is French, it writes the day « 1er ». Other days and
other languages are untouched (« 2 mars », « 1 March »).
"""

import re

from django import template
from django.template.defaultfilters import date as django_date
from django.utils.formats import get_format
from django.utils.translation import get_language

register = template.Library()

_DAY = re.compile(r"(?<!\\)j")  # the day-of-month format character, unless escaped


def first_of_month_format(format_string):
    """The same date format with « 1er » for the day (escaped characters kept as they are)."""
    return _DAY.sub(r"j\\e\\r", format_string)


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if getattr(value, "day", None) != 1 or not (get_language() or "fr").startswith("fr"):
        return django_date(value, arg)
    return django_date(value, first_of_month_format(get_format(arg or "DATE_FORMAT")))
