"""Find quantities in running text: counts, money, percents, measures, durations.

A pure function over a string, so it can be tested and fuzzed without a model:
``find_quantities(text)`` returns ``Quantity`` spans with a parsed value, unit,
kind and bound. Dates are found by ``dates.py``; a four-digit year is left to it.

Grammar, in order of the parts of a match::

    [bound] [currency] NUMBER [scale] [unit | currency word | percent] [or more]

NUMBER is digits ("40,000", "1.5") or English number words ("Seventeen",
"two hundred", "a dozen", "a mile-and-a-half"); ranges "between 65 and 70",
"65 to 70", "65-70"; vague quantities ("hundreds", "dozens") are kept with
bound "vague" and an interval.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from text_to_num import text2num

UNITS: dict[str, tuple[str, str, float]] = {}  # surface -> (kind, canonical unit, factor)


def _units(kind: str, unit: str, factor: float, *names: str) -> None:
    for name in names:
        UNITS[name] = (kind, unit, factor)


_units("measure", "km", 1.0, "km", "kilometer", "kilometers", "kilometre", "kilometres")
_units("measure", "km", 1.609344, "mi", "mile", "miles")
_units("measure", "km", 0.001, "m", "meter", "meters", "metre", "metres")
_units("measure", "km", 0.0003048, "ft", "foot", "feet")
_units("measure", "km", 1.852, "nautical mile", "nautical miles")
_units("measure", "kg", 1.0, "kg", "kilogram", "kilograms", "kilo", "kilos")
_units("measure", "kg", 1000.0, "tonne", "tonnes", "ton", "tons", "metric tons")
_units("measure", "kg", 0.45359237, "lb", "lbs", "pound of", "pounds of")
_units("measure", "km2", 1.0, "square kilometers", "square kilometres", "sq km", "km2")
_units("measure", "km2", 2.589988, "square miles", "square mile")
_units("measure", "km2", 0.01, "hectare", "hectares")
_units("measure", "km2", 0.00404686, "acre", "acres")
# speeds in km/h: "winds of 120 mph (193 km/h)", "gusting to 35 kt"
_units("measure", "km/h", 1.0, "km/h", "km / h", "kph", "kmh", "kilometres per hour",
       "kilometers per hour", "kilometres an hour", "kilometers an hour")
_units("measure", "km/h", 1.609344, "mph", "miles per hour", "miles an hour")
_units("measure", "km/h", 1.852, "knot", "knots", "kt", "kts")
_units("measure", "l", 1.0, "liter", "liters", "litre", "litres")
_units("measure", "l", 3.785411784, "gallon", "gallons")
# temperatures keep their scale: Fahrenheit is not a multiple of Celsius
_units("measure", "celsius", 1.0, "degrees celsius", "degree celsius", "°c", "degrees c")
_units("measure", "fahrenheit", 1.0, "degrees fahrenheit", "degree fahrenheit", "°f",
       "degrees f")
_units("measure", "degrees", 1.0, "degrees", "degree", "°")
_units("duration", "second", 1.0, "second", "seconds", "sec", "secs")
_units("duration", "minute", 1.0, "minute", "minutes", "min", "mins")
_units("duration", "hour", 1.0, "hour", "hours", "hr", "hrs")
_units("duration", "day", 1.0, "day", "days")
_units("duration", "week", 1.0, "week", "weeks")
_units("duration", "month", 1.0, "month", "months")
_units("duration", "year", 1.0, "year", "years")
# decades and centuries are counted in years: "in a decade" is 10 years, as annotators write it
_units("duration", "year", 10.0, "decade", "decades")
_units("duration", "year", 100.0, "century", "centuries")

# conversions between duration units, to compare "a year" with "12 months"
RATIO = "times"  # the unit of a multiplier: "10 times more likely", "three times the 600"
DURATION_DAYS = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "month": 30.44, "year": 365.25, "decade": 3652.5, "century": 36525.0,
}

CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
# the letters that name which dollar, before the sign ("A$", "NZ$") or after it ("$US",
# "$A"): "$US1 million ($1.52 million)" is a US amount beside its Australian one
DOLLARS = {"us": "USD", "a": "AUD", "au": "AUD", "nz": "NZD", "c": "CAD", "ca": "CAD",
           "hk": "HKD", "s": "SGD"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR",
    "eur": "EUR", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "yen": "JPY",
    "rupees": "INR", "pesos": "MXN", "yuan": "CNY", "renminbi": "CNY", "rupiah": "IDR",
    "ringgit": "MYR", "baht": "THB", "zloty": "PLN", "zlotys": "PLN", "zlotych": "PLN",
    "forint": "HUF", "forints": "HUF", "hryvnia": "UAH", "hryvnias": "UAH", "naira": "NGN",
    "rand": "ZAR", "shekel": "ILS", "shekels": "ILS", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "reais": "BRL", "cedis": "GHS", "koruna": "CZK",
    "korunas": "CZK", "swiss francs": "CHF",
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}
VAGUE = {  # quantities stated without a figure: "hundreds of migrants", "several thousand"
    "dozens": (24.0, 144.0), "scores": (40.0, 200.0), "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0), "tens of thousands": (20000.0, 99999.0),
    "hundreds of thousands": (200000.0, 999999.0), "millions": (2e6, 9.99e8),
    "tens of millions": (2e7, 9.99e7), "hundreds of millions": (2e8, 9.99e8),
    "billions": (2e9, 9.99e11),
}
# "several" and "a few" before a scale word: "several hundred", "a few thousand"
for _scale_word, _factor in (("dozen", 12.0), ("hundred", 1e2), ("thousand", 1e3),
                             ("hundred thousand", 1e5), ("million", 1e6), ("billion", 1e9)):
    VAGUE[f"several {_scale_word}"] = (3 * _factor, 9 * _factor)
    VAGUE[f"a few {_scale_word}"] = (2 * _factor, 5 * _factor)
    VAGUE[f"a couple of {_scale_word}"] = (2 * _factor, 3 * _factor)
# words that read as a quantity only before "of": "scores of people", not "test scores"
VAGUE_NEED_OF = frozenset({"scores", "millions", "billions", "tens of millions",
                           "hundreds of millions"})
BOUNDS = {
    "min": r"more than|over|at least|above|in excess of|upwards of|no fewer than|no less than"
    r"|exceeding|a minimum of|north of",
    "max": r"fewer than|less than|under|up to|at most|no more than|as many as|a maximum of"
    r"|below|nearly|almost|just under",
    "approx": r"about|around|approximately|roughly|some|an estimated|estimated|close to"
    r"|nearly|almost|circa|approx\.|more or less",
}
WORD_VALUES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12,
}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[$€£¥₹%°]|\S")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    kind: str  # count | amount | percent | measure | duration
    value: float
    unit: str | None
    bound: str  # exact | approx | min | max | range | vague
    low: float
    high: float
    number_start: int  # where the number itself starts (after any bound words)
    number_end: int
    change: str = ""  # "from" or "to": a half of "from 30 to 34" (a range or a change)
    partner: tuple[int, int, float, int] | None = None  # the other half: start, end, value,
    # number end (for "from", its end is the whole phrase's end)


def words_to_number(words: str) -> float | None:
    """'Seventeen' -> 17, 'two hundred thousand' -> 200000; None if not a number."""
    cleaned = re.sub(r"[\s-]+", " ", words.lower().replace(" and ", " ")).strip()
    if cleaned in ("a", "an", "one"):
        return 1.0
    if cleaned.endswith("dozen"):
        head = cleaned[: -len("dozen")].strip() or "one"
        base = words_to_number(head)
        return None if base is None else 12.0 * base
    try:
        return float(text2num(cleaned, "en"))
    except ValueError:
        return None


def digits_to_number(digits: str) -> float | None:
    if digits.count(".") > 1 or re.search(r",\d{1,2}(?!\d)", digits):
        return None  # "1.2.3", "3,14": not a number we can read safely
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _adjacent(a: _Tok, b: _Tok) -> bool:
    return a.end == b.start


def _spaced(a: _Tok, b: _Tok) -> bool:
    """Adjacent, or one space apart: a currency sign set off from its number ("$ 160
    million", "US $ 160 million", as tokenised text and some wires write it)."""
    return b.start - a.end <= 1


def _is_alpha(tok: _Tok) -> bool:
    return tok.text.isalpha()


def _is_digits(tok: _Tok) -> bool:
    return tok.text[0].isdigit()


def _blocked_digits(toks: list[_Tok], i: int) -> bool:
    """True for digits that are part of a name, an ordinal, a time or a date."""
    tok = toks[i]
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if len(tok.text) > 1 and tok.text[0] == "0" and tok.text[1].isdigit():
        return True  # "0700 GMT", "007": a count is never written with a leading zero
    if prev is not None and prev.text == ":" and i > 1 and _is_digits(toks[i - 2]):
        return True  # "19: 00", the minutes of a clock time
    if _after_clock(toks, i):
        return True  # "Mar 16, 2025 04:56 73": a counter printed beside a time stamp
    if _scored(toks, i):
        return True  # the 14 of "24-14"
    if prev is not None and _adjacent(prev, tok):
        if _is_alpha(prev) and prev.low not in CURRENCY_SIGNS and not _dollar_letters(toks, i):
            # COVID19, G7 (not "$US1")
            return True
        if prev.text in "-/:." and i > 1 and _adjacent(toks[i - 2], prev):
            before = toks[i - 2]
            if (_is_alpha(before) and before.low != "magnitude") or prev.text in "/:.":
                return True  # MS-13, 3/16, 10:30, 1.2.3 (not "magnitude-5.2")
        if prev.text == "^":  # 10^100
            return True
    if nxt is not None and _adjacent(tok, nxt):
        if (_is_alpha(nxt) and nxt.low not in SCALES and nxt.low not in UNITS
                and not _temperature_letter(toks, i + 1)):
            return True  # 18th, 4G, 10am (not "46.2C")
        if nxt.text in "/:" and i + 2 < len(toks) and _is_digits(toks[i + 2]):
            return True
        if nxt.text == "^":
            return True
    return False


def _after_clock(toks: list[_Tok], i: int) -> bool:
    """True when the number at i follows a clock time "hh:mm" with nothing between."""
    return (i >= 3 and toks[i - 2].text == ":" and _is_digits(toks[i - 1])
            and _is_digits(toks[i - 3]) and _adjacent(toks[i - 3], toks[i - 2])
            and _adjacent(toks[i - 2], toks[i - 1]) and not _adjacent(toks[i - 1], toks[i]))


# what makes a number a time of day: "4 p.m.", "11pm", "7 o'clock", "0700 GMT", "9 ET"
_CLOCK_AFTER = re.compile(
    r"\s?(?:(?i:[ap]\.\s?m\.?|[ap]m\b|o['’]clock\b)"
    r"|(?:GMT|UTC|[ECMP][SD]?T|CES?T|BST|IST|JST|AE[SD]T)\b)")
# a stock ticker before a signed change: "BA -3.69%" (page furniture, not the text's figure)
_TICKER = re.compile(r"\b[A-Z]{1,5}\s$")


def _clock_value(value: float) -> bool:
    """A value that can be an hour (0-24) or an hhmm time (0000-2359)."""
    return value.is_integer() and (0 <= value <= 24 or (100 <= value <= 2359 and value % 100 < 60))


def is_clock_time(text: str, end: int) -> bool:
    """True when the number ending at ``end`` is read as a time of day."""
    return _CLOCK_AFTER.match(text, end) is not None


def _is_year(tok: _Tok) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and 1000 <= int(tok.text) <= 2100


def _word_number(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    """A run of number words starting at i: (value, index after the run)."""
    words: list[str] = []
    j = i
    while j < len(toks):
        low = toks[j].low
        if low in WORD_VALUES:
            words.append(low)
            j += 1
        elif low in ("-", "and") and words and j + 1 < len(toks) and toks[j + 1].low in WORD_VALUES:
            if low == "and" and words[-1] not in ("hundred", "thousand", "million", "billion"):
                break
            j += 1
        else:
            break
    if not words or words[0] in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
        return None
    value = words_to_number(" ".join(words))
    return (value, j) if value is not None else None


def _number(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    """Parse the number that starts at token i (digits, words, 'a dozen', 'a' + unit)."""
    tok = toks[i]
    if _is_digits(tok):
        if _blocked_digits(toks, i):
            return None
        value = digits_to_number(tok.text)
        return (value, i + 1) if value is not None else None
    if tok.low in ("a", "an") and i + 1 < len(toks):
        nxt = toks[i + 1]
        if nxt.low == "dozen":
            return 12.0, i + 2
        if nxt.low in UNITS and i + 2 < len(toks) and toks[i + 2].text == "-":
            return 1.0, i + 1  # a year-long, a mile-and-a-half
        if nxt.low in ("decade", "century"):
            return 1.0, i + 1  # "in a decade" ("a year", "a day" are as often a rate: "$5 a day")
        if len(nxt.low) > 2 and nxt.low in UNITS and _BOUND_ANY.search(
                " ".join(t.low for t in toks[max(0, i - 3) : i])):
            return 1.0, i + 1  # "around a kilometre", "more than a year": a bound makes it one
        return None
    return _word_number(toks, i)


def _match_seq(toks: list[_Tok], j: int, words: tuple[str, ...]) -> bool:
    return all(j + k < len(toks) and toks[j + k].low == w for k, w in enumerate(words))


def _half(toks: list[_Tok], j: int) -> int:
    """Index after '-and-a-half' / 'and a half' at j, or j."""
    k = j + 1 if j < len(toks) and toks[j].text == "-" else j
    if _match_seq(toks, k, ("and",)):
        rest = [t for t in toks[k + 1 : k + 6] if t.text != "-"][:2]
        if [t.low for t in rest] == ["a", "half"]:
            idx = toks.index(rest[-1], k)
            return idx + 1
    return j


def _unit_at(toks: list[_Tok], j: int) -> tuple[str, int] | None:
    """A unit name (possibly two or three words, after an optional hyphen) at j."""
    if j < len(toks) and toks[j].text == "-":
        j += 1
    for n in (3, 2, 1):
        if j + n <= len(toks):
            name = " ".join(t.low for t in toks[j : j + n]).replace("° ", "°")  # "°C" is 2 tokens
            if name in UNITS:
                return name.replace(" / ", "/"), j + n  # "km/h" is 3 tokens
    return None


_BOUND_RES = {
    kind: re.compile(rf"(?:^|(?<=[\s(“\"‘]))(?:{pattern})\s*$", re.IGNORECASE)
    for kind, pattern in BOUNDS.items()
}
_BOUND_ANY = re.compile(rf"(?:^|\s)(?:{'|'.join(BOUNDS.values())})$", re.IGNORECASE)
_NEAR_MAX = re.compile(r"(?:^|(?<=[\s“\"‘]))(?:nearly|almost|just under)\s*$", re.IGNORECASE)
_RANGE_START = re.compile(r"(?:^|(?<=\s))between\s*$", re.IGNORECASE)
_PER = re.compile(r"^\s*(?:per|a|an|each|every)\s+(year|month|week|day|hour)\b", re.IGNORECASE)


def _bound_before(text: str, start: int) -> tuple[str, int]:
    """The bound phrase that ends at ``start``: (bound, where the phrase starts)."""
    window = text[max(0, start - 30) : start]
    base = start - len(window)
    m = _NEAR_MAX.search(window)
    if m:
        return "max", base + m.start()
    for kind, rx in _BOUND_RES.items():
        m = rx.search(window)
        if m:
            return kind, base + m.start()
    return "exact", start


def _interval(value: float, bound: str) -> tuple[float, float]:
    if bound == "min":
        return value, math.inf
    if bound == "max":
        return (0.85 * value if value > 0 else -math.inf), value
    if bound == "approx":
        return min(0.85 * value, 1.15 * value), max(0.85 * value, 1.15 * value)
    return value, value


def _minus_before(text: str, toks: list[_Tok], i: int) -> int | None:
    """Index of a sign that makes the number at i negative: "-5", "−12" (a minus glued to
    the number and not to a word or number before it: not "10-15", "COVID-19"), "minus 5"."""
    if i == 0:
        return None
    sign = toks[i - 1]
    if sign.low == "minus":
        return i - 1
    if sign.text in ("-", "−") and sign.end == toks[i].start:
        before = text[sign.start - 1] if sign.start > 0 else " "
        if before.isspace() or before in "([":
            return i - 1
    return None


def _vague_at(text: str, toks: list[_Tok], i: int) -> Quantity | None:
    """A quantity stated in words without a figure. Its ``value`` is the interval's low end
    (a float, so the scan stays total); ``extract`` gives the mention no value at all."""
    for words, (low, high) in _VAGUE_BY_FIRST.get(toks[i].low, ()):
        if not _match_seq(toks, i, words):
            continue
        phrase = " ".join(words)
        if phrase in VAGUE_NEED_OF and not _match_seq(toks, i + len(words), ("of",)):
            continue
        if " " not in phrase and i > 0 and toks[i - 1].low in WORD_VALUES:
            continue  # "two hundreds": not a phrase we read
        end = toks[i + len(words) - 1].end
        start = toks[i].start
        kind, unit, money = "count", None, i + len(words)
        money += 1 if _match_seq(toks, money, ("of",)) else 0
        currency = _currency_word(toks, money)  # "millions of dollars"
        if currency is not None:
            kind, unit, end = "amount", currency[0], toks[currency[1] - 1].end
        return Quantity(start, end, text[start:end], kind, low, unit, "vague", low, high,
                        start, end)
    return None


def _currency_before(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """The currency written just before the number at ``i`` and the index it starts at."""
    if i > 0 and toks[i - 1].text in CURRENCY_SIGNS and _spaced(toks[i - 1], toks[i]):
        k = i - 1
        currency = CURRENCY_SIGNS[toks[k].text]
        if (k > 0 and toks[k].text == "$" and toks[k - 1].low in DOLLARS
                and _spaced(toks[k - 1], toks[k]) and toks[k - 1].text.isupper()):
            k -= 1  # "A$", "NZ$", "US$"
            currency = DOLLARS[toks[k].low]
        return currency, k
    if _dollar_letters(toks, i):  # "$US1 million", "$A2 billion"
        return DOLLARS[toks[i - 1].low], i - 2
    return None


def _dollar_letters(toks: list[_Tok], i: int) -> bool:
    """'$US1': the sign, then the letters that say which dollar, then the number."""
    return (i > 1 and toks[i - 2].text == "$" and toks[i - 1].low in DOLLARS
            and toks[i - 1].text.isupper() and _adjacent(toks[i - 2], toks[i - 1])
            and _adjacent(toks[i - 1], toks[i]))


def _currency_word(toks: list[_Tok], j: int) -> tuple[str, int] | None:
    """The currency named in words at ``j`` ("20 million yuan", "20 Swiss francs") and the
    index after it."""
    for n in (2, 1):
        name = " ".join(t.low for t in toks[j : j + n])
        if j + n <= len(toks) and name in CURRENCY_WORDS:
            return CURRENCY_WORDS[name], j + n
    return None


def _suffix(toks: list[_Tok], j: int, currency: str | None) -> tuple[str, str | None, int]:
    """Kind, unit and end index of what follows a number (and its scale)."""
    if j < len(toks) and toks[j].low == "%":
        return "percent", "%", j + 1
    if _match_seq(toks, j, ("percent",)) or _match_seq(toks, j, ("per", "cent")):
        return "percent", "%", j + (1 if toks[j].low == "percent" else 2)
    word = _currency_word(toks, j) if currency is None else None
    if word is not None:
        return "amount", word[0], word[1]
    if currency is not None:
        return "amount", currency, j
    unit = _unit_at(toks, j)
    if unit is not None:
        kind, canonical, _ = UNITS[unit[0]]
        return kind, canonical if kind == "duration" else unit[0], unit[1]
    if _temperature_letter(toks, j):
        return "measure", _SCALE_LETTERS[toks[j].text], j + 1  # "46.2C", "115.2F"
    return "count", None, j


# a temperature written with its scale's letter against the number: "46.2C (115.2F)"
_SCALE_LETTERS = {"C": "°c", "F": "°f"}


def _temperature_letter(toks: list[_Tok], j: int) -> bool:
    """A temperature's scale written as one capital against its number, ending the word:
    the "C" of "46.2C" and the "F" of "(115.2F)" (not "3Com", "Flat 3Cs")."""
    return (0 < j < len(toks) and toks[j].text in _SCALE_LETTERS
            and _adjacent(toks[j - 1], toks[j]) and _is_digits(toks[j - 1])
            and (j + 1 == len(toks) or not _adjacent(toks[j], toks[j + 1])
                 or not _is_alpha(toks[j + 1])))


def _duration_factor(toks: list[_Tok], j: int) -> float:
    """How many of its canonical unit the duration word at j is: 10 for "decades"."""
    surface = _unit_at(toks, j)
    return UNITS[surface[0]][2] if surface is not None else 1.0


def _scale(toks: list[_Tok], j: int, currency: str | None) -> tuple[float, int]:
    if (j + 2 < len(toks) and toks[j].text == "-" and toks[j + 1].low in SCALES
            and len(toks[j + 1].low) > 2 and toks[j + 2].text == "-"):
        return SCALES[toks[j + 1].low], j + 2  # "a 250-million-mark fund", "a $2-billion-a-year"
    if j < len(toks) and toks[j].low in SCALES:
        word = toks[j].low
        if len(word) > 2 or currency is not None or (word in ("bn", "mn") and j > 0):
            return SCALES[word], j + 1
    return 1.0, j


def _range_end(toks: list[_Tok], j: int, between: bool) -> tuple[float, int] | None:
    """A second number after 'and' (with 'between'), 'to' or '-'."""
    if j >= len(toks):
        return None
    joiner = toks[j].low
    if not (joiner in ("to", "-", "–") or (between and joiner == "and")):
        return None
    second = _number(toks, j + 1) if j + 1 < len(toks) else None
    return second


def _quantity_at(text: str, toks: list[_Tok], i: int) -> tuple[Quantity, int] | None:
    """The quantity that starts with a number at token i, and the index after it."""
    if _is_year(toks[i]) and _currency_before(toks, i) is None:
        nxt = _suffix(toks, i + 1, None)
        if nxt[0] == "count":
            return None  # a year: dates.py handles it
    parsed = _number(toks, i)
    if parsed is None:
        return None
    value, j = parsed
    if _tally(toks, i, j):
        return None  # "won 31-24", "fought back from 14-0", "went 29-of-34": a score
    if _CALIBRE.match(text[toks[j - 1].end :]):
        return None  # "a .32-caliber revolver", "a 12-gauge shotgun": a bore, no figure
    if _currency_before(toks, i) is None and _clock_value(value) and is_clock_time(
            text, toks[j - 1].end):
        return None  # "4 p.m.", "0700 GMT": a time of day, which dates.py reads
    article = toks[i].low in ("a", "an") and toks[i + 1].low != "dozen"
    if not article:
        j_half = _half(toks, j)
        if j_half != j:
            value, j = value + 0.5, j_half
    currency = _currency_before(toks, i)
    cur = currency[0] if currency else None
    scale, j = _scale(toks, j, cur)
    value *= scale
    if not math.isfinite(value):
        return None  # "1" + 300 zeros + " billion": not a figure anyone can check
    minus = _minus_before(text, toks, i) if currency is None else None
    if minus is not None:
        if _TICKER.search(text[max(0, toks[minus].start - 7) : toks[minus].start]):
            return None
        value = -value
    first_start = currency[1] if currency else (minus if minus is not None else i)
    start = toks[first_start].start
    bound, start = _bound_before(text, start)
    high_value: float | None = None
    stated_bound, first_end, second = bound, toks[j - 1].end, (0, 0)
    rng = _range_end(toks, j, bool(_RANGE_START.search(text[max(0, start - 10) : start])))
    if rng is not None and (rng[0] > value or _FROM_BEFORE.search(text[max(0, start - 8) : start])):
        second = (toks[j + 1].start, toks[rng[1] - 1].end)
        high_value, j = rng[0] * (scale if scale > 1 else 1.0), rng[1]
        bound = "range"
        m = _RANGE_START.search(text[max(0, start - 10) : start])
        if m:
            start = max(0, start - 10) + m.start()
    unit_at = j
    kind, unit, j = _suffix(toks, j, cur)
    if kind == "duration":  # "three decades": 30 years
        factor = _duration_factor(toks, unit_at)
        value *= factor
        high_value = high_value * factor if high_value is not None else None
    if article:
        if kind not in ("duration", "measure"):
            return None
        j_half = _half(toks, j)  # a mile-and-a-half
        if j_half != j:
            value, j = 1.5, j_half
    if kind == "duration" and _match_seq(toks, j, ("-", "long")):
        j += 2
    elif kind == "duration" and _match_seq(toks, j, ("-", "old")):
        kind, unit, j = "measure", f"{unit}s old", j + 2  # an age: "a 30-year-old man"
    elif kind == "duration" and _match_seq(toks, j, ("old",)):
        kind, unit, j = "measure", f"{unit}s old", j + 1  # an age: "the jet was 14 years old"
    elif kind == "count" and unit is None and _aged(toks, i):
        kind, unit = "measure", "years old"  # "children up to age 4", "patients ages 5-17"
    elif kind == "count" and unit is None and (
            _MAGNITUDE_BEFORE.search(text[max(0, start - 16) : start])
            or _MAGNITUDE_AFTER.match(text[toks[j - 1].end :])):
        kind, unit = "measure", "magnitude"  # "a 7.7-magnitude quake", "magnitude over 5.0"
    elif kind == "count" and high_value is None and (share := _fraction(toks, j, value)):
        denominator, j = share  # "two-thirds of members", "one-fifth of the victims"
        kind, unit, value = "percent", "%", 100.0 * value / denominator
    if kind == "amount":
        per = _PER.match(text[toks[j - 1].end :])
        if per:
            unit = f"{unit}/{per.group(1).lower()}"
    if _match_seq(toks, j, ("or", "more")) or _match_seq(toks, j, ("plus",)):
        bound, j = "min", j + (2 if toks[j].low == "or" else 1)
    end = toks[j - 1].end
    low, high = (value, high_value) if high_value is not None else _interval(value, bound)
    q = Quantity(start, end, text[start:end], kind, value, unit, bound, low, high,
                 toks[i].start, toks[i].end)
    if high_value is not None and toks[i + 1 if i + 1 < len(toks) else i].low != "-" and (
            _FROM_BEFORE.search(text[max(0, start - 8) : start])):
        return _from_to(q, stated_bound, first_end, second), j
    return q, j


AGE_WORDS = frozenset({"age", "ages", "aged"})
_CALIBRE = re.compile(r"[\s-]*(?:caliber|calibre|gauge)\b", re.IGNORECASE)


def _tally_at(toks: list[_Tok], h: int) -> bool:
    """Whether the hyphen at ``h`` joins two numbers of a score or a tally: digits to digits
    no larger ("31-24", "14-0"), or "-of-" ("29-of-34"); not a range, which climbs
    ("65-70")."""
    if not (0 < h < len(toks) - 1 and toks[h].text == "-" and _is_digits(toks[h - 1])
            and _adjacent(toks[h - 1], toks[h])):
        return False
    if toks[h + 1].low == "of" and h + 3 < len(toks) and toks[h + 2].text == "-":
        return _is_digits(toks[h + 3])  # "29-of-34"
    if not (_is_digits(toks[h + 1]) and _adjacent(toks[h], toks[h + 1])):
        return False
    first, second = digits_to_number(toks[h - 1].text), digits_to_number(toks[h + 1].text)
    return first is not None and second is not None and second <= first


def _tally(toks: list[_Tok], i: int, j: int) -> bool:
    """The first number of a score ("31-24"): digits at ``i`` whose parse ends at ``j``."""
    return _is_digits(toks[i]) and _tally_at(toks, j)


def _scored(toks: list[_Tok], i: int) -> bool:
    """The second number of a score ("24-14", "29-of-34")."""
    if i < 2 or toks[i - 1].text != "-" or not _adjacent(toks[i - 1], toks[i]):
        return False
    return _tally_at(toks, i - 3) if toks[i - 2].low == "of" else _tally_at(toks, i - 1)


# an earthquake's size is a measure on its scale, not a count ("magnitude 6.8", "put its
# magnitude at 6.8", "a 7.1-magnitude quake")
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+(?:of|at|was|is|to|as))?[\s-]*$", re.IGNORECASE)
_MAGNITUDE_AFTER = re.compile(r"[\s-]*(?:magnitude\b|on the richter scale)", re.IGNORECASE)
# "two-thirds", "one fifth of": a share, as a percent of the whole
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}


def _fraction(toks: list[_Tok], j: int, numerator: float) -> tuple[int, int] | None:
    """The denominator of a fraction whose numerator ends at ``j``, and the index after it:
    hyphenated ("two-thirds") or followed by "of" ("three quarters of the city"); not "one
    quarter" alone, which may be a quarter of a year."""
    if not (numerator.is_integer() and 1 <= numerator <= 9):
        return None
    hyphen = j < len(toks) and toks[j].text in ("-", "–")
    k = j + 1 if hyphen else j
    if k >= len(toks) or toks[k].low not in DENOMINATORS:
        return None
    denominator = DENOMINATORS[toks[k].low]
    if numerator >= denominator or not (hyphen or _match_seq(toks, k + 1, ("of",))):
        return None
    return denominator, k + 1


def _aged(toks: list[_Tok], i: int) -> bool:
    """Whether the number at ``i`` is an age: it follows "age", "ages", "aged" or "age of"."""
    k = i - 1
    if k >= 0 and toks[k].low == "of":
        k -= 1
    return k >= 0 and toks[k].low in AGE_WORDS


_FROM_BEFORE = re.compile(r"(?:^|(?<=\s))from\s+$", re.IGNORECASE)


def _from_to(q: Quantity, bound: str, first_end: int, second: tuple[int, int]) -> Quantity:
    """The first of the two quantities that "from 30 to 34" is read as.

    Whether it is a range ("ranging from 30 to 34") or a change ("rose from 30 to 34":
    34 now, 30 before) depends on what governs it, which a parse tells: ``extract``
    decides. Both halves are returned, each with the other as ``partner``; the second
    is made by ``find_quantities``, which reads ``partner`` back."""
    low, high = _interval(q.value, bound) if bound != "range" else (q.value, q.value)
    text_start = q.text
    return Quantity(q.start, first_end, text_start[: first_end - q.start], q.kind, q.value,
                    q.unit, bound, low, high, q.number_start, q.number_end, change="from",
                    partner=(second[0], q.end, q.high, second[1]))


def _second_half(text: str, first: Quantity) -> Quantity:
    """The "to 34" half of "from 30 to 34" (see ``_from_to``)."""
    assert first.partner is not None
    start, end, value, number_end = first.partner
    return Quantity(start, end, text[start:end], first.kind, value, first.unit, "exact", value,
                    value, start, number_end, change="to",
                    partner=(first.start, first.end, first.value, first.number_end))


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, left to right, without overlaps."""
    toks = _tokens(text)
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        hit = _quantity_at(text, toks, i) if toks[i].low not in VAGUE_FIRST else None
        if hit is None:
            vague = _vague_at(text, toks, i)
            if vague is not None:
                found.append(vague)
                while i < len(toks) and toks[i].start < vague.end:
                    i += 1
                continue
            i += 1
            continue
        found.append(hit[0])
        if hit[0].change == "from":
            found.append(_second_half(text, hit[0]))
        i = max(hit[1], i + 1)
    found = _pair_from_to(text, found)
    for m in NOBODY.finditer(text):  # "no one was seriously injured": a count of none
        found = [q for q in found if not (q.start < m.end(1) and m.start(1) < q.end)]
        found.append(Quantity(m.start(1), m.end(1), m.group(1), "count", 0.0, None,
                              "exact", 0.0, 0.0, m.start(1), m.end(1)))
    return sorted(found, key=lambda q: q.start)


# "no one was killed", "nobody has been hurt": the people a harm befell, counted as none
NOBODY = re.compile(
    r"\b(no one|no-one|nobody)\s+(?:was|were|has been|had been|is|got)\s+"
    r"(?:\w+ly\s+)?(?:injured|hurt|killed|wounded|harmed|hospitali[sz]ed|arrested|detained"
    r"|charged|evacuated|rescued)\b",
    re.IGNORECASE,
)


_TO_BETWEEN = re.compile(r"\s+to\s+$", re.IGNORECASE)


def _pair_from_to(text: str, found: list[Quantity]) -> list[Quantity]:
    """Mark "from $12 to $9.50", "from 41% to 48%" (read as two quantities, each with its
    sign) as the halves of one "from ... to ...", like "from 30 to 34"."""
    out = list(found)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if (a.change or b.change or a.kind != b.kind or a.unit != b.unit
                or not _FROM_BEFORE.search(text[max(0, a.start - 8) : a.start])
                or not _TO_BETWEEN.fullmatch(text[a.end : b.start])):
            continue
        out[k] = replace(a, change="from", partner=(b.start, b.end, b.value, b.number_end))
        out[k + 1] = replace(b, change="to", partner=(a.start, a.end, a.value, a.number_end))
    return out


# VAGUE's phrases as word tuples, longest first, by their first word (one lookup a token)
_VAGUE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[float, float]]]] = {}
for _phrase, _range in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
    _VAGUE_BY_FIRST.setdefault(_phrase.split()[0], []).append((tuple(_phrase.split()), _range))

VAGUE_FIRST = {"dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens",
               "several"}


def to_base(value: float, unit: str | None) -> tuple[float, str | None]:
    """A value in its dimension's base unit: 45 miles -> (72.42, 'km'), 1 year -> days."""
    if unit is None:
        return value, None
    if unit in DURATION_DAYS:
        return value * DURATION_DAYS[unit], "day"
    if unit in UNITS:
        _kind, base, factor = UNITS[unit]
        return value * factor, base
    return value, unit


def is_age(unit: str | None) -> bool:
    """Is ``unit`` an age's ("years old", "months old"): how old a thing is, not how long
    an act lasted."""
    return (unit or "").endswith(" old")
