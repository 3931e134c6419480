import re

from django import template

register = template.Library()


@register.filter
def fill(text, value):
    """Put `value` in the {placeholder} of a translated sentence: {{ t.seats_left|fill:3 }}."""
    return re.sub(r"\{\w+\}", str(value), str(text), count=1)
