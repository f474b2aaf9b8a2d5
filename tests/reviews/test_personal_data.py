"""find_personal_data: what could tell who someone is, in the scripts of the site's languages; and what it leaves alone."""

import pytest

from moderation.personal_data import EMAIL, ID_NUMBER, NAME, PHONE, find_personal_data


def found(text):
    return [(finding.kind, finding.excerpt) for finding in find_personal_data(text)]


@pytest.mark.parametrize(("text", "excerpt"), [
    ("Call the boss on +63 917 123 4567 anytime", "+63 917 123 4567"),
    ("txt mo ako 0917-123-4567", "0917-123-4567"),
    ("WA saya 0812-3456-7890 ya", "0812-3456-7890"),
    ("her number in Hong Kong is 9123 4567", "9123 4567"),
    ("+852 9123 4567", "+852 9123 4567"),
    ("Singapore hp 8123 4567", "8123 4567"),
    ("फोन ९८४१२३४५६७ मा गर्नुहोस्", "९८४१२३४५६७"),  # Nepali, Devanagari digits
    ("โทร ๐๘๑๒๓๔๕๖๗๘ ได้เลย", "๐๘๑๒๓๔๕๖๗๘"),  # Thai digits
    ("ဖုန်း ၀၉၇၈၁၂၃၄၅၆၇", "၀၉၇၈၁၂၃၄၅၆၇"),  # Burmese digits
    ("លេខ ០១២ ៣៤៥ ៦៧៨", "០១២ ៣៤៥ ៦៧៨"),  # Khmer digits
    ("số điện thoại 0912 345 678", "0912 345 678"),  # Vietnamese
    ("ＴＥＬ ０９１７１２３４５６７", "０９１７１２３４５６７"),  # full-width
])
def test_phone_numbers_are_found_in_any_script(text, excerpt):
    assert (PHONE, excerpt) in found(text)


@pytest.mark.parametrize(("text", "excerpt"), [
    ("write to maria.santos@gmail.com please", "maria.santos@gmail.com"),
    ("อีเมล somchai_j@hotmail.co.th ครับ", "somchai_j@hotmail.co.th"),
    ("ติดต่อxyz@gmail.comครับ", "xyz@gmail.com"),  # Thai runs words together
    ("juan (at) yahoo (dot) com", "juan (at) yahoo (dot) com"),
    ("ईमेल ram＠example.com", "ram＠example.com"),
])
def test_e_mail_addresses_are_found(text, excerpt):
    assert found(text) == [(EMAIL, excerpt)]


@pytest.mark.parametrize(("text", "excerpt"), [
    ("They kept my passport P1234567A for two years", "P1234567A"),
    ("paspor saya A1234567 ditahan", "A1234567"),
    ("หนังสือเดินทาง AA1234567 ถูกยึด", "AA1234567"),
    ("pasipot MA123456", "MA123456"),
    ("NIK 3171234567890001 dipakai", "3171234567890001"),
    ("राहदानी नं. १२३४५६७८९", "१२३४५६७८९"),  # Nepali, Devanagari digits
])
def test_passport_and_id_numbers_are_found(text, excerpt):
    assert (ID_NUMBER, excerpt) in found(text)


@pytest.mark.parametrize(("text", "excerpt"), [
    ("Mr. Santos took my passport", "Mr. Santos"),
    ("Ma'am Lorna shouted at us", "Ma'am Lorna"),
    ("Boss Tony Lim was kind", "Boss Tony Lim"),
    ("my boss John never paid", "boss John"),
    ("Sinabi ni Ate Joy na bayad muna", "Ate Joy"),
    ("Kuya Jun ang nag-process", "Kuya Jun"),
    ("Pak Budi Santoso minta uang", "Pak Budi Santoso"),
    ("kata Bu Siti di kantor", "Bu Siti"),
    ("Didi Sita ले भनिन्", "Didi Sita"),
    ("Khun Somchai collected the fee", "Khun Somchai"),
    ("anh Tuấn ở công ty thu tiền", "anh Tuấn"),
    ("chị Lan giữ hộ chiếu", "chị Lan"),
    ("a recruiter named Marites", "named Marites"),
    ("her name is Joy", "name is Joy"),
    ("seorang calo bernama Agus", "bernama Agus"),
    ("श्रीमती सीता ले पैसा लिइन्", "श्रीमती सीता"),  # Nepali: Mrs
    ("นางสาวสมศรี เก็บเงิน", "นางสาวสมศรี"),  # Thai: Miss
    ("ဒေါ်အေးအေး က", "ဒေါ်အေးအေး"),  # Burmese: Daw (Mrs)
    ("លោកស្រី សុខា យកលុយ", "លោកស្រី សុខា"),  # Khmer: Mrs
])
def test_peoples_names_are_found(text, excerpt):
    assert (NAME, excerpt) in found(text)


