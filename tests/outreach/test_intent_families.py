"""Reply intent families of expression, per language: each family is tested with wordings that are not
in any bench set (paraphrases of the grammar, not its first sentences) and with its hard negatives."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scoring.intent import Label, classify  # noqa: E402

TODAY = date(2026, 12, 2)  # a Wednesday


def read(text: str):
    return classify(text, today=TODAY)


# ------------------------------------------------- unsubscribe: stop verb + object, erasure, lists

@pytest.mark.parametrize("text", [
    "Please stop sending me these messages.",
    "Quit emailing me, thanks.",
    "Take me off your mailing list.",
    "Remove my email from your database please.",
    "Under the GDPR I ask you to delete all my personal data.",
    "Hören Sie auf, mich zu kontaktieren.",
    "Bitte hören Sie auf, mir ständig Mails zu schicken.",
    "Streichen Sie mich bitte aus Ihrer Datenbank.",
    "Lassen Sie mich in Ruhe.",
    "Bitte löschen Sie alle meine personenbezogenen Daten gemäß DSGVO.",
    "Unterlassen Sie künftig jede Kontaktaufnahme.",
    "Laissez-moi tranquille s'il vous plaît.",
    "Merci de supprimer mes coordonnées de votre base.",
    "Arrêtez de m'envoyer des mails.",
    "Conformément au RGPD, merci d'effacer mes données personnelles.",
    "Dejen de escribirme, por favor.",
    "Sáquenme de su base de datos.",
    "Déjenme en paz.",
    "Por favor, no me vuelvan a escribir.",
    "Parem de me mandar e-mails.",
    "Retirem-me da vossa lista, obrigado.",
    "Deixe de me contactar, por favor.",
    "Ao abrigo do RGPD, peço a eliminação dos meus dados pessoais.",
    "Haal me uit jullie database aub.",
    "Verwijder mijn gegevens uit uw systeem.",
    "Laat me met rust.",
    "Stop met het sturen van mails.",
    "Wilt u stoppen met mij te benaderen?",
    "Op grond van de AVG wil ik dat u mijn persoonsgegevens wist.",
    "Bórrenme de su lista.",
    "Por favor removam o meu contacto da vossa base de dados.",
    "Benader me alsjeblieft niet meer.",
    "Delete my profile from your database.",
])
def test_stop_requests_in_every_language(text):
    got = read(text)
    assert got.label is Label.UNSUBSCRIBE, (text, got)
    assert got.confidence >= 0.8, "a plain stop request acts without a confirm"


@pytest.mark.parametrize("text,label", [
    ("Please don't stop the process, I'm still very interested.", Label.INTERESTED),
    ("Don't stop the process on my account, I'm keen. Thursday?", Label.INTERESTED),
    ("Please don't stop emailing me, I want to hear more about the role.", Label.INTERESTED),
    ("Remove my old email, use this one instead. Happy to chat!", Label.INTERESTED),
    ("Use this address going forward, please delete my old email from your list. Interested!", Label.INTERESTED),
    ("Ja, gerne. Ich habe meine alte Adresse gelöscht, bitte nutzen Sie diese.", Label.INTERESTED),
    ("Tire-me uma dúvida: o cargo é remoto?", Label.QUESTION),
    ("Nicht aufhören bitte! Ich bin weiterhin interessiert.", Label.INTERESTED),
    ("Sure, but please use my personal email from now on and remove my work address.", Label.INTERESTED),
    ("Which database do you use? Could you remove the test data before the demo?", Label.QUESTION),
    ("Por favor, sáquenme de dudas: ¿es remoto?", Label.QUESTION),
    ("Hören Sie nicht auf, mir zu schreiben – ich bin interessiert!", Label.INTERESTED),
    ("Wie gehen Sie mit meinen Daten gemäß DSGVO um, bevor wir sprechen?", Label.QUESTION),
    ("Löschen Sie bitte meine alte Nummer und nutzen Sie die neue. Ich bin interessiert.", Label.INTERESTED),
    ("Retirez mon ancienne adresse et utilisez celle-ci. Ça m'intéresse.", Label.INTERESTED),
    ("Borren mi correo antiguo y usen este, por favor. Me interesa.", Label.INTERESTED),
    ("Apaguem o meu e-mail antigo e usem este. Tenho interesse.", Label.INTERESTED),
    ("Verwijder mijn oude e-mailadres en gebruik dit. Klinkt goed!", Label.INTERESTED),
    ("Haal me alsjeblieft niet uit het proces, ik heb nog steeds interesse.", Label.INTERESTED),
    ("Não me tirem do processo, continuo interessado.", Label.INTERESTED),
    ("Don't remove me from the shortlist, I'm keen!", Label.INTERESTED),
])
def test_stop_words_that_are_not_a_stop(text, label):
    assert read(text).label is label, text


@pytest.mark.parametrize("text", [
    "Unsubscribe me from the blog digest please, but yes I'd love to talk about the role.",
    "Yes! Remove me from the newsletter though, I only want to hear about this role.",
    "Melden Sie mich gern vom Newsletter ab, aber die Stelle interessiert mich sehr. Wann können wir telefonieren?",
    "Pueden darme de baja del boletín, pero el puesto me interesa mucho. ¿Cuándo podemos hablar?",
    "Podem descadastrar-me da newsletter, mas a vaga interessa-me muito. Quando podemos falar?",
    "Vous pouvez me désabonner de l'infolettre, mais le poste m'intéresse. On peut s'appeler jeudi ?",
    "Schrijf me maar uit voor de nieuwsbrief, maar de functie spreekt me aan. Wanneer kunnen we bellen?",
])
def test_leaving_a_newsletter_while_keen_on_the_role_is_not_a_stop(text):
    got = read(text)
    assert got.label is Label.INTERESTED, (text, got)


def test_leaving_a_newsletter_alone_is_a_low_confidence_stop_the_owner_confirms():
    got = read("Please unsubscribe me from your newsletter.")
    assert got.label is Label.UNSUBSCRIBE and got.confidence < 0.8
    assert read("Unsubscribe me from everything.").confidence >= 0.8


# ------------------------------------------------- interested: explicit yes + availability

@pytest.mark.parametrize("text", [
    "Ja, gerne! Ich kann am Dienstag um 10 Uhr.",
    "Hallo Frau Kern, ja, das interessiert mich. Passt Ihnen Freitag um 9 Uhr?",
    "Oui, ça m'intéresse. Jeudi à 14h, ça vous va ?",
    "Je peux mardi à 10h, avec plaisir.",
    "Sí, me interesa mucho. ¿Te viene bien el martes a las 11?",
    "Puedo el jueves a las 16:00, me interesa.",
    "Sim, claro! Pode ser na quinta às 10h?",
    "Posso na sexta às 11h. Tenho interesse!",
    "Ja hoor, interessant! Past donderdag om 14:00?",
    "Hoi, ja, leuk. Wij kunnen maandag na 10:00 bellen.",
    "Yes, definitely interested. Does Tuesday at 3pm work?",
    "Je reste disponible pour un appel jeudi à 15h.",
    "Leuk! Vertel me meer.",
    "Gern, schicken Sie mir eine Einladung.",
    "Oui, envoyez-moi une invitation.",
    "Sí, mándame una invitación.",
    "Sim, envie-me um convite.",
    "Ja, stuur me een uitnodiging.",
    "Happy to chat. I'm off Friday but Monday at 10 works.",
    "Yes! By the way I'm away next week, so this week would be best.",
])
def test_yes_and_availability(text):
    assert read(text).label is Label.INTERESTED, text


# ------------------------------------------------- referral: a third person named or the contact passed on

@pytest.mark.parametrize("text", [
    "Not for me, but you should talk to Priya Nair, she's looking.",
    "Ich habe Ihre Mail an meine Kollegin Sara Weber weitergeleitet.",
    "Sprechen Sie mal mit Tobias Klein, der sucht gerade.",
    "J'ai transféré votre message à mon collègue Marc Petit.",
    "Pas pour moi, mais pensez à Hugo Martin.",
    "Te paso el contacto de Lucía Gómez, está buscando.",
    "Encaminhei o seu e-mail para a minha colega Ana Costa.",
    "Ik heb je bericht doorgestuurd naar mijn collega Sanne de Vries.",
    "Probeer eens Lisa Bakker, zij zoekt iets nieuws.",
    "Essayez plutôt Camille Leroy, elle cherche.",
    "Prueba con Diego Torres, está buscando trabajo.",
    "Tente falar com o Bruno Alves, ele está à procura.",
    "Versuchen Sie es bei Jonas Fischer, er sucht gerade.",
])
def test_hand_offs_to_a_third_person(text):
    assert read(text).label is Label.REFERRAL, text


@pytest.mark.parametrize("text,name", [
    ("Ich leite Ihre Nachricht an meinen ehemaligen Kollegen Jan Petersen weiter.", "Jan Petersen"),
    ("Sprechen Sie mal mit Tobias Klein, der sucht gerade.", "Tobias Klein"),
    ("Pas pour moi, mais pensez à Hugo Martin.", "Hugo Martin"),
    ("Te paso el contacto de Lucía Gómez, está buscando.", "Lucía Gómez"),
    ("Probeer eens Lisa Bakker, zij zoekt iets nieuws.", "Lisa Bakker"),
    ("Niet voor mij, maar mijn oud-collega Daan de Vries zou dit geweldig vinden.", "Daan de Vries"),
    ("Hallo Herr Berg, ich leite Ihre Nachricht weiter.", None),
])
def test_the_referred_name_is_read_after_any_hand_off(text, name):
    got = read(text)
    assert got.label is Label.REFERRAL
    assert got.referral.name == name


@pytest.mark.parametrize("text,label", [
    ("Ich leite ein Team von fünf Leuten an und bin interessiert. Passt Ihnen Freitag um 10 Uhr?", Label.INTERESTED),
    ("Bitte recontactez-moi en mars, pensez à moi.", Label.NOT_NOW),
    ("Probeer het in januari nog eens.", Label.NOT_NOW),
    ("Essayez en mars, pas maintenant.", Label.NOT_NOW),
    ("Versuchen Sie es im Frühjahr wieder.", Label.NOT_NOW),
    ("Prueba con un salario más alto y hablamos.", Label.COMPENSATION),
    ("I talked with my manager and I'm open to a move. When can we chat?", Label.INTERESTED),
])
def test_hand_off_words_that_are_not_a_referral(text, label):
    assert read(text).label is label, text


# ------------------------------------------------- declines: staying, satisfied, no thanks

@pytest.mark.parametrize("text", [
    "Je ne souhaite pas quitter mon employeur actuel.",
    "Merci, mais je reste chez mon employeur actuel.",
    "Não, obrigada. Estou feliz onde estou.",
    "Nee, dank je. Ik ben tevreden met mijn huidige baan.",
    "Ich bin sehr zufrieden bei meinem jetzigen Arbeitgeber und möchte nicht wechseln.",
    "No tengo intención de cambiar de trabajo.",
    "I'm staying put, thanks.",
    "Thanks but I'm going to stay where I am.",
    "Obrigado, mas vou ficar onde estou.",
    "Dank je, maar ik blijf waar ik ben.",
    "Gracias, pero me quedo donde estoy.",
])
def test_polite_declines(text):
    assert read(text).label is Label.NOT_INTERESTED, text


# ------------------------------------------------- compensation lexicon per market

@pytest.mark.parametrize("text", [
    "Quelle est la rémunération fixe et variable ?",
    "Wie hoch ist das Fixum und gibt es Aktienoptionen?",
    "¿Cuál es el paquete total, fijo más variable?",
    "Qual é o pacote salarial? Há bónus?",
    "Wat is het salaris en is er een bonusregeling?",
    "Interested! What's the package, base plus equity?",
    "Was verdient man in der Rolle?",
    "Combien gagne-t-on sur ce poste ?",
    "¿Cuánto se gana en este puesto?",
    "Quanto se ganha nessa posição?",
    "Wat verdien je in deze rol?",
])
def test_pay_vocabulary(text):
    assert read(text).label is Label.COMPENSATION, text


# ------------------------------------------------- out of office: phrases and return-date grammar

@pytest.mark.parametrize("text,until", [
    ("Ich bin bis einschließlich 11. Dezember nicht im Büro. In dringenden Fällen wenden Sie sich an Max Bauer.",
     date(2026, 12, 11)),
    ("Ich bin auf Geschäftsreise und ab Dienstag, dem 8. Dezember, wieder im Büro.", date(2026, 12, 8)),
    ("Je suis absent jusqu'au 10 décembre inclus.", date(2026, 12, 10)),
    ("Absente. En cas d'urgence, contactez Julie Roux.", None),
    ("Estoy de vacaciones hasta el 9 de diciembre. Para asuntos urgentes, escriba a Ana.", date(2026, 12, 9)),
    ("Estou de férias até 14 de dezembro.", date(2026, 12, 14)),
    ("Ik ben t/m 11 december afwezig.", date(2026, 12, 11)),
    ("Ik ben tot en met 10 december met verlof en lees mijn mail niet.", date(2026, 12, 10)),
    ("I'm on leave, back on December 9.", date(2026, 12, 9)),
    ("Regresso a 9 de dezembro.", date(2026, 12, 9)),
    ("Ich bin derzeit im Mutterschutz und ab 1. März 2027 wieder da.", date(2027, 3, 1)),
    ("Estoy de baja por maternidad hasta marzo.", date(2027, 3, 1)),
    ("Estou de licença de maternidade até março.", date(2027, 3, 1)),
    ("Je suis en congé maternité jusqu'en mars.", date(2027, 3, 1)),
    ("Ik ben met zwangerschapsverlof tot maart.", date(2027, 3, 1)),
    ("Ich bin bis 07.12.2026 nicht erreichbar.", date(2026, 12, 7)),
    ("Ik ben afwezig t/m 18-12.", date(2026, 12, 18)),
    ("Bis 7-1-2027 im Urlaub.", date(2027, 1, 7)),
])
def test_out_of_office_and_return_date(text, until):
    got = read(text)
    assert got.label is Label.OUT_OF_OFFICE, (text, got)
    assert got.until == until, text


def test_a_dashed_number_range_is_no_date():
    got = read("We are 10-15 people in the team, is it remote?")
    assert got.label is Label.QUESTION and got.until is None


@pytest.mark.parametrize("text", [
    "Ignore my out of office, I'm checking mail after all. Yes, I'm interested! Could we do a call this Friday?",
    "Ignore the auto-reply you got earlier, I'm back and interested. Friday works.",
    "I was out of office last week, sorry. Sounds great, let's talk.",
    "Perdona la demora, estuve fuera de la oficina hasta ayer. Sí, me interesa, ¿cuándo hablamos?",
    "Desculpe a demora, estive de férias. Sim, tenho interesse!",
    "Gerne! Ich war im Urlaub, daher die späte Antwort. Wann können wir telefonieren?",
])
def test_a_person_taking_back_or_past_an_absence_is_read_as_the_person(text):
    assert read(text).label is Label.INTERESTED, text
