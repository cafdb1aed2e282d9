"""The demo placeholder pictures' captions and alt texts: German originals and their
translations, read by `demo/media.py` when it draws them and by `demo/translations.py`,
whose table holds every German demo text."""

# German originals and their translations (sr-latn is derived from sr when read).
TEXTS: dict[str, dict[str, str]] = {
    "event_caption": {
        "de": "Platzhalterbild für „{title}“ (Demo, kein Foto)",
        "en": "Placeholder picture for “{title}” (demo, not a photo)",
        "sr": "Слика-чувар места за „{title}” (демо, није фотографија)",
        "vi": "Ảnh giữ chỗ cho “{title}” (minh họa, không phải ảnh thật)",
    },
    "event_alt": {
        "de": "Gezeichnetes Platzhalterbild mit dem Wort DEMO und dem Titel der "
              "Veranstaltung; es zeigt keine Personen und keinen Ort.",
        "en": "Drawn placeholder picture with the word DEMO and the event's title; it shows "
              "no people and no place.",
        "sr": "Нацртана слика-чувар места са речју DEMO и насловом догађаја; не приказује "
              "ни људе ни место.",
        "vi": "Ảnh giữ chỗ được vẽ với chữ DEMO và tên sự kiện; ảnh không có người và "
              "không có địa điểm thật.",
    },
    "cover_caption": {
        "de": "Platzhalter-Titelbild der Partnerschaft (Demo, kein Foto)",
        "en": "Placeholder cover picture of the partnership (demo, not a photo)",
        "sr": "Насловна слика-чувар места партнерства (демо, није фотографија)",
        "vi": "Ảnh bìa giữ chỗ của quan hệ đối tác (minh họa, không phải ảnh thật)",
    },
    "cover_alt": {
        "de": "Gezeichnetes Platzhalterbild mit dem Wort DEMO und dem Namen der "
              "Partnerschaft; es zeigt keine Personen und keinen Ort.",
        "en": "Drawn placeholder picture with the word DEMO and the partnership's name; it "
              "shows no people and no place.",
        "sr": "Нацртана слика-чувар места са речју DEMO и називом партнерства; не приказује "
              "ни људе ни место.",
        "vi": "Ảnh giữ chỗ được vẽ với chữ DEMO và tên quan hệ đối tác; ảnh không có người "
              "và không có địa điểm thật.",
    },
}
