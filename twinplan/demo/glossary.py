"""The demo glossary: three global terms. The seed article defines "Nachhaltigkeit" and
"Ressource" inline; their German definitions are quoted from it. "Handlungsprogramm" it only
uses, so its definition paraphrases the article's context and is flagged as demo content.
The English, Serbian (Cyrillic; the Latin script is derived) and Vietnamese entries are
translations written for the demo, marked "translated by a person", never "reviewed"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from twinplan.core.translation import TranslationStatus
from twinplan.glossary.models import GlossaryTerm
from twinplan.glossary.services import glossary_term_create, glossary_term_translate

# What a translation names as its source, in its own language.
TRANSLATED_FROM = {
    "en": "Translation of the German entry; its source: {source}",
    "sr": "Превод немачког уноса; његов извор: {source}",
    "vi": "Bản dịch mục tiếng Đức; nguồn: {source}",
}


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoTerm:
    key: str
    german: Entry
    source_prefix: str  # "" for a quotation, else how the source was used
    is_demo_content: bool
    translations: dict[str, Entry] = field(default_factory=dict)


TERMS = [
    DemoTerm(
        key="nachhaltigkeit",
        german=Entry(
            "Nachhaltigkeit",
            "Nachhaltigkeit gilt als ökonomische oder soziale Entwicklung, die die Folgen der "
            "Entscheidungen in der Gegenwart für die Zukunft antizipiert und sie von diesen "
            "Folgen abhängig macht. In ökonomischer Hinsicht beschreibt das Konzept der "
            "Nachhaltigkeit eine Wirtschaftsweise, Gewinne bereits sozial- und "
            "umweltverträglich zu erwirtschaften, anstatt diese erst in Umwelt- und "
            "Sozialprojekte zu reinvestieren.",
        ),
        source_prefix="",
        is_demo_content=False,
        translations={
            "en": Entry(
                "Sustainability",
                "Sustainability is regarded as economic or social development that anticipates "
                "the consequences of present decisions for the future and makes those decisions "
                "depend on these consequences. In economic terms, the concept of sustainability "
                "describes a way of doing business that earns profits in a socially and "
                "environmentally compatible way from the start, instead of reinvesting them in "
                "environmental and social projects only afterwards.",
            ),
            "sr": Entry(
                "Одрживост",
                "Одрживост се сматра економским или друштвеним развојем који унапред сагледава "
                "последице данашњих одлука за будућност и чини те одлуке зависним од тих "
                "последица. У економском смислу, концепт одрживости описује начин привређивања "
                "у којем се добит од почетка остварује на друштвено и еколошки прихватљив "
                "начин, уместо да се тек накнадно реинвестира у еколошке и друштвене пројекте.",
                ("одрживости", "одрживошћу"),
            ),
            "vi": Entry(
                "Tính bền vững",
                "Tính bền vững được hiểu là sự phát triển kinh tế hoặc xã hội biết lường trước "
                "hậu quả của các quyết định hiện tại đối với tương lai và để các quyết định ấy "
                "phụ thuộc vào những hậu quả đó. Về mặt kinh tế, khái niệm bền vững mô tả một "
                "cách làm kinh tế tạo ra lợi nhuận theo cách có trách nhiệm với xã hội và môi "
                "trường ngay từ đầu, thay vì chỉ tái đầu tư lợi nhuận vào các dự án môi trường "
                "và xã hội sau đó.",
                ("bền vững", "phát triển bền vững"),
            ),
        },
    ),
    DemoTerm(
        key="ressource",
        german=Entry(
            "Ressource",
            "Der Begriff kommt aus dem Lateinischen (resurgere – „hervorquellen“) bzw. "
            "Französischen (la ressource – Mittel, Quelle). Er bezeichnet im weiteren Sinne "
            "alle Mittel, die in die Produktion von Gütern und Dienstleistungen einfließen. Zu "
            "den natürlichen Ressourcen zählen zum Beispiel Rohstoffe, Wasser, Boden und Luft. "
            "Sie werden unterschieden in regenerierbare (z.B. Wälder) und nicht regenerierbare "
            "Ressourcen (z.B. fossile Brennstoffe).",
            ("Ressourcen",),
        ),
        source_prefix="",
        is_demo_content=False,
        translations={
            "en": Entry(
                "Resource",
                "The term comes from Latin (resurgere – “to well up”) or French (la ressource "
                "– means, source). In the broader sense it denotes all means that go into the "
                "production of goods and services. Natural resources include, for example, raw "
                "materials, water, soil and air. They are divided into renewable (e.g. forests) "
                "and non-renewable resources (e.g. fossil fuels).",
                ("resources",),
            ),
            "sr": Entry(
                "Ресурс",
                "Појам потиче из латинског (resurgere – „извирати“) односно француског језика "
                "(la ressource – средство, извор). У ширем смислу означава сва средства која "
                "улазе у производњу добара и услуга. У природне ресурсе спадају, на пример, "
                "сировине, вода, земљиште и ваздух. Деле се на обновљиве (нпр. шуме) и "
                "необновљиве ресурсе (нпр. фосилна горива).",
                ("ресурса", "ресурсу", "ресурсом", "ресурси", "ресурсе", "ресурсима"),
            ),
            "vi": Entry(
                "Tài nguyên",
                "Thuật ngữ này bắt nguồn từ tiếng Latinh (resurgere – “trào lên”) và tiếng "
                "Pháp (la ressource – phương tiện, nguồn). Theo nghĩa rộng, nó chỉ mọi phương "
                "tiện được đưa vào sản xuất hàng hóa và dịch vụ. Tài nguyên thiên nhiên gồm, "
                "chẳng hạn, nguyên liệu thô, nước, đất và không khí. Chúng được chia thành tài "
                "nguyên tái tạo được (ví dụ rừng) và không tái tạo được (ví dụ nhiên liệu hóa "
                "thạch).",
                ("nguồn lực",),
            ),
        },
    ),
    DemoTerm(
        key="handlungsprogramm",
        german=Entry(
            "Handlungsprogramm",
            "Das gemeinsame Aktionsprogramm der Partnerkommunen: Ziele, konkrete Maßnahmen und "
            "die dafür zugeteilten Ressourcen für Klimaschutz und Anpassung an den "
            "Klimawandel. Es legt die Grundlage für eine langfristige, konstruktive und "
            "systematische Zusammenarbeit; der Artikel nennt es auch den Maßnahmenplan der "
            "Städtepartnerschaft.",
            ("Handlungsprogramms", "Handlungsprogrammes", "Handlungsprogramme",
             "Handlungsprogrammen"),
        ),
        source_prefix="Sinngemäß nach: ",
        is_demo_content=True,
        translations={
            "en": Entry(
                "Action programme",
                "The joint programme of action of the partner municipalities: goals, concrete "
                "measures and the resources allocated to them for climate protection and "
                "adaptation to climate change. It lays the foundation for long-term, "
                "constructive and systematic cooperation; the article also calls it the "
                "partnership's plan of measures.",
                ("action programmes", "action program", "action programs"),
            ),
            "sr": Entry(
                "Акциони програм",
                "Заједнички програм деловања партнерских општина: циљеви, конкретне мере и "
                "ресурси који су им додељени за заштиту климе и прилагођавање климатским "
                "променама. Поставља темељ за дугорочну, конструктивну и систематску сарадњу; "
                "чланак га назива и планом мера градског партнерства.",
                ("акционог програма", "акционом програму", "акциони програми",
                 "акционих програма", "акционим програмима"),
            ),
            "vi": Entry(
                "Chương trình hành động",
                "Chương trình hành động chung của các địa phương đối tác: các mục tiêu, biện "
                "pháp cụ thể và nguồn lực được phân bổ cho bảo vệ khí hậu và thích ứng với biến "
                "đổi khí hậu. Chương trình đặt nền tảng cho sự hợp tác lâu dài, mang tính xây "
                "dựng và có hệ thống; bài báo còn gọi đây là kế hoạch biện pháp của quan hệ đối "
                "tác.",
            ),
        },
    ),
]


@transaction.atomic
def glossary_terms_seed(*, source: str) -> list[GlossaryTerm]:
    """Create the global demo terms that are missing (`source`: the seed article); terms
    already there stay as they are, so running the seed again changes nothing."""
    terms = []
    for demo in TERMS:
        existing = GlossaryTerm.objects.filter(partnership__isnull=True, key=demo.key).first()
        if existing is not None:
            terms.append(existing)
            continue
        german_source = f"{demo.source_prefix}{source}"
        term = glossary_term_create(
            partnership=None, by=None, key=demo.key, term=demo.german.term,
            forms="\n".join(demo.german.forms), definition=demo.german.definition,
            source=german_source, original_language="de",
            is_demo_content=demo.is_demo_content,
        )
        for language, entry in demo.translations.items():
            glossary_term_translate(
                glossary_term=term, language=language, term=entry.term,
                forms="\n".join(entry.forms), definition=entry.definition,
                source=TRANSLATED_FROM[language].format(source=german_source),
                status=TranslationStatus.HUMAN,
            )
        terms.append(term)
    return terms
