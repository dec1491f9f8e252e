#!/usr/bin/env python3
"""Writes name-pairs.csv: pairs of one person's name as stored and as typed another way, and
pairs of two people whose names are alike. Each typed form is made by a public rule, not tuned
to Adal's keys:

  kk-latin   the 2021 Kazakh Latin alphabet (Қ→Q, Ғ→Ğ, Ң→Ñ, Ә→Ä, Ө→Ö, Ү→Ü, Ұ→Ū, Ш→Ş, Ч→Ç, Ы→Y, І→I (ı));
  icao       ICAO Doc 9303 part 3, Cyrillic to Latin in capitals (Ж→ZH, Х→KH, Ц→TS, Ш→SH, Щ→SHCH,
             Ю→IU, Я→IA, Й→I; the Kazakh letters as their Russian look-alikes), as passports print;
  order      given name first, lower case;
  uz-latin   the Uzbek Latin alphabet (Ў→Oʻ, Ғ→Gʻ, Қ→Q, Ҳ→H, Х→X, Ш→Sh, Ч→Ch, Ж→J), with ʻ and with
             each of ‘ ' ` ’ typed for it;
  az-ascii   Azerbaijani typed without its letters (Ə→A, Ö→O, Ü→U, Ş→Sh, Ç→Ch, Ğ→G, I/İ→I), and
             in capitals with İ;
  russian    the Russian spelling of a Kazakh or Uzbek name as the offices' texts write it (sources
             003 and 004): Ә→А, Ғ→Г, Қ→К, Ң→Н, Ө→О (or У, as in Булекпаев for Бөлекпаев), Ұ/Ү→У,
             І→И, Һ→Х, Ў→У, Ҳ→Х; a soft sign after Л before a consonant in a word of front vowels
             (Мөлдір → Мольдир).
  different  another person: a changed given name (Берік/Серік), a changed family name
             (Aliyev/Valiyev), the name of the other sex (Нұрланов/Нұрланова).

Usage: python3 make-name-pairs.py > name-pairs.csv   (Benchmarks/name-search.py imports its rules)
"""
import csv, sys

KZ = [  # family, given (Kazakh Cyrillic), sex
    ("Қалымбет", "Мөлдір", "f"), ("Бөлекпаев", "Ермағанбет", "m"), ("Серікбаев", "Ерлан", "m"), ("Жақсыбекова", "Гүлмира", "f"),
    ("Әбдірахманов", "Нұрбол", "m"), ("Сейітқызы", "Айгерім", "f"), ("Сапаров", "Дәурен", "m"), ("Нұрланов", "Дәурен", "m"),
    ("Серікова", "Жанар", "f"), ("Мұқанова", "Жанар", "f"), ("Ахметова", "Динара", "f"), ("Қалымбетова", "Айгерім", "f"),
    ("Төлеуов", "Бауыржан", "m"), ("Үсенов", "Ғалым", "m"), ("Ұлықпанов", "Асқар", "m"), ("Шәріпов", "Мұрат", "m"),
    ("Көшербаева", "Әсел", "f"), ("Оспанов", "Ілияс", "m"), ("Тұрсынбекова", "Ләззат", "f"), ("Жұмабаев", "Серік", "m"),
    ("Бекмұхамбетов", "Қайрат", "m"), ("Садықова", "Гүлнар", "f"), ("Исаев", "Берік", "m"), ("Ержанова", "Сәуле", "f"),
    ("Мырзахметов", "Бақыт", "m"), ("Рысқұлова", "Ақмарал", "f"), ("Нұрпейісов", "Ғани", "m"), ("Әлімжанова", "Қарлығаш", "f"),
    ("Дүйсенбаев", "Талғат", "m"), ("Есенова", "Мөлдір", "f"), ("Қасымов", "Нұрсұлтан", "m"), ("Сүлейменова", "Әйгерім", "f"),
]
UZ = [
    ("Ўринов", "Шуҳрат", "m"), ("Ғуломов", "Жамшид", "m"), ("Қодирова", "Нигора", "f"), ("Тошпўлатов", "Бахтиёр", "m"),
    ("Хўжаев", "Отабек", "m"), ("Эргашева", "Дилноза", "f"), ("Йўлдошев", "Ғайрат", "m"), ("Раҳимова", "Муҳаббат", "f"),
    ("Усмонов", "Ўткир", "m"), ("Қурбонова", "Гулчеҳра", "f"), ("Мирзаев", "Шерзод", "m"), ("Султонова", "Зулфия", "f"),
    ("Абдуллаев", "Жасур", "m"), ("Норқобилов", "Фарҳод", "m"), ("Исмоилова", "Моҳира", "f"), ("Ҳамроев", "Ўлмас", "m"),
]
AZ = [
    ("Əliyev", "Elçin", "m"), ("Məmmədova", "Leyla", "f"), ("Hüseynov", "Rəşad", "m"), ("Quliyeva", "Günel", "f"),
    ("İsmayılov", "Orxan", "m"), ("Rəhimova", "Aygün", "f"), ("Həsənov", "Tural", "m"), ("Abbasova", "Nərgiz", "f"),
    ("Mustafayev", "İlqar", "m"), ("Cəfərova", "Səbinə", "f"), ("Rzayev", "Şahin", "m"), ("Kərimova", "Ülviyyə", "f"),
]

