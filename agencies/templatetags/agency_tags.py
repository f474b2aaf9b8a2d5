from django import template

from agencies.selectors import agency_effective_status

register = template.Library()


@register.filter
def effective_status(agency):
    return agency_effective_status(agency)
