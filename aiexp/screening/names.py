"""Names as screening compares them: normalised, with their distinctive words (SPEC §1 `screen`).

A name is folded (case, accents, punctuation), common abbreviations are written out (`Intl` →
`international`), and legal-form words are dropped from its ends (`Co., Ltd.`, `GmbH`, `S.A.`,
and `OOO`/`JSC` before a Russian name). What is left is compared two ways:

- the whole name, in its own order and with its words sorted (a reordered name is the same name);
- its *distinctive* words only: the words that are not generic (`Global`, `Technologies`,
  `International`, `Trading`, place names such as `Beijing`…). Two names must agree on their
  distinctive words to score at all, so a common word never makes a match on its own.

`name_score` is 0–100: 100 only when the normalised names are equal (or equal once reordered);
a party's name that holds all of an entry's distinctive words scores at least `CONTAINED_SCORE`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from rapidfuzz.distance import Indel

#: Legal-form words dropped from the end of a name (one word, or a run such as `sp z oo`).
_ONE_WORD_FORMS = (
    "inc incorporated corp corporation co company cos ltd limited llc lc llp lp plc pllc "
    "gmbh mbh ag kg kgaa se sa sas sarl de cv srl spa sl slu bv nv vof oy oyj ab as asa "
    "aps kk yk pte pty pvt private ltda sae sal wll fze fzco fzc fzllc fz jsc ojsc pjsc "
    "cjsc ooo oao zao pao ao tov kft zrt bt doo dd ad eood sro sp spzoo bhd sdn tbk pt "
    "lda cia sc scs sca"
)
_SPELLED_FORMS = (
    "s a|s a s|s p a|s r l|s a r l|b v|n v|a g|l l c|sp z oo|sp z o o|sdn bhd|s de rl|"
    "s de rl de cv|sa de cv|de cv|pvt ltd|pte ltd|pty ltd|co ltd"
)
#: Legal-form words dropped from the end of a name (one word, or a run such as `sp z oo`).
LEGAL_SUFFIXES: tuple[tuple[str, ...], ...] = (
    *((word,) for word in _ONE_WORD_FORMS.split()),
    *(tuple(form.split()) for form in _SPELLED_FORMS.split("|")),
)
#: Legal-form words that Russian, Ukrainian and Indonesian names put first (`OOO Zyphrax`).
LEGAL_PREFIXES = frozenset("ooo oao zao pao ao ojsc pjsc cjsc jsc tov pt llc".split())

#: Abbreviations and plurals written one way, so `Intl. Tech.` meets `International Technology`.
ABBREVIATIONS: dict[str, str] = {
    "intl": "international",
    "internat": "international",
    "tech": "technology",
    "techs": "technology",
    "technologies": "technology",
    "techn": "technology",
    "technol": "technology",
    "elec": "electronic",
    "electronics": "electronic",
    "electr": "electronic",
    "sys": "system",
    "systems": "system",
    "svc": "service",
    "svcs": "service",
    "services": "service",
    "solutions": "solution",
    "grp": "group",
    "hldg": "holding",
    "hldgs": "holding",
    "holdings": "holding",
    "mfg": "manufacturing",
    "mfr": "manufacturing",
    "natl": "national",
    "univ": "university",
    "inst": "institute",
    "res": "research",
    "sci": "science",
    "sciences": "science",
    "eng": "engineering",
    "engr": "engineering",
    "dev": "development",
    "devt": "development",
    "mgmt": "management",
    "mgt": "management",
    "assn": "association",
    "assoc": "association",
    "ctr": "center",
    "centre": "center",
    "cntr": "center",
    "lab": "laboratory",
    "labs": "laboratory",
    "laboratories": "laboratory",
    "industries": "industry",
    "indus": "industry",
    "industrial": "industry",
    "comm": "communication",
    "comms": "communication",
    "communications": "communication",
    "telecom": "telecommunication",
    "telecoms": "telecommunication",
    "telecommunications": "telecommunication",
    "networks": "network",
    "semiconductors": "semiconductor",
    "semi": "semiconductor",
    "enterprises": "enterprise",
    "investments": "investment",
    "products": "product",
    "prods": "product",
    "materials": "material",
    "resources": "resource",
    "partners": "partner",
    "bros": "brothers",
    "dept": "department",
    "govt": "government",
    "gov": "government",
    "aero": "aerospace",
    "equip": "equipment",
    "imp": "import",
    "exp": "export",
    "trade": "trading",
    "trad": "trading",
    "ministries": "ministry",
    "agencies": "agency",
    "operators": "operator",
    "governments": "government",
    "companies": "company",
    "universities": "university",
    "institutes": "institute",
    "centers": "center",
    "centres": "center",
    "groups": "group",
    "banks": "bank",
    "authorities": "authority",
    "organisation": "organization",
    "organizations": "organization",
    "organisations": "organization",
    "devices": "device",
    "ventures": "venture",
    "airlines": "airline",
    "pharmaceuticals": "pharmaceutical",
    "pharma": "pharmaceutical",
    "st": "saint",
    "mt": "mount",
}

#: Generic words: they are compared in the whole name, but never make a match on their own.
COMMON_WORDS = frozenset(
    """
    and of the for de del la le el al des du da di von van und et y e a an
    global international world worldwide universal general national united first new
    technology science scientific research institute university college academy school
    development engineering design innovation innovative advanced applied high precision smart
    digital data information computer computing software hardware network cloud internet online
    electronic electric electrical power energy systems system solution service consulting
    communication telecommunication semiconductor micro microelectronic optical optic photonic
    laser quantum robotics automation intelligent intelligence artificial ai
    industry manufacturing machinery machine equipment instrument material chemical product
    metal steel resource supply supplies logistics shipping transport freight marine
    trading import export commerce commercial business enterprise group holding investment
    capital finance financial partner management company firm agency office bureau branch
    center centre laboratory factory plant works project projects union alliance association
    department ministry government state federal municipal public joint stock venture
    aerospace aviation defense defence military security protection safety
    east west north south central eastern western northern southern middle far near
    asia asian pacific europe european eurasia eurasian america american africa african
    arab arabia gulf orient oriental overseas foreign
    china chinese prc beijing shanghai shenzhen guangzhou guangdong hong kong hongkong macau
    macao tianjin chongqing wuhan chengdu hangzhou nanjing xian suzhou xiamen dongguan
    shandong jiangsu zhejiang sichuan hubei hunan henan fujian anhui liaoning jilin harbin
    dalian qingdao ningbo foshan zhuhai hefei changsha shenyang
    russia russian moscow petersburg saint iran iranian tehran korea korean pyongyang dprk
    syria syrian damascus cuba cuban havana venezuela venezuelan caracas belarus minsk
    turkey istanbul uae dubai emirates singapore malaysia india pakistan
    usa us uk britain british kingdom states emirate republic federation islamic
    customer client buyer end user users unknown operator owned
    bank fund trust insurance authority council commission committee organization foundation
    society cooperative stichting
    or to in on at by with its from
    device media health medical pharmaceutical biotech venture air airline airways studio
    """.split()
) | frozenset(word for suffix in LEGAL_SUFFIXES for word in suffix)

_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "&": " and ",
        "'": "",
        "’": "",
        "‘": "",
        "`": "",
        "´": "",
    }
)
#: Tokens shorter than this are not fuzzy-matched alone (too many near neighbours).
MIN_FUZZY_TOKEN = 4


class NameKey(NamedTuple):
    """A name normalised for screening: its words in order, sorted, and its distinctive words."""

    full: str
    sorted_full: str
    distinctive: str
    tokens: tuple[str, ...]

    @property
    def generic(self) -> bool:
        """True when the name has no distinctive word (`Global Technologies Inc.`)."""
        return not self.tokens


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation; words separated by single spaces."""
    return " ".join(fold_many([text])[0])