KK_LATIN = dict(zip("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
                    ["a", "ä", "b", "v", "g", "ğ", "d", "e", "io", "j", "z", "i", "i", "k", "q", "l", "m", "n", "ñ", "o", "ö", "p",
                     "r", "s", "t", "u", "ū", "ü", "f", "h", "h", "s", "ç", "ş", "şş", "", "y", "ı", "", "e", "iu", "ia"]))
ICAO = dict(zip("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
                ["a", "a", "b", "v", "g", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "k", "l", "m", "n", "n", "o", "o", "p",
                 "r", "s", "t", "u", "u", "u", "f", "kh", "h", "ts", "ch", "sh", "shch", "ie", "y", "i", "", "e", "iu", "ia"]))
UZ_LATIN = dict(zip("абвгғдеёжзийкқлмнопрстуўфхҳцчшъьэюя",
                    ["a", "b", "v", "g", "gʻ", "d", "e", "yo", "j", "z", "i", "y", "k", "q", "l", "m", "n", "o", "p", "r", "s", "t",
                     "u", "oʻ", "f", "x", "h", "ts", "ch", "sh", "ʼ", "", "e", "yu", "ya"]))
RUSSIAN = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "і": "и", "һ": "х", "ў": "у", "ҳ": "х"}


def translit(text, table, capital=None):
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        piece = table.get(low, low)
        if ch != low and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
    return "".join(out)


def russian(text, variant=0):
    out = ""
    for i, ch in enumerate(text):
        low = ch.lower()
        rep = RUSSIAN.get(low, low)
        if low == "ө" and variant == 1:
            rep = "у"  # Булекпаев for Бөлекпаев
        # A soft sign after л before a consonant in a word of front vowels (Мөлдір → Мольдир).
        nxt = text[i + 1].lower() if i + 1 < len(text) else ""
        word = text[max(0, text.rfind(" ", 0, i) + 1):].split(" ")[0].lower()
        if low == "л" and nxt and nxt not in "аәеёиоөуұүыіэюя ьъ" and any(v in word for v in "өүәі"):
            rep = "ль"
        out += rep.upper() if ch != low and rep else rep
    return out[0].upper() + out[1:] if out else out


def az_ascii(text):
    table = {"ə": "a", "ö": "o", "ü": "u", "ş": "sh", "ç": "ch", "ğ": "g", "ı": "i", "i": "i", "x": "kh", "q": "g"}
    out = ""
    for ch in text:
        low = "i" if ch == "İ" else ch.lower()
        rep = table.get(low, low) if low in "əöüşçğı" else low
        out += rep.capitalize() if ch != ch.lower() or ch == "İ" else rep
    return out


def az_upper(text):
    return text.replace("i", "İ").upper()


def main():
    pairs = []
    for family, given, sex in KZ:
        stored = f"{family} {given}"
        pairs.append((stored, translit(stored, KK_LATIN), "ordinary", "kk-latin"))
        pairs.append((stored, translit(stored, ICAO).upper(), "ordinary", "icao"))
        pairs.append((stored, f"{given} {family}".lower(), "ordinary", "order"))
        pairs.append((stored, russian(stored), "russian", "russian"))
        if "ө" in stored.lower():
            pairs.append((stored, russian(stored, variant=1), "russian", "russian-u"))
    for family, given, sex in UZ:
        stored = f"{family} {given}"
        latin = translit(stored, UZ_LATIN)
        pairs.append((stored, latin, "ordinary", "uz-latin"))
        for mark in ("‘", "'", "`", "’"):
            if "ʻ" in latin:
                pairs.append((stored, latin.replace("ʻ", mark), "ordinary", "uz-apostrophe"))
        pairs.append((stored, f"{translit(given, UZ_LATIN)} {translit(family, UZ_LATIN)}".upper(), "ordinary", "order"))
        pairs.append((stored, russian(stored), "russian", "russian"))
    for family, given, sex in AZ:
        stored = f"{family} {given}"
        pairs.append((stored, az_ascii(stored), "ordinary", "az-ascii"))
        pairs.append((stored, az_upper(stored), "ordinary", "az-upper"))
        pairs.append((stored, f"{given} {family}".lower(), "ordinary", "order"))

    # Another person: a given name changed, a family name changed, the other sex.
    OTHER_GIVEN = {"Ерлан": "Арлан", "Серік": "Берік", "Берік": "Серік", "Жанар": "Жанат", "Дәурен": "Дәулет", "Мөлдір": "Мөлдіқан",
                   "Айгерім": "Айжан", "Мұрат": "Марат", "Асқар": "Аскер", "Динара": "Дина"}
    for family, given, sex in KZ:
        if given in OTHER_GIVEN:
            pairs.append((f"{family} {given}", f"{family} {OTHER_GIVEN[given]}", "different", "given"))
    for family, given, sex in KZ[:14]:
        other = family[:-1] if family.endswith("а") else family + "а"
        pairs.append((f"{family} {given}", f"{other} {given}", "different", "sex"))
    for number, (family, given, sex) in enumerate(AZ):
        other = next(f for f, _, s in AZ[number + 1:] + AZ[:number] if s == sex)
        pairs.append((f"{family} {given}", f"{'V' + family.lower() if family == 'Əliyev' else other} {given}", "different", "family"))
    for family, given, sex in UZ[:8]:
        pairs.append((f"{family} {given}", f"{family} {'Шерзод' if given != 'Шерзод' else 'Жасур'}", "different", "given"))

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["stored", "typed", "kind", "rule"])
    for row in pairs:
        writer.writerow(row)


if __name__ == "__main__":
    main()
