"""``{% filter full_width_spacing %}…{% endfilter %}``: no space after a full-width 。！？：、 (a line break
between two translated sentences, or after a "Topics:" label); see ``studynotes.punctuation``."""

from django import template

from studynotes.punctuation import full_width_spacing

register = template.Library()
register.filter("full_width_spacing", full_width_spacing, is_safe=True)
