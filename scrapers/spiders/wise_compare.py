"""Wise's public comparison API: the price and speed of banks and money transfer operators on a route.

GET /v4/comparisons?sourceCurrency=SGD&targetCurrency=PHP&sendAmount=260&sourceCountry=SG&targetCountry=PH
answers {"sourceCurrency", "targetCurrency", "amount", "amountType", "providers": [{"name", "type",
"quotes": [{"rate", "fee", "receivedAmount", "sourceCountry", "targetCountry", "deliveryEstimation":
{"duration": {"min", "max"}, "providerGivesEstimate"}, ...}]}]}: one request per corridor and amount.

What Wise documents about the figures, and so what the feed says:
- They are estimates: the markup Wise last collected from each provider's site (about hourly),
  applied to the current mid-market rate. The fee is in the source currency, and the documented
  example receives (amount - fee) x rate: fee_mode "deducted".
- Only bank transfer pay-in and bank account pay-out are compared: pay_in and pay_out "bank".
- A delivery estimate is an ISO 8601 duration range; its upper bound gives the speed band
  (scrapers.vocabulary.DURATION_BANDS). "Up to X" has only a max; "from X" has only a min, which
  bounds nothing, so it is reported as an unknown speed, as is a quote with no estimate at all.
- A provider may have several quotes for one currency route, one per country: a quote for another
  country than the corridor's is skipped.
"""

from decimal import Decimal
from urllib.parse import urlencode

from scrapers.money import NotANumber, parse_decimal
from scrapers.spiders.pricing import QuoteSpider
from scrapers.tables import Columns, LayoutChanged, json_object_row


def delivery_words(estimation):
    """The upper bound of a delivery estimate as the source writes it ("PT24H"), or what stands for none."""
    duration = estimation.get("duration") if isinstance(estimation, dict) else None
    if not isinstance(duration, dict) or not (duration.get("min") or duration.get("max")):
        return "no estimate"
    if duration.get("max"):
        return str(duration["max"])
    return f"from {duration['min']}"


class WiseCompareSpider(QuoteSpider):
    name = "wise_compare"
    default_base_url = "https://api.wise.com"
    api_path = "/v4/comparisons"
    default_corridors = ("SGD-PHP", "HKD-PHP", "MYR-IDR", "QAR-NPR", "AED-NPR", "THB-MMK", "KRW-KHR", "JPY-VND")
    pay_in = pay_out = "Bank transfer"
    fee_mode = "deducted"
    envelope = ("providers", "sourceCurrency", "amount")
    provider_columns = Columns(
        provider=("name",), provider_type=("type",), quotes=("quotes",), required=("provider", "provider_type", "quotes"),
    )
    quote_columns = Columns(
        rate=("rate",), fee=("fee",), delivery=("deliveryEstimation",),
        source_country=("sourceCountry",), target_country=("targetCountry",),
        required=("rate", "fee"),
    )

    async def start(self):
        for corridor in self.corridors:
            for amount in self.amounts_for(corridor):
                query = {
                    "sourceCurrency": corridor.sending_currency, "targetCurrency": corridor.receiving_currency,
                    "sendAmount": amount, "sourceCountry": corridor.sending_country,
                    "targetCountry": corridor.receiving_country,
                }
                url = f"{self.url(self.api_path)}?{urlencode(query)}"
                yield self.request(url, self.parse_comparison, cb_kwargs={"corridor": corridor, "amount": amount})

    def parse_comparison(self, response, corridor, amount):
        body = self.json(response, parse_float=Decimal)
        if not isinstance(body, dict) or any(key not in body for key in self.envelope) or not isinstance(body["providers"], list):
            found = sorted(body) if isinstance(body, dict) else ["(not a JSON object)"]
            self.layout_changed(response, f"expected keys {', '.join(self.envelope)}, found {', '.join(found)}")
            return
        try:
            answered = parse_decimal(body["amount"])
        except NotANumber:
            answered = None
        if answered != parse_decimal(amount):
            self.error(f"asked for {amount} {corridor.sending_currency} at {response.url}, the comparison is for {body['amount']!r}")
            return
        for provider in body["providers"]:
            try:
                provider = json_object_row(self.provider_columns, provider)
                quotes = provider["quotes"] if isinstance(provider["quotes"], list) else [provider["quotes"]]
                quotes = [json_object_row(self.quote_columns, quote) for quote in quotes]
            except LayoutChanged as problem:
                self.layout_changed(response, problem)
                return
            for quote in quotes:
                if quote["source_country"] not in (None, "", corridor.sending_country):
                    continue
                if quote["target_country"] not in (None, "", corridor.receiving_country):
                    continue
                yield self.quote(
                    response, corridor, provider=provider["provider"], provider_type=provider["provider_type"],
                    pay_in=self.pay_in, pay_out=self.pay_out, speed=delivery_words(quote["delivery"]),
                    amount_sent=amount, fee=quote["fee"], fee_currency=body["sourceCurrency"], fee_mode=self.fee_mode,
                    offered_rate=quote["rate"],
                )