@pytest.mark.parametrize("text", [
    "I paid PHP 45,000 for training and medical",
    "They charged me 45,000 pesos",
    "Rp 15.000.000 untuk biaya penempatan",
    "Rp15000000 dipotong gaji",
    "RM1234567",
    "NPR 150,000 for visa and ticket, in 2023",
    "₱80000 placement fee",
    "AED 80000",
    "I paid 12000000 dong",
    "salary HKD 4,630 a month",
    "from 2019 to 2023, then again in 2024",
    "deployed on 20230512",
    "Thank you Sir. The agency was fair.",
    "the boss I met was kind",
    "Dear Sir, please help",
    "ဒေါ်လာ ၂၃၀ ပေးရတယ်",  # Burmese: 230 dollars
    "นายจ้างไม่จ่ายเงินเดือน",  # Thai: the employer did not pay the salary
    "Room 12, Block 5, Tower 3",
    "COVID19 test cost 3500",
    "meet @ office. Then pay",
    "",
])
def test_prices_years_and_ordinary_words_are_not_findings(text):
    assert found(text) == []


def test_findings_come_in_order_and_do_not_overlap():
    text = "Mr. Cruz (0917 123 4567, cruz@example.com) kept P1234567A"
    findings = find_personal_data(text)
    assert [finding.kind for finding in findings] == [NAME, PHONE, EMAIL, ID_NUMBER]
    assert [text[finding.start:finding.end] for finding in findings] == [
        "Mr. Cruz", "0917 123 4567", "cruz@example.com", "P1234567A"]
    assert str(findings[1].label) == "a phone number"


def test_regions_can_be_narrowed():
    assert found("9123 4567") == [(PHONE, "9123 4567")]
    assert found_in("9123 4567", ("PH",)) == []


def found_in(text, regions):
    return [(finding.kind, finding.excerpt) for finding in find_personal_data(text, regions=regions)]


def test_a_long_excerpt_is_shortened():
    [finding] = find_personal_data("write to " + "a" * 60 + "@example.com")
    assert finding.excerpt.endswith("…") and len(finding.excerpt) == 40


@pytest.mark.parametrize(("text", "excerpt"), [
    ("my passport P 4821730 B is still with them", "P 4821730 B"),  # a closing letter: taken alone too
    ("They kept P 4821730 B", "P 4821730 B"),
    ("paspor saya X 2847391 ditahan", "X 2847391"),
    ("pasaporte ko EC 28473910, hindi binalik", "EC 28473910"),
    ("पासपोर्ट नं. C ७२८४७३९ कम्पनीमा छ", "C ७२८४७३९"),  # Nepali, Devanagari digits
    ("หนังสือเดินทาง AB 1234567 ถูกยึด", "AB 1234567"),
    ("hộ chiếu C 8142093 bị giữ", "C 8142093"),
    ("ပတ်စ်ပို့ MA 4821730 ကို", "MA 4821730"),
    ("លិខិតឆ្លងដែន N 0284713 នៅក្រុមហ៊ុន", "N 0284713"),
])
def test_passport_numbers_with_a_space_after_the_letters_are_found(text, excerpt):
    assert (ID_NUMBER, excerpt) in found(text)


