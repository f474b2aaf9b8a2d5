"""Writing RPW workbooks for tests, in the published format: sheet "Dataset (from Q2 2016)", 42 named columns.

Rows are dicts keyed by the published column names (remittance.rpw.COLUMNS); a column a row leaves out is
written empty. The firms below are invented; their figures are in the range of Singapore -> Philippines in
Q3 2025 (SGD 260 and 650 for USD 200 and 500; inter-bank 44.30 PHP per SGD), and their published margins and
totals are typed as RPW publishes them (2 decimals), not worked out here.
"""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook

from remittance.rpw import COLUMNS, SHEET

SINGAPORE_PHILIPPINES = {
    "period": "2025_3Q", "source_code": "SGP", "source_name": "Singapore", "source_region": "East Asia & Pacific",
    "source_income": "High income", "source_lending": "..", "source_G8G20": "no",
    "destination_code": "PHL", "destination_name": "Philippines", "destination_region": "East Asia & Pacific",
    "destination_income": "Lower middle income", "destination_lending": "IBRD", "destination_G8G20": "no",
    "cc1 lcu amount": 260, "cc1 denomination amount": 200, "cc1 lcu code": "SGD",
    "cc2 lcu amount": 650, "cc2 denomination amount": 500, "cc2 lcu code": "SGD",
    "inter lcu bank fx": 44.3, "Standard Note": "", "note2": "", "receiving network coverage": "Nationwide",
    "pickup location": "Manila", "date": datetime(2025, 8, 12), "corridor": "Singapore_Philippines",
}


def _sg_ph(number, firm, firm_type, pay_in, pay_out, speed, transparent, cc1, cc2):
    """cc1, cc2: (fee, offered rate, published FX margin, published total cost %)."""
    row = {**SINGAPORE_PHILIPPINES, "id": number, "firm": firm, "firm_type": firm_type, "payment instrument": pay_in,
           "access point": "Branch", "pickup method": pay_out, "speed actual": speed, "transparent": transparent}
    for point, (fee, rate, margin, total) in (("cc1", cc1), ("cc2", cc2)):
        row.update({f"{point} lcu fee": fee, f"{point} lcu fx rate": rate, f"{point} fx margin": margin,
                    f"{point} total cost %": total})
    return row


# Average cc1 total cost of the transparent rows 3.16 %, the cheapest 0.76 % (RPW's figures for the corridor).
SINGAPORE_PHILIPPINES_Q3_2025 = [
    _sg_ph(70101, "Merlion Remit Pte Ltd", "Money Transfer Operator", "Bank account", "Bank account", "Same day",
           "yes", (1.5, 44.22, 0.18, 0.76), (1.5, 44.22, 0.18, 0.41)),
    _sg_ph(70102, "Lion City Bank", "Bank", "Bank account", "Bank account", "2 days",
           "yes", (3, 43.73, 1.29, 2.44), (3, 43.8, 1.13, 1.59)),
    _sg_ph(70103, "Orchard Express Remittance", "Money Transfer Operator", "Cash", "Cash", "Less than one hour",
           "yes", (5, 43.6, 1.58, 3.5), (6, 43.65, 1.47, 2.39)),
    _sg_ph(70104, "Island Post", "Post office", "Cash", "Home delivery", "3-5 days",
           "yes", (6, 43.4, 2.03, 4.34), (8, 43.45, 1.92, 3.15)),
    _sg_ph(70105, "Strait Mobile Money", "Mobile operator", "Mobile wallet", "Mobile wallet", "Next day",
           "yes", (3, 42.7, 3.61, 4.77), (4, 42.85, 3.27, 3.89)),
    # Not transparent: RPW records a margin of 0, and a total that is the fee alone.
    _sg_ph(70106, "Kampong Transfer", "Money Transfer Operator", "Cash", "Cash", "Same day",
           "no", (6, "", 0, 2.31), (9, "", 0, 1.38)),
]


def _percent(value):
    return float(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def rpw_row(number, *, fee1="4", rate1="43.9", fee2="6", rate2="44.0", **fields):
    """A valid Singapore -> Philippines row for a firm of its own (`number`), its published figures worked out
    and rounded as RPW rounds them; `fields` (column name: value) replace any cell, published ones too."""
    reference = Decimal("44.3")
    row = {**SINGAPORE_PHILIPPINES, "id": number, "firm": f"Remit Firm {number}", "firm_type": "Money Transfer Operator",
           "payment instrument": "Cash", "access point": "Agent", "pickup method": "Cash",
           "speed actual": "Less than one hour", "transparent": "yes"}
    for point, amount, fee, rate in (("cc1", 260, fee1, rate1), ("cc2", 650, fee2, rate2)):
        margin = (1 - Decimal(rate) / reference) * 100
        row.update({
            f"{point} lcu fee": float(fee), f"{point} lcu fx rate": float(rate), f"{point} fx margin": _percent(margin),
            f"{point} total cost %": _percent(Decimal(fee) / amount * 100 + margin),
        })
    row.update(fields)
    return row


def write_workbook(path, rows, *, columns=COLUMNS, header=None, sheet=SHEET):
    """Writes `rows` under `columns` (in that order), the header spelled as `header` when given; returns the path."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(header or columns))
    for row in rows:
        worksheet.append([row.get(column) for column in columns] if isinstance(row, dict) else list(row))
    workbook.save(path)
    return path
