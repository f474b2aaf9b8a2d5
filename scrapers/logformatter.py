"""Log lines for dropped rows name the reason and a short label of the row (its licence number, its
currency pair or its provider), never the whole row (a hostile row can be a megabyte; the rejects
file keeps it)."""

import logging

from scrapy.logformatter import LogFormatter


class LanternLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider):
        level = getattr(exception, "log_level", None) or logging.WARNING
        if isinstance(level, str):
            level = getattr(logging, level)
        return {
            "level": level,
            "msg": "Rejected row %(licence)r from %(url)s: %(reason)s",
            "args": {"licence": row_label(item), "url": getattr(response, "url", ""), "reason": exception},
        }


def row_label(item):
    """The licence number of a licence row; "USD/NPR 2025-06-12" of a rate; "Provider 260 SGD" of a price."""
    if not isinstance(item, dict):
        return ""
    if "licence_number" in item:
        label = str(item["licence_number"])
    elif "base" in item:
        label = f"{item.get('base')}/{item.get('quote')} {item.get('date')}"
    else:
        label = f"{item.get('provider')} {item.get('amount_sent')} {item.get('sending_currency')}"
    return label[:80]
