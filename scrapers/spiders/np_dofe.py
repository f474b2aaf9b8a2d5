"""Nepal, Department of Foreign Employment: licensed foreign employment companies.

DoFE publishes the list as a PDF table (S.N., company name, licence number such as 1234/074/75,
address, phone) linked from its website; the table runs over many pages, with or without the
header repeated. The spider follows the PDF links of the list page and reads each with pdfplumber.
"""

from scrapers.spiders.base import PdfTableSpider
from scrapers.tables import Columns


class NpDofeSpider(PdfTableSpider):
    name = "np_dofe"
    country = "NP"
    default_base_url = "https://dofe.gov.np"
    start_path = "/licensed-companies.html"
    pdf_link_words = ("licen", "company", "companies", "agenc", "manpower")
    listed_status = "Licensed"
    columns = Columns(
        name=("Company Name", "Name of Company", "Name of the Company", "Name"),
        licence_number=("Licence No.", "License No.", "Lic. No.", "Licence Number", "License Number"),
        address=("Address", "Office Address"),
        phone=("Phone", "Phone No.", "Contact No.", "Telephone"),
        email=("Email", "E-mail"),
        status_raw=("Status", "Licence Status", "License Status"),  # not published today; read if it appears
        required=("name", "licence_number"),
    )
