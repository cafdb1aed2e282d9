"""The demo data in every interface language: English, Serbian (Cyrillic) and Vietnamese
translations of each German text the two seed partnerships show on their public pages.

The table is keyed by the German original, not by object, so it stays right when the seed
changes its order; a text the seed changes is simply no longer found, and its old
translation shows as outdated until the table catches up (a test names such texts).
Serbian Latin is not written here: `core.translation` derives it from the Cyrillic when it
is read. Translations written here are "human"; only a person marks one "reviewed", and a
reviewed translation is never touched.

Conventions: partner municipalities, the initiating association and the conference keep
their own names in every language (Samtgemeinde Bersenbrück, Wernigerode, Hội An, Brücken
bauen e.V., "Bildkorrekturen"); Ruma is Рума in Serbian; other places take their common
exonym (Belgrade / Београд / Beograd, Leipzig / Лајпциг, Düsseldorf / Диселдорф,
Gelsenkirchen / Гелзенкирхен). "Kommunal" is "municipal" in English and "локалне
самоуправе" in Serbian; Vietnamese follows the style of municipal communication.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from django.db import transaction

from twinplan.adaptation.models import MeasureAdaptation
from twinplan.core.models import TranslatableModel
from twinplan.core.services import translation_set
from twinplan.core.translation import TranslationStatus, fingerprint
from twinplan.demo.adaptation import ADAPTATION_TRANSLATIONS
from twinplan.demo.media_texts import TEXTS as MEDIA_TEXTS
from twinplan.events.models import Event
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Partnership

DEMO_PARTNERSHIPS = ("bersenbrueck-ruma", "wernigerode-hoi-an")
ORIGINAL_LANGUAGE = "de"
# sr-latn is derived from sr when read; de is the original.
TRANSLATION_LANGUAGES = ("en", "sr", "vi")
HUMAN = TranslationStatus.HUMAN.value
REVIEWED = TranslationStatus.REVIEWED.value

_WH_PROGRAMME_TEXT = (
    "Kommunen spielen eine zentrale Rolle in verschiedenen Bereichen der nachhaltigen "
    "Entwicklung.\nProjekte in diesem Bereich konzentrieren sich auf den fachlichen "
    "Austausch zwischen kommunalen Experten aus verschiedenen Themenbereichen.\nHierbei "
    "bringen sie ihr Fachwissen in technischer oder organisatorischer Hinsicht ein und "
    "nutzen und erweitern ihre interkulturellen und sprachlichen Fähigkeiten."
)
_WH_AIMS = (
    "Gemeinsame Aktionsprogramme mit Zielen, konkreten Maßnahmen und zugeteilten Ressourcen "
    "für den Klimaschutz und Anpassung (siehe Handlungsprogramm).\nDieses legt die Grundlage "
    "für eine langfristige, konstruktive und systematische Zusammenarbeit zwischen den "
    "Partnergemeinden."
)
_BR_AGENDA_VALUE = (
    "Sensibilisierung der Politik und der Verwaltung für die Agenda 2030.\n"
    "Durch Öffentlichkeitsarbeit wird die Agenda in die Bevölkerung getragen.\n"
    "Bildungsträger werden zunehmend für die Agenda sensibilisiert und zu Multiplikatoren.\n"
    "Ziel: Weitere gemeinsame Projekte über den Förderzeitraum hinaus."
)

DEMO_TRANSLATIONS: dict[str, dict[str, str]] = {
    # --- municipalities: facts ---------------------------------------------------------
    "Vietnamesen sind die größte Migrantengruppe in Wernigerode.": {
        "en": "Vietnamese people are the largest migrant group in Wernigerode.",
        "sr": "Вијетнамци су највећа група миграната у граду Wernigerode.",
        "vi": "Cộng đồng người Việt là nhóm người nhập cư đông nhất tại Wernigerode.",
    },
    "Ehemals einer der größten Häfen in Südostasien.": {
        "en": "Formerly one of the largest ports in South-East Asia.",
        "sr": "Некада једна од највећих лука у Југоисточној Азији.",
        "vi": "Từng là một trong những thương cảng lớn nhất Đông Nam Á.",
    },
    "UNESCO-Weltkulturerbe seit 1999.": {
        "en": "UNESCO World Heritage Site since 1999.",
        "sr": "Део светске културне баштине УНЕСКО-а од 1999. године.",
        "vi": "Di sản Văn hóa Thế giới được UNESCO công nhận từ năm 1999.",
    },
    # --- funding programmes --------------------------------------------------------------
    "Kommunale Klimapartnerschaften": {
        "en": "Municipal Climate Partnerships",
        "sr": "Климатска партнерства локалних самоуправа",
        "vi": "Đối tác khí hậu giữa các địa phương",
    },
    _WH_PROGRAMME_TEXT: {
        "en": (
            "Municipalities play a central role in many areas of sustainable development.\n"
            "Projects in this area concentrate on the professional exchange between "
            "municipal experts from different fields.\n"
            "The experts contribute their technical or organisational know-how, and use and "
            "extend their intercultural and language skills."
        ),
        "sr": (
            "Локалне самоуправе имају средишњу улогу у различитим областима одрживог "
            "развоја.\n"
            "Пројекти у овој области усредсређени су на стручну размену између стручњака "
            "локалних самоуправа из различитих области.\n"
            "При томе стручњаци доприносе својим знањем у техничком или организационом "
            "погледу, а своје интеркултурне и језичке вештине користе и унапређују."
        ),
        "vi": (
            "Chính quyền địa phương đóng vai trò trung tâm trong nhiều lĩnh vực của phát "
            "triển bền vững.\n"
            "Các dự án trong lĩnh vực này tập trung vào trao đổi chuyên môn giữa các chuyên "
            "gia của chính quyền địa phương thuộc nhiều lĩnh vực khác nhau.\n"
            "Qua đó, các chuyên gia đóng góp kiến thức chuyên môn về kỹ thuật hoặc tổ chức, "
            "đồng thời vận dụng và nâng cao năng lực liên văn hóa và ngoại ngữ của mình."
        ),
    },
    "Kommunale Nachhaltigkeitspartnerschaften": {
        "en": "Municipal Sustainability Partnerships",
        "sr": "Партнерства локалних самоуправа за одрживи развој",
        "vi": "Đối tác phát triển bền vững giữa các địa phương",
    },
    # --- Wernigerode – Hội An: partnership, award ----------------------------------------
    "Kommunale Klimapartnerschaft Wernigerode – Hội An": {
        "en": "Municipal Climate Partnership Wernigerode – Hội An",
        "sr": "Климатско партнерство градова Wernigerode – Hội An",
        "vi": "Quan hệ đối tác khí hậu Wernigerode – Hội An",
    },
    "Ausgezeichnet mit dem Deutschen Nachhaltigkeitspreis 2018 in der Kategorie "
    "„Kommunale Partnerschaften“.": {
        "en": "Winner of the German Sustainability Award 2018 in the category "
              "“Municipal Partnerships”.",
        "sr": "Добитник Немачке награде за одрживост 2018. у категорији „Партнерства "
              "локалних самоуправа“.",
        "vi": "Được trao Giải thưởng Phát triển bền vững Đức năm 2018 ở hạng mục "
              "“Đối tác giữa các địa phương”.",
    },
    "Am Anfang der Kommunalen Klimapartnerschaft zwischen Hội An und Wernigerode standen "
    "lediglich ein vietnamesisches Essen und eine Idee. Mittlerweile konnten zahlreiche "
    "interkulturelle Projekte zusammen umgesetzt werden.": {
        "en": "The municipal climate partnership between Hội An and Wernigerode began with "
              "nothing more than a Vietnamese meal and an idea. Since then, the partners have "
              "carried out many intercultural projects together.",
        "sr": "Климатско партнерство градова Hội An и Wernigerode почело је само једним "
              "вијетнамским оброком и једном идејом. У међувремену су заједно спроведени "
              "бројни интеркултурни пројекти.",
        "vi": "Quan hệ đối tác khí hậu giữa Hội An và Wernigerode khởi đầu chỉ từ một bữa "
              "ăn Việt Nam và một ý tưởng. Đến nay, hai thành phố đã cùng nhau triển khai "
              "nhiều dự án liên văn hóa.",
    },
    _WH_AIMS: {
        "en": (
            "Joint action programmes with goals, concrete measures and allocated resources "
            "for climate protection and adaptation (see the action programme).\n"
            "This lays the foundation for long-term, constructive and systematic cooperation "
            "between the partner municipalities."
        ),
        "sr": (
            "Заједнички акциони програми са циљевима, конкретним мерама и додељеним "
            "ресурсима за заштиту климе и прилагођавање климатским променама (видети "
            "акциони програм).\n"
            "Тиме се поставља темељ за дугорочну, конструктивну и систематску сарадњу "
            "партнерских градова."
        ),
        "vi": (
            "Xây dựng các chương trình hành động chung với mục tiêu, biện pháp cụ thể và "
            "nguồn lực được phân bổ cho công tác bảo vệ khí hậu và thích ứng với biến đổi "
            "khí hậu (xem Chương trình hành động).\n"
            "Đây là nền tảng cho sự hợp tác lâu dài, mang tính xây dựng và có hệ thống giữa "
            "các địa phương đối tác."
        ),
    },
    "Deutscher Nachhaltigkeitspreis 2018": {
        "en": "German Sustainability Award 2018",
        "sr": "Немачка награда за одрживост 2018",
        "vi": "Giải thưởng Phát triển bền vững Đức 2018",
    },
    "Kommunale Partnerschaften": {
        "en": "Municipal Partnerships",
        "sr": "Партнерства локалних самоуправа",
        "vi": "Đối tác giữa các địa phương",
    },
    "Zum 11. Mal verliehen; prämiert wurden Spitzenleistungen der Nachhaltigkeit in "
    "Wirtschaft, Kommunen und Forschung. In der Kategorie „Kommunale Partnerschaften“ wurde "
    "der Preis erstmals vergeben; die Partnerstädte erhielten jeweils 30.000 € für die "
    "Umsetzung gemeinsamer Projekte.": {
        "en": "Awarded for the 11th time, honouring outstanding achievements in "
              "sustainability in business, municipalities and research. The award was "
              "presented in the category “Municipal Partnerships” for the first time; each "
              "partner city received €30,000 to carry out joint projects.",
        "sr": "Награда је додељена једанаести пут, за врхунска достигнућа у области "
              "одрживости у привреди, локалним самоуправама и истраживању. У категорији "
              "„Партнерства локалних самоуправа“ награда је додељена први пут; сваки од "
              "партнерских градова добио је по 30.000 евра за спровођење заједничких "
              "пројеката.",
        "vi": "Giải thưởng được trao lần thứ 11, tôn vinh những thành tựu xuất sắc về phát "
              "triển bền vững trong các lĩnh vực kinh tế, chính quyền địa phương và nghiên "
              "cứu. Hạng mục “Đối tác giữa các địa phương” được trao giải lần đầu tiên; mỗi "
              "thành phố đối tác nhận 30.000 euro để triển khai các dự án chung.",
    },
    # --- Wernigerode – Hội An: programme ---------------------------------------------------
    "Handlungsprogramm – Maßnahmenplan der Städtepartnerschaft": {
        "en": "Action programme – plan of measures of the city partnership",
        "sr": "Акциони програм – план мера партнерства градова",
        "vi": "Chương trình hành động – Kế hoạch các biện pháp của quan hệ đối tác giữa hai "
              "thành phố",
    },
    "Klimaschutz": {  # field of action (W–HA) and idea (B–R)
        "en": "Climate protection",
        "sr": "Заштита климе",
        "vi": "Bảo vệ khí hậu",
    },
    "Klimaanpassung": {
        "en": "Climate adaptation",
        "sr": "Прилагођавање климатским променама",
        "vi": "Thích ứng với biến đổi khí hậu",
    },
    "Energieverbrauch kommunaler Gebäude senken": {
        "en": "Reduce the energy consumption of municipal buildings",
        "sr": "Смањење потрошње енергије у зградама у власништву града",
        "vi": "Giảm tiêu thụ năng lượng tại các công trình công của thành phố",
    },
    "Altstadt und Bevölkerung vor Hochwasser schützen": {
        "en": "Protect the old town and its people from flooding",
        "sr": "Заштита старог градског језгра и становништва од поплава",
        "vi": "Bảo vệ khu phố cổ và người dân trước lũ lụt",
    },
    "Fachaustausch zur Energieeffizienz kommunaler Gebäude": {
        "en": "Expert exchange on the energy efficiency of municipal buildings",
        "sr": "Стручна размена о енергетској ефикасности зграда у власништву града",
        "vi": "Trao đổi chuyên môn về hiệu quả năng lượng của các công trình công",
    },
    "Hochwasser-Frühwarnung für die Altstadt von Hội An": {
        "en": "Flood early warning for the old town of Hội An",
        "sr": "Рано упозоравање на поплаве за старо градско језгро града Hội An",
        "vi": "Cảnh báo sớm lũ lụt cho khu phố cổ Hội An",
    },
    # --- Wernigerode – Hội An: events ------------------------------------------------------
    "Verleihung des Deutschen Nachhaltigkeitspreises 2018": {
        "en": "German Sustainability Award 2018 ceremony",
        "sr": "Додела Немачке награде за одрживост 2018",
        "vi": "Lễ trao Giải thưởng Phát triển bền vững Đức 2018",
    },
    "Wernigerode und Hội An werden in der Kategorie „Kommunale Partnerschaften“ "
    "ausgezeichnet.": {
        "en": "Wernigerode and Hội An receive the award in the category "
              "“Municipal Partnerships”.",
        "sr": "Градови Wernigerode и Hội An добијају награду у категорији „Партнерства "
              "локалних самоуправа“.",
        "vi": "Wernigerode và Hội An được vinh danh ở hạng mục “Đối tác giữa các địa "
              "phương”.",
    },
    "Konferenz „Bildkorrekturen“ in Leipzig": {
        "en": "Conference “Bildkorrekturen” in Leipzig",
        "sr": "Конференција „Bildkorrekturen“ у Лајпцигу",
        "vi": "Hội nghị “Bildkorrekturen” tại Leipzig",
    },
    "Welche Maßnahmen wurden für den Klimaschutz ergriffen? Inwieweit können auch kleine "
    "Kommunen einen Beitrag zum Klimaschutz leisten, und wie geht es nach dem Gewinn des "
    "Nachhaltigkeitspreises weiter?": {
        "en": "Which measures were taken to protect the climate? To what extent can small "
              "municipalities, too, contribute to climate protection, and what comes next "
              "after winning the Sustainability Award?",
        "sr": "Које мере су предузете за заштиту климе? У којој мери и мале локалне "
              "самоуправе могу да допринесу заштити климе и шта следи након освајања "
              "награде за одрживост?",
        "vi": "Những biện pháp nào đã được thực hiện để bảo vệ khí hậu? Các địa phương nhỏ "
              "có thể đóng góp vào công tác bảo vệ khí hậu đến mức nào, và chặng đường tiếp "
              "theo sau khi đoạt Giải thưởng Phát triển bền vững sẽ ra sao?",
    },
    "Katrin Anders, Mitarbeiterin der Stadt Wernigerode": {
        "en": "Katrin Anders, staff member of the City of Wernigerode",
        "sr": "Katrin Anders, запослена у управи града Wernigerode",
        "vi": "Bà Katrin Anders, cán bộ chính quyền thành phố Wernigerode",
    },
    "Delegationsreise aus Wernigerode nach Hội An": {
        "en": "Delegation trip from Wernigerode to Hội An",
        "sr": "Посета делегације из града Wernigerode граду Hội An",
        "vi": "Chuyến công tác của đoàn Wernigerode tới Hội An",
    },
    # --- Samtgemeinde Bersenbrück – Ruma: partnership ------------------------------------
    "Samtgemeinde Bersenbrück – Stadt Ruma": {
        "en": "Samtgemeinde Bersenbrück – City of Ruma",
        "sr": "Samtgemeinde Bersenbrück – Град Рума",
        "vi": "Samtgemeinde Bersenbrück – Thành phố Ruma",
    },
    "Kommunale Nachhaltigkeitspartnerschaft zwischen der Samtgemeinde Bersenbrück "
    "(Deutschland) und der Stadt Ruma (Serbien).": {
        "en": "Municipal sustainability partnership between the Samtgemeinde Bersenbrück "
              "(Germany) and the City of Ruma (Serbia).",
        "sr": "Партнерство за одрживи развој између заједнице општина Samtgemeinde "
              "Bersenbrück (Немачка) и града Руме (Србија).",
        "vi": "Quan hệ đối tác phát triển bền vững giữa Samtgemeinde Bersenbrück (Đức) và "
              "thành phố Ruma (Serbia).",
    },
    "Die Partnerschaft wurde vom Verein Brücken bauen e.V. initiiert. Reger Austausch auch "
    "außerhalb des Projektes kommunale Nachhaltigkeitspartnerschaft.": {
        "en": "The partnership was initiated by the association Brücken bauen e.V. There is "
              "a lively exchange beyond the municipal sustainability partnership project, "
              "too.",
        "sr": "Партнерство је покренуло удружење Brücken bauen e.V. Жива размена одвија се "
              "и ван пројекта партнерства за одрживи развој.",
        "vi": "Quan hệ đối tác do hiệp hội Brücken bauen e.V. khởi xướng. Hai bên giao lưu "
              "sôi nổi cả ngoài khuôn khổ dự án đối tác phát triển bền vững.",
    },
    _BR_AGENDA_VALUE: {
        "en": (
            "Raising awareness of the 2030 Agenda among politicians and the administration.\n"
            "Public relations work carries the Agenda to the population.\n"
            "Educational institutions are increasingly made aware of the Agenda and become "
            "multipliers.\n"
            "Aim: further joint projects beyond the funding period."
        ),
        "sr": (
            "Подизање свести политичких представника и управе о Агенди 2030.\n"
            "Кроз рад са јавношћу Агенда се преноси становништву.\n"
            "Образовне установе све су свесније значаја Агенде и постају "
            "мултипликатори.\n"
            "Циљ: нови заједнички пројекти и након истека периода финансирања."
        ),
        "vi": (
            "Nâng cao nhận thức của lãnh đạo chính quyền và bộ máy hành chính về Chương "
            "trình Nghị sự 2030.\n"
            "Thông qua công tác truyền thông, Chương trình Nghị sự được lan tỏa đến người "
            "dân.\n"
            "Các cơ sở giáo dục ngày càng hiểu rõ về Chương trình Nghị sự và trở thành "
            "nhân tố lan tỏa.\n"
            "Mục tiêu: tiếp tục triển khai các dự án chung sau khi kết thúc giai đoạn tài "
            "trợ."
        ),
    },
    "Freundschaftsvertrag": {
        "en": "Friendship agreement",
        "sr": "Споразум о пријатељству",
        "vi": "Thỏa thuận hữu nghị",
    },
    # phases
    "Ideensammlung": {
        "en": "Collecting ideas",
        "sr": "Прикупљање идеја",
        "vi": "Thu thập ý tưởng",
    },
    "Delegationsreisen und Abstimmung": {
        "en": "Delegation trips and coordination",
        "sr": "Посете делегација и усаглашавање",
        "vi": "Các chuyến công tác của đoàn và thống nhất phương hướng",
    },
    "Umsetzung der Pilotmaßnahmen": {
        "en": "Implementing the pilot measures",
        "sr": "Спровођење пилот-мера",
        "vi": "Triển khai các biện pháp thí điểm",
    },
    "Ergebniskonferenz": {
        "en": "Results conference",
        "sr": "Конференција о резултатима",
        "vi": "Hội nghị tổng kết",
    },
    # --- Samtgemeinde Bersenbrück – Ruma: programme ----------------------------------------
    "Handlungsprogramm der Nachhaltigkeitspartnerschaft": {
        "en": "Action programme of the sustainability partnership",
        "sr": "Акциони програм партнерства за одрживи развој",
        "vi": "Chương trình hành động của quan hệ đối tác phát triển bền vững",
    },
    "Regenerative Energien spielen in Serbien noch eine untergeordnete Rolle; der "
    "Strommarkt in Serbien ist im Umbruch.": {
        "en": "Renewable energy still plays a minor role in Serbia; the Serbian electricity "
              "market is in transition.",
        "sr": "Обновљиви извори енергије у Србији и даље имају споредну улогу; тржиште "
              "електричне енергије у Србији пролази кроз трансформацију.",
        "vi": "Năng lượng tái tạo ở Serbia vẫn giữ vai trò thứ yếu; thị trường điện của "
              "Serbia đang trong giai đoạn chuyển đổi.",
    },
    "Sensibilisierung der Bevölkerung für saubere und bezahlbare Energie": {
        "en": "Raising public awareness of clean and affordable energy",
        "sr": "Подизање свести грађана о чистој и приступачној енергији",
        "vi": "Nâng cao nhận thức của người dân về năng lượng sạch với giá thành hợp lý",
    },
    "Beitrag zur Energiewende": {
        "en": "Contributing to the energy transition",
        "sr": "Допринос енергетској транзицији",
        "vi": "Góp phần vào quá trình chuyển dịch năng lượng",
    },
    "Sensibilisierung der Bevölkerung für Klimaschutz": {
        "en": "Raising public awareness of climate protection",
        "sr": "Подизање свести грађана о заштити климе",
        "vi": "Nâng cao nhận thức của người dân về bảo vệ khí hậu",
    },
    "Beitrag zur weltweiten CO₂-Reduktion": {
        "en": "Contributing to the global reduction of CO₂ emissions",
        "sr": "Допринос смањењу емисија CO₂ на глобалном нивоу",
        "vi": "Góp phần giảm phát thải CO₂ trên toàn cầu",
    },
    "Pilotmaßnahme „Saubere und bezahlbare Energie“": {
        "en": "Pilot measure “Clean and affordable energy”",
        "sr": "Пилот-мера „Чиста и приступачна енергија“",
        "vi": "Biện pháp thí điểm “Năng lượng sạch với giá thành hợp lý”",
    },
    "Regenerative Energien spielen in Serbien noch eine untergeordnete Rolle.\n"
    "Der Strommarkt in Serbien ist im Umbruch.": {
        "en": "Renewable energy still plays a minor role in Serbia.\n"
              "The Serbian electricity market is in transition.",
        "sr": "Обновљиви извори енергије у Србији и даље имају споредну улогу.\n"
              "Тржиште електричне енергије у Србији пролази кроз трансформацију.",
        "vi": "Năng lượng tái tạo ở Serbia vẫn giữ vai trò thứ yếu.\n"
              "Thị trường điện của Serbia đang trong giai đoạn chuyển đổi.",
    },
    "Pilotmaßnahme „Klimaschutz“": {
        "en": "Pilot measure “Climate protection”",
        "sr": "Пилот-мера „Заштита климе“",
        "vi": "Biện pháp thí điểm “Bảo vệ khí hậu”",
    },
    "Klimaschutz rückt zunehmend in den Fokus auch von Kommunen.\n"
    "Insbesondere Industrieländer wie Deutschland haben eine globale Verantwortung.": {
        "en": "Climate protection is increasingly a focus for municipalities, too.\n"
              "Industrialised countries such as Germany in particular have a global "
              "responsibility.",
        "sr": "Заштита климе све више долази у средиште пажње и локалних самоуправа.\n"
              "Нарочито индустријски развијене земље попут Немачке имају глобалну "
              "одговорност.",
        "vi": "Bảo vệ khí hậu ngày càng trở thành trọng tâm, kể cả đối với chính quyền địa "
              "phương.\n"
              "Đặc biệt, các nước công nghiệp phát triển như Đức có trách nhiệm toàn cầu.",
    },
    # progress entries (the same six steps for both pilots)
    "Erste Ideensammlung auf der Auftaktveranstaltung in Gelsenkirchen.": {
        "en": "First collection of ideas at the kick-off event in Gelsenkirchen.",
        "sr": "Прво прикупљање идеја на уводном скупу у Гелзенкирхену.",
        "vi": "Thu thập ý tưởng lần đầu tại hội nghị khởi động ở Gelsenkirchen.",
    },
    "Vertiefung auf der ersten Delegationsreise in Ruma.": {
        "en": "Ideas developed further on the first delegation trip to Ruma.",
        "sr": "Продубљивање идеја током прве посете делегације Руми.",
        "vi": "Phát triển sâu hơn các ý tưởng trong chuyến công tác đầu tiên của đoàn tới "
              "Ruma.",
    },
    "Abstimmung eines gemeinsamen Vorgehens.": {
        "en": "Agreeing on a common approach.",
        "sr": "Усаглашавање заједничког приступа.",
        "vi": "Thống nhất cách tiếp cận chung.",
    },
    "Weitere Abstimmung auf der zweiten Delegationsreise.": {
        "en": "Further coordination on the second delegation trip.",
        "sr": "Даље усаглашавање током друге посете делегације.",
        "vi": "Tiếp tục thống nhất trong chuyến công tác thứ hai của đoàn.",
    },
    "Projekt noch in der Umsetzungsphase (Stand der Ergebniskonferenz in Belgrad).": {
        "en": "Project still being implemented (as of the results conference in Belgrade).",
        "sr": "Пројекат је још у фази спровођења (стање у време конференције о резултатима "
              "у Београду).",
        "vi": "Dự án vẫn đang trong giai đoạn triển khai (tính đến hội nghị tổng kết tại "
              "Beograd).",
    },
    "Erste kommunale Gebäude gemeinsam begangen; Sanierungsvorschläge in Arbeit.": {
        "en": "First municipal buildings inspected together; renovation proposals in "
              "preparation.",
        "sr": "Прве зграде локалне самоуправе заједнички обиђене; предлози за санацију су "
              "у изради.",
        "vi": "Đã cùng khảo sát những tòa nhà đầu tiên của chính quyền thành phố; các đề "
              "xuất cải tạo đang được soạn thảo.",
    },
    "Wärmeverbrauch der kommunalen Gebäude in Wernigerode": {
        "en": "Heat consumption of the municipal buildings in Wernigerode",
        "sr": "Потрошња топлоте у зградама локалне самоуправе у граду Wernigerode",
        "vi": "Mức tiêu thụ nhiệt của các tòa nhà thuộc chính quyền thành phố Wernigerode",
    },
    "Möglichkeit der Einbindung des Projektes in Schulprojekten.": {
        "en": "The project could be integrated into school projects.",
        "sr": "Могућност укључивања пројекта у школске пројекте.",
        "vi": "Có thể lồng ghép dự án vào các dự án của trường học.",
    },
    # challenges (the same three for both pilots)
    "Sprachbarrieren erschweren die Projektumsetzung.": {
        "en": "Language barriers make it harder to implement the project.",
        "sr": "Језичке баријере отежавају спровођење пројекта.",
        "vi": "Rào cản ngôn ngữ gây khó khăn cho việc triển khai dự án.",
    },
    "Die verfügbaren Ressourcen erschweren die Projektumsetzung.": {
        "en": "The resources available make it harder to implement the project.",
        "sr": "Расположиви ресурси отежавају спровођење пројекта.",
        "vi": "Nguồn lực sẵn có còn hạn chế, gây khó khăn cho việc triển khai dự án.",
    },
    "Die Einbindung Dritter erschwert die Projektumsetzung.": {
        "en": "Involving third parties makes it harder to implement the project.",
        "sr": "Укључивање трећих страна отежава спровођење пројекта.",
        "vi": "Việc huy động sự tham gia của các bên thứ ba gây khó khăn cho việc triển "
              "khai dự án.",
    },
    # --- Samtgemeinde Bersenbrück – Ruma: events, outcomes, ideas ------------------------
    "Auftaktveranstaltung in Gelsenkirchen": {
        "en": "Kick-off event in Gelsenkirchen",
        "sr": "Уводни скуп у Гелзенкирхену",
        "vi": "Hội nghị khởi động tại Gelsenkirchen",
    },
    "Erste Ideensammlung.": {
        "en": "First collection of ideas.",
        "sr": "Прво прикупљање идеја.",
        "vi": "Thu thập ý tưởng lần đầu.",
    },
    "Saubere und bezahlbare Energie": {
        "en": "Clean and affordable energy",
        "sr": "Чиста и приступачна енергија",
        "vi": "Năng lượng sạch với giá thành hợp lý",
    },
    "Erste Delegationsreise nach Ruma": {
        "en": "First delegation trip to Ruma",
        "sr": "Прва посета делегације Руми",
        "vi": "Chuyến công tác đầu tiên của đoàn tới Ruma",
    },
    "Vertiefung der Ideen aus Gelsenkirchen; Abstimmung eines gemeinsamen Vorgehens.": {
        "en": "The ideas from Gelsenkirchen were developed further; a common approach was "
              "agreed.",
        "sr": "Продубљивање идеја из Гелзенкирхена; усаглашавање заједничког приступа.",
        "vi": "Phát triển sâu hơn các ý tưởng từ Gelsenkirchen; thống nhất cách tiếp cận "
              "chung.",
    },
    "Zweite Delegationsreise": {
        "en": "Second delegation trip",
        "sr": "Друга посета делегације",
        "vi": "Chuyến công tác thứ hai của đoàn",
    },
    "Weitere Abstimmung.": {
        "en": "Further coordination.",
        "sr": "Даље усаглашавање.",
        "vi": "Tiếp tục thống nhất các nội dung.",
    },
    "Öffentlichkeitsveranstaltung in Bersenbrück": {
        "en": "Public event in Bersenbrück",
        "sr": "Јавни догађај у месту Bersenbrück",
        "vi": "Sự kiện cộng đồng tại Bersenbrück",
    },
    "Öffentlichkeitsveranstaltung in Ruma": {
        "en": "Public event in Ruma",
        "sr": "Јавни догађај у Руми",
        "vi": "Sự kiện cộng đồng tại Ruma",
    },
    "Ergebniskonferenz Kommunale Nachhaltigkeitspartnerschaften in Belgrad": {
        "en": "Results conference of the Municipal Sustainability Partnerships in Belgrade",
        "sr": "Конференција о резултатима програма „Партнерства локалних самоуправа за "
              "одрживи развој“ у Београду",
        "vi": "Hội nghị tổng kết chương trình Đối tác phát triển bền vững giữa các địa "
              "phương tại Beograd",
    },
    "Die Partnerschaft stellt ihre Pilotmaßnahmen, deren Prozessentwicklung und Umsetzung "
    "sowie den Mehrwert der Agenda 2030 für die Kommune vor.": {
        "en": "The partnership presents its pilot measures, how they developed and were "
              "implemented, and the value of the 2030 Agenda for the municipality.",
        "sr": "Партнерство представља своје пилот-мере, ток њиховог развоја и спровођења, "
              "као и додатну вредност Агенде 2030 за локалну самоуправу.",
        "vi": "Quan hệ đối tác giới thiệu các biện pháp thí điểm, quá trình xây dựng và "
              "triển khai các biện pháp này, cũng như giá trị gia tăng của Chương trình Nghị "
              "sự 2030 đối với địa phương.",
    },
    # --- impact and money (demo figures, invented; seed.impact_demo) -----------------------
    "Demo: Förderung der PV-Anlage (erfunden)": {
        "en": "Demo: funding for the PV system (invented)",
        "sr": "Демо: финансирање фотонапонског система (измишљено)",
        "vi": "Minh họa: kinh phí tài trợ hệ thống điện mặt trời (số liệu giả định)",
    },
    "Demo: Eigenanteil der Stadt Ruma (erfunden)": {
        "en": "Demo: the City of Ruma's own contribution (invented)",
        "sr": "Демо: сопствено учешће града Руме (измишљено)",
        "vi": "Minh họa: phần vốn đối ứng của thành phố Ruma (số liệu giả định)",
    },
    "Demo: Preisgeld für die Gebäudesanierung (erfunden)": {
        "en": "Demo: prize money for renovating the buildings (invented)",
        "sr": "Демо: новчана награда за обнову зграда (измишљено)",
        "vi": "Minh họa: tiền thưởng dành cho cải tạo công trình (số liệu giả định)",
    },
    "Demo: Arbeitszeit der Bauverwaltung (erfunden)": {
        "en": "Demo: working time of the building department (invented)",
        "sr": "Демо: радно време грађевинске службе (измишљено)",
        "vi": "Minh họa: thời gian làm việc của phòng xây dựng (số liệu giả định)",
    },
    "Demo: Eigenmittel für die Frühwarnanlage (erfunden)": {
        "en": "Demo: own funds for the early-warning system (invented)",
        "sr": "Демо: сопствена средства за систем раног упозоравања (измишљено)",
        "vi": "Minh họa: vốn tự có cho hệ thống cảnh báo sớm (số liệu giả định)",
    },
}


def _normalised(text: str) -> str:
    # As the fingerprint sees it: Unicode NFC, runs of white space as one space.
    return " ".join(unicodedata.normalize("NFC", text or "").split())


DEMO_TRANSLATIONS.update(ADAPTATION_TRANSLATIONS)  # the demo climate risks and A1


def _media_translations() -> dict[str, dict[str, str]]:
    """The placeholder pictures' texts (demo/media.py): the fixed ones, and the caption of
    each public event's picture with the event's title as this table translates it."""
    def others(texts: dict[str, str], title: dict[str, str] | None = None) -> dict[str, str]:
        return {language: text.format(title=(title or {}).get(language, ""))
                for language, text in texts.items() if language != ORIGINAL_LANGUAGE}

    table = {MEDIA_TEXTS[key]["de"]: others(MEDIA_TEXTS[key])
             for key in ("event_alt", "cover_caption", "cover_alt")}
    for town in ("Bersenbrück", "Ruma"):  # the public events that get a picture
        title = f"Öffentlichkeitsveranstaltung in {town}"
        table[MEDIA_TEXTS["event_caption"]["de"].format(title=title)] = others(
            MEDIA_TEXTS["event_caption"], DEMO_TRANSLATIONS[title])
    return table


DEMO_TRANSLATIONS.update(_media_translations())
_BY_ORIGINAL = {_normalised(german): texts for german, texts in DEMO_TRANSLATIONS.items()}


def demo_translation(original: str) -> dict[str, str] | None:
    """The translations of a German demo text, by language; None when the table lacks it."""
    return _BY_ORIGINAL.get(_normalised(original))


def demo_objects(slugs: tuple[str, ...] = DEMO_PARTNERSHIPS) -> Iterator[TranslatableModel]:
    """Every translatable object the demo partnerships show, found by natural key (the
    partnership's slug) and then through its relations; an object may come twice."""
    for partnership in Partnership.objects.filter(slug__in=slugs).order_by("slug"):
        yield partnership
        if partnership.funding_programme is not None:
            yield partnership.funding_programme
        if partnership.initiator is not None:
            yield partnership.initiator
        for municipality in partnership.municipalities.all():
            yield municipality
            yield from municipality.facts.all()
            yield from municipality.climate_risks.all()
            yield from municipality.organisations.all()
        yield from partnership.agreements.all()
        yield from partnership.awards.all()
        yield from partnership.phases.all()
        for programme in partnership.programmes.all():
            yield programme
            yield from programme.baselines.all()
            yield from programme.fields.all()
            for goal in programme.goals.all():
                yield goal
                yield from goal.indicators.all()
            for measure in programme.measures.all():
                yield measure
                yield from measure.progress.all()
                yield from measure.challenges.all()
                yield from measure.resources.all()
                yield from measure.indicators.all()
                yield from MeasureAdaptation.objects.filter(measure=measure)
                yield from measure.adaptation_effects.all()
                yield from Organisation.objects.filter(
                    pk__in=measure.actors.exclude(organisation=None).values("organisation")
                )
        event: Event
        for event in partnership.events.all():
            yield event
            yield from event.outcomes.all()
            yield from event.ideas.all()
            yield from event.organisations.all()


def _kept(entry: object, source: str) -> bool:
    """A person's translation stays: a reviewed one always, a human one while its original
    has not changed (even when it differs from the table: someone edited it)."""
    if not isinstance(entry, dict) or not entry.get("text"):
        return False
    if entry.get("status") == REVIEWED:
        return True
    return entry.get("status") == HUMAN and entry.get("source_fingerprint") == fingerprint(
        source
    )


@transaction.atomic
def demo_translations_apply(slugs: tuple[str, ...] = DEMO_PARTNERSHIPS) -> int:
    """Store the table's translation of every German demo text as "human" where it is
    missing, machine-made or outdated; a person's current or reviewed translation is left
    alone. Returns how many were written (none on a second run)."""
    written = 0
    seen: set[tuple[str, int]] = set()
    for obj in demo_objects(slugs):
        key = (obj._meta.label, obj.pk)
        if key in seen or obj.original_language != ORIGINAL_LANGUAGE:
            continue
        seen.add(key)
        for field in obj.translatable_fields:
            original = getattr(obj, field) or ""
            texts = demo_translation(original) if original.strip() else None
            if texts is None:
                continue
            for language in TRANSLATION_LANGUAGES:
                entry = (obj.translations or {}).get(language, {}).get(field)
                if _kept(entry, original):
                    continue
                translation_set(obj=obj, field=field, language=language,
                                text=texts[language], status=HUMAN)
                written += 1
    return written
