"""The general causes the third blind holdout (fresh3, issue 12) exposed, each tested per family with wordings
that are in no bench set, and with their hard negatives: privacy footers and GDPR names that demand nothing,
leaving another list or an old address while keen, missed stops, "stopping" something else, past absences,
pt/nl interest phrasings, and auto-replies that give both the last day away and the return day."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scoring.intent import Label, classify  # noqa: E402
from scoring.reply_text import split_reply  # noqa: E402

TODAY = date(2026, 12, 2)  # a Wednesday


def read(text: str):
    return classify(split_reply(text).new, today=TODAY)


# ------------------------------------------------- 1. privacy footers are disclaimer text, never a stop

FOOTERS = [
    "PROTECCIÓN DE DATOS: conforme a la LOPDGDD y al RGPD, usted puede ejercer sus derechos de acceso, "
    "rectificación, supresión y portabilidad dirigiéndose a dpo@empresa.example.",
    "Datenschutzhinweis: Informationen zur Verarbeitung Ihrer personenbezogenen Daten und zu Ihren Rechten nach "
    "der DSGVO (Auskunft, Löschung, Widerspruch) finden Sie unter firma.example/datenschutz.",
    "Conformément au RGPD, vous disposez d'un droit d'accès, de rectification et d'effacement des données vous "
    "concernant, que vous pouvez exercer auprès de dpo@societe.example.",
    "Nos termos da LGPD, os seus dados pessoais são tratados pela Empresa; pode exercer os seus direitos de "
    "acesso e eliminação através de privacidade@empresa.example.",
    "Op grond van de AVG heeft u recht op inzage, correctie en verwijdering van uw persoonsgegevens; "
    "zie bedrijf.example/privacy.",
    "Privacy notice: under the GDPR you have the right of access, rectification and erasure; to exercise your "
    "rights write to privacy@corp.example.",
]


@pytest.mark.parametrize("footer", FOOTERS)
def test_a_privacy_footer_is_set_aside_and_an_interested_reply_stays_interested(footer):
    text = f"Yes, this sounds really interesting - happy to chat next week.\n\nSam Lee\nAcme GmbH\n\n{footer}\n"
    parts = split_reply(text)
    assert footer.split()[0] not in parts.new
    assert read(text).label is Label.INTERESTED


@pytest.mark.parametrize("footer", FOOTERS)
def test_a_privacy_footer_inside_the_new_text_alone_is_no_stop(footer):
    # Even when the footer reaches the classifier (no paragraph break), rights vocabulary demands nothing.
    assert classify("Sounds great, let's talk. " + footer, today=TODAY).label is not Label.UNSUBSCRIBE


@pytest.mark.parametrize("text", [
    "Gemäß DSGVO verlange ich die Löschung meiner Daten.",
    "Under the GDPR I request that you erase my personal details.",
    "En virtud del RGPD solicito la supresión de mis datos.",
    "Ao abrigo do RGPD peço o apagamento dos meus dados.",
    "Right to be forgotten, please.",
    "GDPR. Delete me.",
    "I'm invoking my GDPR rights. Erase everything you hold on me.",
    "J'exerce mon droit à l'oubli.",
    "DSGVO Art. 17 - Löschung, bitte.",
])
def test_a_first_person_request_naming_the_law_still_stops(text):
    assert read(text).label is Label.UNSUBSCRIBE


@pytest.mark.parametrize("text", [
    "Onder de AVG: hoe lang bewaren jullie mijn cv? En is de rol hybride?",
    "Só por curiosidade, vocês seguem a LGPD com os currículos? A vaga é remota?",
])
def test_asking_how_data_is_handled_is_a_question_not_a_stop(text):
    assert read(text).label is Label.QUESTION


# ------------------------------------------------- 2. other lists and old addresses while keen

@pytest.mark.parametrize("text", [
    "Could you take me off the marketing updates list? The role itself though, I'm really keen, let's talk.",
    "Tira-me da newsletter, por favor. Mas a vaga interessa-me, podemos marcar uma conversa?",
    "Bitte meine alte Mailadresse aus dem Verteiler nehmen, die ist tot. Interesse besteht aber!",
    "Kunnen jullie mijn vorige e-mailadres uit het systeem halen? Verder: ja, interesse!",
])
def test_leaving_another_list_or_an_old_address_while_keen_is_no_stop(text):
    assert read(text).label is not Label.UNSUBSCRIBE


@pytest.mark.parametrize("text", [
    "Please remove my old address from your list and stop contacting me.",
    "Meine alte Adresse bitte löschen, und kontaktieren Sie mich nicht mehr.",
    "Haal mijn oude adres weg en mail me nooit meer.",
])
def test_an_old_address_next_to_a_real_stop_does_not_excuse_it(text):
    assert read(text).label is Label.UNSUBSCRIBE


def test_a_negated_openness_is_a_decline():
    assert read("Klinkt goed, maar ik sta niet open voor een gesprek.").label is Label.NOT_INTERESTED


# ------------------------------------------------- 3. stops that were missed

@pytest.mark.parametrize("text", [
    "Ich möchte Sie bitten, mich nicht mehr anzuschreiben.",
    "Bitte meine Daten umgehend aus Ihrem System entfernen.",
    "Quitadme de vuestra base de datos, gracias.",
    "Houd alsjeblieft op met mij te mailen.",
    "Hou nou eens op met die mails.",
    "Saquem-me da vossa lista, por favor.",
    "Wil je mij uit jullie bestand verwijderen?",
    "stop\n\nJordan Blake\nStaff Engineer\nMobile: +31 6 1234 5678",
])
def test_missed_stops_are_read(text):
    assert read(text).label is Label.UNSUBSCRIBE


def test_stop_is_not_read_inside_another_word_or_sentence():
    assert classify("Stopover in Berlin next week, could we meet Thursday?", today=TODAY).label \
        is not Label.UNSUBSCRIBE


# ------------------------------------------------- 4. stopping something else; past absences

@pytest.mark.parametrize("text", [
    "I'm leaving my current team in February, so honestly the timing is perfect. Let's talk.",
    "Je quitte mon poste en mars, le timing est parfait, parlons-en !",
    "Ik vertrek per 1 maart bij mijn werkgever, dus perfect timing. Laten we bellen.",
    "Dejo mi puesto en enero, el momento es perfecto. ¿Hablamos?",
    "Saio da empresa em fevereiro, o timing é perfeito. Bora conversar?",
    "Ich höre im Februar bei meinem Arbeitgeber auf, das Timing ist perfekt. Wann können wir telefonieren?",
])
def test_ending_something_else_with_good_timing_is_interest(text):
    assert read(text).label is Label.INTERESTED


def test_ending_something_then_talking_after_it_is_still_not_now():
    assert read("I'm wrapping up my PhD in March. Happy to talk after that.").label is Label.NOT_NOW


@pytest.mark.parametrize("text", [
    "I was on vacation last week without my laptop, sorry! Yes, I'd love to hear more.",
    "Ich war die letzten Tage im Urlaub, deshalb die späte Antwort. Das klingt spannend!",
    "Estuve de vacaciones, perdona la demora. Me interesa mucho, hablemos.",
])
def test_a_past_absence_is_the_person_not_an_auto_reply(text):
    assert read(text).label is Label.INTERESTED


# ------------------------------------------------- 5. interest phrasings read as questions

@pytest.mark.parametrize("text", [
    "Olá! Tenho interesse sim. Podemos falar amanhã de manhã?",
    "A proposta interessa-me, podemos agendar uma chamada?",
    "Oi, tudo bom? Bora conversar sobre a vaga!",
    "Hoi! Ik sta open voor een kennismaking. Past dinsdagmiddag?",
    "Sounds good - Monday or Tuesday afternoon?",
])
def test_interest_with_a_scheduling_question_is_interest(text):
    assert read(text).label is Label.INTERESTED


def test_a_real_question_after_a_greeting_is_still_a_question():
    assert read("Oi, tudo bem? A vaga aceita trabalho remoto de Portugal?").label is Label.QUESTION


# ------------------------------------------------- 6. return day wins over the last day away

@pytest.mark.parametrize("text, back", [
    ("Je suis absente jusqu'au mercredi 9 décembre inclus et je reprendrai le jeudi 10 décembre.", date(2026, 12, 10)),
    ("Estoy de vacaciones hasta el 11 de diciembre. Me reincorporo el lunes 14 de diciembre.", date(2026, 12, 14)),
    ("Estou ausente até 18 de dezembro, regressando ao escritório a 21 de dezembro.", date(2026, 12, 21)),
    ("Out of office until Friday 11 December, back in the office on Monday 14 December.", date(2026, 12, 14)),
])
def test_the_return_day_wins_over_the_last_day_away(text, back):
    got = read(text)
    assert got.label is Label.OUT_OF_OFFICE
    assert got.until == back


@pytest.mark.parametrize("text", [
    "Happy to talk. Under the GDPR you have the right to erasure; please contact dpo@x.example.",
    "Me interesa. En cumplimiento del RGPD, puede ejercer sus derechos de acceso y supresión en dpo@x.example.",
])
def test_rights_explained_to_the_reader_are_no_stop_even_with_please(text):
    assert classify(text, today=TODAY).label is not Label.UNSUBSCRIBE


def test_an_auto_reply_in_the_present_perfect_is_still_out_of_office():
    got = read("I have been out of the office since Monday and will return on 14 December. "
               "For urgent matters contact Ana.")
    assert got.label is Label.OUT_OF_OFFICE and got.until == date(2026, 12, 14)


def test_how_much_of_the_work_asks_about_the_work_not_the_pay():
    assert read("Fair. How much of the role is research vs. on-call?").label is Label.QUESTION
    assert read("How much does it pay?").label is Label.COMPENSATION
