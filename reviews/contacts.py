"""A reviewer's contact (a phone number or an e-mail address): checked, made canonical, hashed, encrypted, masked.

The canonical form is what is hashed, so "+63 917 123 4567" and "+639171234567" are one reviewer. The hash is an
HMAC with a key of its own (settings.CONTACT_HASH_KEY): without the key, a list of phone numbers cannot be hashed
to find who wrote what. The clear contact is kept only encrypted (settings.CONTACT_ENCRYPTION_KEY), and only while
a reviewer who asked to be told about their review needs it.
"""

import hashlib
import hmac
import ipaddress
import unicodedata

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from reviews.models import Channel

MAX_LENGTH = 254  # of the canonical contact (the longest e-mail address)
MAX_TYPED = 300  # characters a reviewer may type; longer input is refused before it is looked at


def ascii_digits(text):
    """Decimal digits of any script (Devanagari, Thai, Burmese, Khmer...) as ASCII digits; other characters unchanged."""
    return "".join(str(unicodedata.decimal(char)) if unicodedata.category(char) == "Nd" else char for char in text)


def contact_canonical(value):
    """(channel, canonical contact) for what a reviewer typed; ValidationError with a message for them otherwise."""
    value = " ".join(ascii_digits(value or "").split()) if len(value or "") <= MAX_TYPED else ""
    if not value or len(value) > MAX_LENGTH:
        raise ValidationError(_("Enter a phone number with its country code, or an e-mail address."), code="contact")
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(_("This e-mail address does not look right. Check it and try again."), code="email") from None
        local, _at, domain = value.rpartition("@")
        return Channel.EMAIL, f"{local}@{domain.lower()}"
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter the phone number with its country code, starting with +, e.g. +63 917 123 4567."), code="phone"
        )
    return Channel.SMS, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def contact_hash(canonical):
    return hmac.new(settings.CONTACT_HASH_KEY.encode(), canonical.encode(), hashlib.sha256).hexdigest()


def network_hash(address):
    """A keyed hash of the network a request came from (its /24, or /48 for IPv6), so that many reviews from one
    place can be seen as a burst; "" when there is no usable address. The address itself is never kept."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    network = ipaddress.ip_network(f"{ip}/{24 if ip.version == 4 else 48}", strict=False)
    return contact_hash(f"network:{network}")


def code_hash(code, token):
    """The one-time code, hashed with its challenge's token, so a stolen table does not give codes away."""
    return hmac.new(settings.CONTACT_HASH_KEY.encode(), f"{token}:{code}".encode(), hashlib.sha256).hexdigest()


def contact_encrypt(canonical):
    return Fernet(settings.CONTACT_ENCRYPTION_KEY.encode()).encrypt(canonical.encode()).decode()


def contact_decrypt(token):
    """The clear contact, or None when the key changed or the token is damaged."""
    try:
        return Fernet(settings.CONTACT_ENCRYPTION_KEY.encode()).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def contact_masked(canonical):
    """What may be shown or printed: "+63•••••••67", "m•••@example.org"."""
    if "@" in canonical:
        local, _at, domain = canonical.rpartition("@")
        return f"{local[:1]}•••@{domain}"
    return f"{canonical[:3]}{'•' * max(len(canonical) - 5, 0)}{canonical[-2:]}"