def fold_many(texts: list[str]) -> list[list[str]]:
    """The words of each name, in lower case, without accents or punctuation.

    The list's 90,000 names are folded as one block of ASCII text (accents are removed first,
    name by name): a few passes over the block in C instead of a few per name. A name still
    holding other letters (Cyrillic, Arabic, CJK…) once its accents are gone is folded alone.
    """
    folded: list[list[str]] = [[] for _ in texts]
    lines: list[str] = []
    at: list[int] = []
    for number, text in enumerate(texts):
        if not text.isascii():
            text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD)))
            if not text.isascii():
                folded[number] = _fold_unicode(text)
                continue
        lines.append(text.replace("\n", " ").replace("\r", " "))
        at.append(number)
    if not lines:
        return folded
    block = "\n".join(lines).replace("'", "").replace("`", "").replace("&", " and ")
    block = _ASCII_DOT.sub(lambda m: _initial_dot(block, m.start()), block)
    block = block.encode("ascii").translate(_ASCII_WORDS).decode("ascii").lower()
    for number, line in zip(at, block.split("\n"), strict=True):
        folded[number] = line.split()
    return folded


def _initial_dot(text: str, dot: int) -> str:
    """The dot after a lone letter before another lone letter goes: `S.A.` → `SA.`."""
    if dot > 0 and text[dot - 1].isalnum() and (dot < 2 or not text[dot - 2].isalnum()):
        return ""
    return "."


