"""Log lines for dropped rows name the reason and the row's licence number, never the whole row
(a hostile row can be a megabyte; the rejects file keeps it)."""

import logging

from scrapy.logformatter import LogFormatter


class LanternLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider):
        level = getattr(exception, "log_level", None) or logging.WARNING
        if isinstance(level, str):
            level = getattr(logging, level)
        licence = item.get("licence_number", "") if isinstance(item, dict) else ""
        return {
            "level": level,
            "msg": "Rejected row %(licence)r from %(url)s: %(reason)s",
            "args": {"licence": str(licence)[:80], "url": getattr(response, "url", ""), "reason": exception},
        }
