"""A line chart of a corridor's monthly median total cost, drawn as inline SVG by the template (no JavaScript)."""

from dataclasses import dataclass

from babel.dates import format_date
from babel.numbers import format_decimal

from remittance.method import SDG_TARGET_PERCENT

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # the month and value, for the point's tooltip and the table beside the chart


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: tuple
    polyline: str
    x_labels: tuple  # (x, text)
    y_ticks: tuple  # (y, text)
    target_y: float  # the SDG 10.c 3 % line (the chart is drawn tall enough to show it)


def _scale(value, low, high, start, end):
    return start + (float(value) - low) / ((high - low) or 1) * (end - start)


def cost_chart(series, *, locale):
    """series: [(month date, median total cost %)], oldest first. Returns None with fewer than two months."""
    if len(series) < 2:
        return None
    values = [value for _month, value in series]
    low, high = 0.0, max(float(max(values)), float(SDG_TARGET_PERCENT)) * 1.15
    x_of = lambda index: _scale(index, 0, len(series) - 1, LEFT, WIDTH - RIGHT)  # noqa: E731
    y_of = lambda value: _scale(value, low, high, HEIGHT - BOTTOM, TOP)  # noqa: E731

    def percent(value):
        return format_decimal(value, format="#,##0.0", locale=locale) + " %"

    points = tuple(
        Point(round(x_of(index), 1), round(y_of(value), 1), f"{format_date(month, 'MMM y', locale=locale)}: {percent(value)}")
        for index, (month, value) in enumerate(series)
    )
    step = max(1, len(series) // 6)
    x_labels = tuple(
        (point.x, format_date(month, "MMM yy", locale=locale))
        for index, (point, (month, _value)) in enumerate(zip(points, series, strict=True)) if index % step == 0
    )
    tick = 1 if high <= 6 else 2 if high <= 12 else 5
    y_ticks = tuple((round(y_of(value), 1), percent(value)) for value in range(0, int(high) + 1, tick))
    return Chart(WIDTH, HEIGHT, points, " ".join(f"{point.x},{point.y}" for point in points), x_labels, y_ticks,
                 round(y_of(SDG_TARGET_PERCENT), 1))