def _fold_unicode(text: str) -> list[str]:
    text = _INITIAL_DOT.sub(r"\1", text.casefold())
    return _NOT_WORD.sub(" ", text).split()


#: A dot before a lone letter or digit (`S.A.`, `U.S.A.`): `_initial_dot` decides.
_ASCII_DOT = re.compile(r"\.(?=[A-Za-z0-9](?![A-Za-z0-9]))")
#: The same rule for any script, on one name.
_INITIAL_DOT = re.compile(r"\b([^\W_])\.(?=[^\W_]\b)")
#: Combining marks (accents) once a name is decomposed (NFKD): `é` → `e` + U+0301 → `e`.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NOT_WORD = re.compile(r"[\W_]+")
#: ASCII letters, digits and line breaks kept, everything else a space.
_ASCII_WORDS = bytes(c if c < 128 and (chr(c).isalnum() or c == 10) else 32 for c in range(256))


def _strip_legal_forms(words: list[str]) -> list[str]:
    while len(words) > 1 and words[-1] in _SUFFIXES_BY_LAST_WORD:
        for suffix in _SUFFIXES_BY_LAST_WORD[words[-1]]:
            n = len(suffix)
            if len(words) > n and tuple(words[-n:]) == suffix:
                del words[-n:]
                break
        else:
            break
    while len(words) > 1 and words[0] in LEGAL_PREFIXES:
        del words[0]
    if len(words) > 1 and words[0] == "the":
        del words[0]
    return words


_LEADING = LEGAL_PREFIXES | {"the"}
#: The legal forms by their last word, longest first (`sp z o o` before `o`).
_SUFFIXES_BY_LAST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _suffix in sorted(LEGAL_SUFFIXES, key=len, reverse=True):
    _SUFFIXES_BY_LAST_WORD.setdefault(_suffix[-1], []).append(_suffix)


def normalise(name: str) -> NameKey:
    """The screening form of a name (see the module docstring)."""
    return key_of(name_words(fold_many([name])[0]))


def name_words(folded: list[str]) -> list[str]:
    """A folded name's words with abbreviations written out and legal forms dropped."""
    if not _ABBREVIATED.isdisjoint(folded):
        get = ABBREVIATIONS.get
        folded = [get(word, word) for word in folded]
    if folded and (folded[-1] in _SUFFIXES_BY_LAST_WORD or folded[0] in _LEADING):
        folded = _strip_legal_forms(list(folded))
    return folded


