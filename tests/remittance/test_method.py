"""The World Bank's cost method on worked examples, and the comparison a visitor sees for their own amount."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from remittance.method import (
    amount_received,
    compare,
    corridor_average,
    fx_margin_percent,
    percent_rounded,
    smart_remitter_target,
    total_cost_percent,
)
from remittance.models import Corridor, FeeMode, Product, Provider, Quote, Speed
from remittance.money import Money

D = Decimal
SINGAPORE_PHILIPPINES = Corridor(
    pk=1, sending_country="SG", sending_currency="SGD", receiving_country="PH", receiving_currency="PHP", code="sg-ph"
)
FETCHED = datetime(2026, 11, 20, 3, tzinfo=UTC)


def product(pk, name, *, transparent=True, accessible=True, speed=Speed.SAME_DAY, corridor=SINGAPORE_PHILIPPINES):
    provider = Provider(pk=pk, name=name, slug=name.lower(), type=Provider.Type.MONEY_TRANSFER_OPERATOR)
    return Product(
        pk=pk, provider=provider, corridor=corridor, pay_in=Product.PayIn.CASH, pay_out=Product.PayOut.BANK_ACCOUNT,
        speed=speed, transparent=transparent, accessible=accessible,
    )


def quote(of, *, amount="277", fee="5", rate="41.00", fee_mode=FeeMode.ON_TOP, fetched_at=FETCHED):
    return Quote(
        product=of, amount_sent=D(amount), fee=D(fee), fee_mode=fee_mode,
        offered_rate=None if rate is None else D(rate), fetched_at=fetched_at, source="test",
        source_url="https://example.org/quote",
    )


def sgd(amount):
    return Money(D(amount), "SGD")


def test_the_world_banks_own_example_singapore_to_the_philippines():
    """SGD 277 sent, fee SGD 5.00, offered 41.00 PHP per SGD, reference 41.80.

    FX margin = (1 - 41.00 / 41.80) x 100 = 0.80 / 41.80 x 100 = 1.913875598...  -> 1.9139 %
    Fee share = 5.00 / 277 x 100 = 1.805054151...                               -> 1.8051 %
    Total     = 1.913875598... + 1.805054151... = 3.718929749...                -> 3.7189 %
    """
    margin = fx_margin_percent(offered=D("41.00"), reference=D("41.80"))
    total = total_cost_percent(fee=D("5.00"), amount=D(277), margin=margin)
    assert margin.quantize(D("0.0001")) == D("1.9139")
    assert total.quantize(D("0.0001")) == D("3.7189")
    assert (percent_rounded(margin), percent_rounded(total)) == (D("1.91"), D("3.72"))


def test_percentages_keep_their_precision_until_displayed():
    margin = fx_margin_percent(offered=D("41.00"), reference=D("41.80"))
    assert str(margin).startswith("1.91387559808612")


def test_a_fee_on_top_converts_the_whole_amount():
    """277 x 41.00 = 11,357.00 PHP arrives; the sender pays 277 + 5 = 282 SGD."""
    received = amount_received(amount=D(277), fee=D(5), fee_mode=FeeMode.ON_TOP, offered=D("41.00"), currency="PHP")
    assert received == D("11357.00") and str(received) == "11357.00"


def test_a_fee_taken_from_the_amount_converts_what_is_left():
    """(277 - 5) x 41.00 = 272 x 41.00 = 11,152.00 PHP arrives; the sender pays 277 SGD."""
    received = amount_received(amount=D(277), fee=D(5), fee_mode=FeeMode.DEDUCTED, offered=D("41.00"), currency="PHP")
    assert received == D("11152.00")


def test_what_arrives_is_rounded_half_up_to_the_receiving_currencys_digits():
    """100 x 0.125 = 12.5 yen -> 13; 100 x 0.12345 = 12.345 pesos -> 12.35."""
    assert amount_received(amount=D(100), fee=D(0), fee_mode=FeeMode.ON_TOP, offered=D("0.125"), currency="JPY") == 13
    assert amount_received(
        amount=D(100), fee=D(0), fee_mode=FeeMode.ON_TOP, offered=D("0.12345"), currency="PHP"
    ) == D("12.35")
    assert str(amount_received(
        amount=D(500), fee=D(3), fee_mode=FeeMode.DEDUCTED, offered=D("18512.3456"), currency="VND"
    )) == "9200636"  # 497 x 18,512.3456 = 9,200,635.76... -> no decimals in dong


def test_an_offered_rate_better_than_the_reference_gives_a_negative_margin_never_clamped():
    """(1 - 42.00 / 41.80) x 100 = -0.20 / 41.80 x 100 = -0.4785 %; with a fee of 1 on 277: 0.3610 - 0.4785 < 0."""
    margin = fx_margin_percent(offered=D("42.00"), reference=D("41.80"))
    assert margin.quantize(D("0.0001")) == D("-0.4785")
    assert total_cost_percent(fee=D(1), amount=D(277), margin=margin).quantize(D("0.0001")) == D("-0.1175")


def test_an_undisclosed_rate_has_no_margin_no_total_and_nothing_received():
    assert fx_margin_percent(offered=None, reference=D("41.80")) is None
    assert total_cost_percent(fee=D(5), amount=D(277), margin=None) is None
    assert amount_received(amount=D(277), fee=D(5), fee_mode=FeeMode.ON_TOP, offered=None, currency="PHP") is None


@pytest.mark.parametrize("reference", [D(0), D("-41.80"), D("NaN"), D("Infinity")])
def test_a_reference_rate_that_is_not_positive_is_refused(reference):
    with pytest.raises(ValueError):
        fx_margin_percent(offered=D("41.00"), reference=reference)
    with pytest.raises(ValueError):
        fx_margin_percent(offered=None, reference=reference)


@pytest.mark.parametrize("offered", [D(0), D(-1), D("NaN")])
def test_an_offered_rate_that_is_not_positive_is_refused(offered):
    with pytest.raises(ValueError):
        fx_margin_percent(offered=offered, reference=D("41.80"))


def test_impossible_amounts_and_fees_are_refused():
    with pytest.raises(ValueError):
        total_cost_percent(fee=D(5), amount=D(0), margin=D(1))
    with pytest.raises(ValueError):
        total_cost_percent(fee=D(-1), amount=D(100), margin=D(1))
    with pytest.raises(ValueError):  # the fee would take everything
        amount_received(amount=D(5), fee=D(5), fee_mode=FeeMode.DEDUCTED, offered=D(41), currency="PHP")
    with pytest.raises(ValueError):
        amount_received(amount=D(100), fee=D(1), fee_mode="sometimes", offered=D(41), currency="PHP")


def test_products_are_ranked_cheapest_first_and_the_sdg_target_is_marked():
    cheap = quote(product(1, "Cheap"), fee="2", rate="41.60")  # 0.72 % + 0.48 % = 1.20 %
    middle = quote(product(2, "Middle"), fee="5", rate="41.00")  # 3.72 %
    dear = quote(product(3, "Dear"), fee="10", rate="40.00", fee_mode=FeeMode.DEDUCTED)  # 3.61 % + 4.31 % = 7.92 %
    ranking = compare(quotes=[dear, middle, cheap], reference_rate=D("41.80"), amount=sgd(277))
    assert [row.product.provider.name for row in ranking.ranked] == ["Cheap", "Middle", "Dear"]
    assert [percent_rounded(row.total_cost) for row in ranking.ranked] == [D("1.20"), D("3.72"), D("7.92")]
    assert [row.cheapest for row in ranking.ranked] == [True, False, False]
    assert [row.above_target for row in ranking.ranked] == [False, True, True]
    assert [row.received for row in ranking.ranked] == [D("11523.20"), D("11357.00"), D("10680.00")]
    assert [row.to_pay for row in ranking.ranked] == [D(279), D(282), D(277)]
    assert ranking.undisclosed == () and ranking.fee_exceeds_amount == ()


def test_a_large_fee_on_top_is_not_hidden_by_a_better_rate():
    """On top, the fee does not reduce what arrives: ranking by amount received alone would put Topped first.

    Topped: 277 x 41.70 = 11,550.90 PHP for 277 + 20 = 297 SGD, total 0.24 % + 7.22 % = 7.46 %.
    Plain:  277 x 41.50 = 11,495.50 PHP for 277 + 2 = 279 SGD, total 0.72 % + 0.72 % = 1.44 %.
    """
    topped = quote(product(1, "Topped"), fee="20", rate="41.70")
    plain = quote(product(2, "Plain"), fee="2", rate="41.50")
    ranking = compare(quotes=[topped, plain], reference_rate=D("41.80"), amount=sgd(277))
    assert [(row.product.provider.name, row.received) for row in ranking.ranked] == [
        ("Plain", D("11495.50")), ("Topped", D("11550.90")),
    ]


def test_an_undisclosed_rate_is_listed_apart_never_ranked_as_if_free():
    hidden = quote(product(1, "Hidden"), fee="0", rate=None)
    shown = quote(product(2, "Shown"), fee="5", rate="41.00")
    ranking = compare(quotes=[hidden, shown], reference_rate=D("41.80"), amount=sgd(277))
    assert [row.product.provider.name for row in ranking.ranked] == ["Shown"]
    assert ranking.ranked[0].cheapest
    [row] = ranking.undisclosed
    assert row.product.provider.name == "Hidden"
    assert (row.margin, row.total_cost, row.received) == (None, None, None)
    assert not row.cheapest and not row.above_target
    assert corridor_average([*ranking.ranked, *ranking.undisclosed]) == ranking.ranked[0].total_cost


def test_the_quote_nearest_the_visitors_amount_is_used_and_says_for_which_amount():
    provider = product(1, "Tiered")
    small = quote(provider, amount="200", fee="4")
    large = quote(provider, amount="500", fee="8")
    [row] = compare(quotes=[small, large], reference_rate=D("41.80"), amount=sgd(450)).ranked
    assert (row.quote.amount_sent, row.fee, row.exact) == (D(500), D(8), False)
    assert row.total_cost == D(8) / D(450) * 100 + fx_margin_percent(offered=D(41), reference=D("41.80"))
    [exact] = compare(quotes=[small, large], reference_rate=D("41.80"), amount=sgd(200)).ranked
    assert (exact.quote.amount_sent, exact.exact) == (D(200), True)


def test_halfway_between_two_quotes_the_larger_amounts_fee_is_used_and_the_latest_of_equal_quotes():
    provider = product(1, "Tiered")
    older = quote(provider, amount="500", fee="9")
    newer = quote(provider, amount="500", fee="8", fetched_at=datetime(2026, 11, 21, tzinfo=UTC))
    small = quote(provider, amount="200", fee="4")
    [row] = compare(quotes=[older, small, newer], reference_rate=D("41.80"), amount=sgd(350)).ranked
    assert row.quote is newer


def test_a_fee_that_would_take_the_whole_amount_is_listed_apart():
    greedy = quote(product(1, "Greedy"), fee="10", fee_mode=FeeMode.DEDUCTED)
    fair = quote(product(2, "Fair"), fee="10", fee_mode=FeeMode.ON_TOP)
    ranking = compare(quotes=[greedy, fair], reference_rate=D("41.80"), amount=sgd(10))
    assert ranking.fee_exceeds_amount == (greedy,)
    assert [row.product.provider.name for row in ranking.ranked] == ["Fair"]


def test_quotes_in_another_currency_than_the_visitors_amount_are_refused():
    with pytest.raises(ValueError):
        compare(quotes=[quote(product(1, "One"))], reference_rate=D("41.80"), amount=Money(D(277), "HKD"))


def test_nothing_to_compare_gives_empty_lists_and_no_averages():
    ranking = compare(quotes=[], reference_rate=D("41.80"), amount=sgd(277))
    assert ranking == ((), (), ())
    assert corridor_average(ranking.ranked) is None and smart_remitter_target(ranking.ranked) is None


def services(*specs):
    """Ranked rows for (name, fee, qualifying keyword arguments) at SGD 277, rate 41.80 = reference (no margin)."""
    quotes = [
        quote(product(pk, name, **kwargs), fee=fee, rate="41.80") for pk, (name, fee, kwargs) in enumerate(specs, 1)
    ]
    return compare(quotes=quotes, reference_rate=D("41.80"), amount=sgd(277)).ranked


def test_the_smart_remitter_target_averages_the_three_cheapest_qualifying_services():
    """Fees 2.77, 5.54, 8.31 on 277 are 1 %, 2 %, 3 %: the target is 2 %; the cheaper unqualified ones do not count."""
    rows = services(
        ("Opaque", "0", {"transparent": False}),
        ("Closed", "0", {"accessible": False}),
        ("Slow", "0", {"speed": Speed.MORE_THAN_FIVE_DAYS}),
        ("One", "2.77", {}),
        ("Two", "5.54", {"speed": Speed.THREE_TO_FIVE_DAYS}),
        ("Three", "8.31", {}),
        ("Four", "27.70", {}),
    )
    assert smart_remitter_target(rows) == D(2)
    assert corridor_average(rows) == D(0 + 0 + 0 + 1 + 2 + 3 + 10) / 7  # every disclosed service counts


def test_the_smart_remitter_target_needs_three_qualifying_services():
    rows = services(("One", "2.77", {}), ("Two", "5.54", {}), ("Opaque", "0", {"transparent": False}))
    assert smart_remitter_target(rows) is None
