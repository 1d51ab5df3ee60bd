"""Readable names for the FINESS file's capitals.

FINESS writes "CENTRE HOSPITALIER DU PAYS D'APT"; the portal shows "Centre Hospitalier du Pays
d'Apt": French title case, French small words in lower case (de, du, la, d', l'...), acronyms
kept ("CH", "CHS", "EHPAD", "SSR"...), the accents FINESS drops put back on common words
("READAPTATION" -> "Réadaptation"), and the territory's commune names written as the official
geography writes them ("VAISON LA ROMAINE" -> "Vaison-la-Romaine"). The result is a proposal:
the project lead corrects any name in the admin, and the import keeps that correction.
"""

import re
import unicodedata
from functools import lru_cache

ACRONYMS = {
    "ARS", "ATIR", "CAARUD", "CAMSP", "CASP", "CATTP", "CH", "CHI", "CHR", "CHRU", "CHS", "CHU",
    "CLCC", "CMP", "CMPP", "CPF", "CPTS", "CSAPA", "CSI", "EHPAD", "ESPIC", "ETP", "GCS", "GHT",
    "HAD", "HDJ", "IFSI", "IME", "ITEP", "MAS", "MCO", "MSP", "SAMU", "SAS", "SESSAD", "SLD",
    "SMR", "SMUR", "SSIAD", "SSR", "UCSA", "UDM", "UHCD", "UNV", "URPS", "USLD", "USMP",
}  # fmt: skip
SMALL_WORDS = {
    "à", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par",
    "pour", "sous", "sur",
}  # fmt: skip
# Words of facility names whose accents FINESS drops (in capitals, without accents).
ACCENTED = {
    "CARDIOLOGIE": "Cardiologie",
    "CHATEAU": "Château",
    "CLAREE": "Clarée",
    "COLLEGE": "Collège",
    "CYPRES": "Cyprès",
    "DUREE": "Durée",
    "ECOLE": "École",
    "ELEMENTAIRE": "Élémentaire",
    "ENERGIE": "Énergie",
    "ERE": "Ère",
    "ETABLISSEMENT": "Établissement",
    "ETANG": "Étang",
    "GENERAL": "Général",
    "GENERALE": "Générale",
    "GERIATRIE": "Gériatrie",
    "GERIATRIQUE": "Gériatrique",
    "GITE": "Gîte",
    "HEMODIALYSE": "Hémodialyse",
    "HOPITAL": "Hôpital",
    "LYCEE": "Lycée",
    "MATERNITE": "Maternité",
    "MEDICAL": "Médical",
    "MEDICALE": "Médicale",
    "MEDICO": "Médico",
    "METIERS": "Métiers",
    "PEDIATRIE": "Pédiatrie",
    "PEDIATRIQUE": "Pédiatrique",
    "POLE": "Pôle",
    "PRIVE": "Privé",
    "PRIVEE": "Privée",
    "READAPTATION": "Réadaptation",
    "REEDUC": "Rééduc",
    "REEDUCATION": "Rééducation",
    "REGIONAL": "Régional",
    "RHONE": "Rhône",
    "SANTE": "Santé",
    "SENOLOGIQUE": "Sénologique",
    "SPECIALISE": "Spécialisé",
    "SPECIALISEE": "Spécialisée",
    "THERAPEUTIQUE": "Thérapeutique",
    "UNITE": "Unité",
}
VOWELS = set("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸ")
TOKEN = re.compile(r"[^\W\d_]+|[\W\d_]+")
ELISIONS = {"D", "L"}


def _is_word(token):
    return token[:1].isalpha()


def _key(word):
    """A word in capitals without accents, as FINESS writes it."""
    decomposed = unicodedata.normalize("NFKD", word.upper())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _proper_names(names):
    return _proper_names_of(tuple(names or ()))


@lru_cache(maxsize=8)
def _proper_names_of(names):
    """Commune names by the tuple of their words in FINESS spelling, longest first."""
    keyed = {}
    for proper in names:
        words = tuple(_key(token) for token in TOKEN.findall(proper) if _is_word(token))
        if words:
            keyed[words] = proper
    return sorted(keyed.items(), key=lambda item: -len(item[0]))


def _word(word, first, elided):
    upper = word.upper()
    if elided and upper in ELISIONS:
        return upper if first else upper.lower()
    if upper in ACRONYMS or not (set(upper) & VOWELS):
        # An acronym, initials ("JB") or a Roman numeral ("URBAIN V") stays in capitals.
        return upper
    lower = word.lower()
    if lower in SMALL_WORDS and not first:
        return lower
    return ACCENTED.get(upper) or lower[:1].upper() + lower[1:]


def facility_display_name(name, proper_names=()):
    """The name in French title case when FINESS wrote it in capitals; otherwise as it is.

    ``proper_names`` (the territory's commune names) are written as given wherever their words
    appear in the name."""
    name = " ".join((name or "").split())
    if not name or name != name.upper():
        return name
    tokens = TOKEN.findall(name)
    words = [index for index, token in enumerate(tokens) if _is_word(token)]
    result = list(tokens)
    for position, index in enumerate(words):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        result[index] = _word(tokens[index], position == 0, following[:1] in "'’")
    keys = [_key(tokens[index]) for index in words]
    position = 0
    candidates = _proper_names(proper_names)
    while position < len(words):
        for phrase, proper in candidates:
            if tuple(keys[position : position + len(phrase)]) == phrase:
                start, end = words[position], words[position + len(phrase) - 1]
                result[start : end + 1] = [proper] + [""] * (end - start)
                position += len(phrase)
                break
        else:
            position += 1
    return "".join(result)