def distinctive_words(words: list[str]) -> tuple[str, ...]:
    """The words that are not generic, sorted, each once (a lone letter is not distinctive)."""
    distinctive = set(words).difference(COMMON_WORDS)
    if any(len(word) == 1 for word in distinctive):
        distinctive = {w for w in distinctive if len(w) > 1 or w.isdigit()}
    return tuple(sorted(distinctive))


_ABBREVIATED = frozenset(ABBREVIATIONS)


def key_of(words: list[str]) -> NameKey:
    """The NameKey of a name's words (`name_words`)."""
    distinctive = distinctive_words(words)
    return NameKey(" ".join(words), " ".join(sorted(words)), " ".join(distinctive), distinctive)


def _ratio(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(a, b)) * 100


#: A generic name (no distinctive word) scores only against another generic name, and only when
#: the two are this alike (`Global Technologies` and `Global Technology Trading` do not score).
GENERIC_MIN = 90
#: A name that agrees on its distinctive words but not on its generic ones scores at most this
#: below the distinctive words' own score (`Huawei` against `Huawei Technologies`: 90).
GENERIC_WORDS_PENALTY = 10


#: A party whose name holds all of an entry's distinctive words (`Huawei Device Co.` and the
#: entry `Huawei`) is a possible match at this score, whatever else the names hold.
CONTAINED_SCORE = 85
#: ... when those words have this many letters in all: a short word is too often a namesake.
CONTAINED_MIN_LETTERS = 6


def name_score(party: NameKey, entry: NameKey) -> float:
    """How alike two names are, 0–100, before any country bonus.

    The whole-name score (in order or sorted) counts only as far as the distinctive words agree:
    the score never exceeds the distinctive words' own similarity, so `Acme Global
    Technologies` and `Zyphrax Global Technologies` score low however much else they share.
    """
    if party.full == entry.full or party.sorted_full == entry.sorted_full:
        return 100.0
    whole = max(_ratio(party.full, entry.full), _ratio(party.sorted_full, entry.sorted_full))
    if party.generic or entry.generic:
        if party.generic and entry.generic and whole >= GENERIC_MIN:
            return whole
        return 0.0
    distinctive = _ratio(party.distinctive, entry.distinctive)
    joined = _ratio(party.distinctive.replace(" ", ""), entry.distinctive.replace(" ", ""))
    distinctive = max(distinctive, joined)
    score = min(max(whole, distinctive - GENERIC_WORDS_PENALTY), distinctive)
    if score < CONTAINED_SCORE and _contained(party.tokens, entry.tokens):
        return float(CONTAINED_SCORE)
    return score


def may_reach(party: NameKey, tokens: tuple[str, ...], distinctive: str, floor: float) -> bool:
    """False when a list name (its distinctive words) cannot score `floor` against the party:
    a cheap bound (`name_score` never exceeds its distinctive-word score, or the contained
    score), so the full score is worked out only for names that may reach the floor."""
    if party.generic or not tokens:
        return True
    if CONTAINED_SCORE >= floor and _contained(party.tokens, tokens):
        return True
    if _ratio_at_least(party.distinctive, distinctive, floor):
        return True
    return _ratio_at_least(party.distinctive.replace(" ", ""), distinctive.replace(" ", ""), floor)


def _ratio_at_least(a: str, b: str, floor: float) -> bool:
    return bool(Indel.normalized_similarity(a, b, score_cutoff=floor / 100))


def _contained(party: tuple[str, ...], entry: tuple[str, ...]) -> bool:
    """True when the entry's distinctive words are all in the party's name, and are long enough
    to mean something (the entry `Huawei` in `Huawei Device Co.`; not `Star` in `Star Zyphrax`).

    Only this way round: a party's one word inside a longer listed name (`Hassan` in `HASSAN,
    Ali`) is too often a namesake to report.
    """
    if len(entry) >= len(party) or sum(len(word) for word in entry) < CONTAINED_MIN_LETTERS:
        return False
    return set(entry) <= set(party)