@pytest.mark.parametrize(("text", "excerpt"), [
    ("KTP saya 3329 1054 0796 0002 dipegang agen", "3329 1054 0796 0002"),  # Indonesian NIK, taken alone too
    ("they copied 3329 1054 0796 0002 twice", "3329 1054 0796 0002"),
    ("เลข 3 4102 01187 54 1 ของฉัน", "3 4102 01187 54 1"),  # Thai ID, taken alone too
    ("số CCCD 001 204 012 345 bị giữ", "001 204 012 345"),  # Vietnam, 12 digits near "CCCD"
    ("PhilSys 4817 2093 5561 027 kinopya", "4817 2093 5561 027"),
    ("नागरिकता २७ ०१ ७५ ०४२१८ ६६ लियो", "२७ ०१ ७५ ०४२१८ ६६"),
    ("NRC 12 345 678 9012 ကို", "12 345 678 9012"),
])
def test_id_numbers_in_groups_of_digits_are_found(text, excerpt):
    assert (ID_NUMBER, excerpt) in found(text)


@pytest.mark.parametrize(("text", "excerpt"), [
    ("email ko budi.santoso et gmail titik com", "budi.santoso et gmail titik com"),  # Indonesian
    ("kirim ke sari99 di yahoo titik co titik id", "sari99 di yahoo titik co titik id"),
    ("ส่งมาที่ somchai แอ็ท gmail จุด com", "somchai แอ็ท gmail จุด com"),  # Thai
    ("ส่งมาที่ somchaiแอทhotmailจุดcom ครับ", "somchaiแอทhotmailจุดcom"),  # Thai runs words together
    ("gửi cho lan.nguyen a còng yahoo chấm com", "lan.nguyen a còng yahoo chấm com"),  # Vietnamese
    ("i-email si juan.dc at gmail tuldok com", "juan.dc at gmail tuldok com"),  # Filipino
])
def test_e_mail_addresses_spelt_out_in_local_words_are_found(text, excerpt):
    assert (EMAIL, excerpt) in found(text)


@pytest.mark.parametrize(("text", "excerpt"), [
    ("Ako po si Marites, taga Batangas", "Ako po si Marites"),
    ("ako si Joy at nagtrabaho ako sa Dubai", "ako si Joy"),
    ("Magandang araw, ako po ay si Liza Santos", "ako po ay si Liza Santos"),
    ("si Maria Cruz ang kumuha ng pera", "si Maria Cruz"),
])
def test_filipino_self_introductions_and_si_before_a_full_name_are_names(text, excerpt):
    assert (NAME, excerpt) in found(text)


@pytest.mark.parametrize("text", [
    "Contract HK-DH-2024-00731 was signed in Manila",
    "Kontrak SG-FDW-2023-0419 sudah habis",
    "ref QTR/2081/0456 and QTR/2081/04561234",
    "no. QTR/09171234567 and HK-DH-0917-123-4567",  # the digits of a phone number, closing a code
])
def test_reference_codes_are_neither_id_nor_phone_numbers(text):
    assert found(text) == []


@pytest.mark.parametrize(("text", "excerpt"), [
    ("chat me: wa.me/639285503871", "639285503871"),  # a number after a lower-case link is still a number
    ("ref QTR/2081, call 0917 123 4567", "0917 123 4567"),
])
def test_a_number_after_a_link_or_a_finished_code_is_still_found(text, excerpt):
    assert excerpt in [finding[1] for finding in found(text)]


@pytest.mark.parametrize("text", [
    "เอกสาร HK-DH-2024-0073123456 ครับ",
    "Bu RT bilang tunggu saja",
    "Pak Kades datang ke rumah",
    "Pak Lurah dan Bu Camat tanda tangan",
    "si Maria ang nagbayad",  # one capitalised word after "si": not sure enough
    "pumunta si nanay sa agency",
    "saya tinggal di Batam titik Saya kerja di pabrik",  # "di" and "titik" as words, not an address
    "juan at maria tuldok lang",
    "Daftar sekarang di www.contoh-agen.co.id!",  # a link, not an address
    "Flight PR 658 at gate 7, seat 12 A",
    "X 2847391 was the receipt",  # a spaced letter-and-digits shape, no passport word, no closing letter
    "RM 1500000 gaji setahun",
    "Rp 15 000 000 untuk biaya",
    "from 2019 2020 2021 2022 we worked",
    "nomor 1234 5678 9012 di kwitansi",  # 12 digits in groups, no ID word, not a known shape
])
def test_offices_everyday_words_and_other_shapes_are_not_findings(text):
    assert found(text) == []
