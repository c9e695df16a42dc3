"""Reply intent rules: labels, priority, dates, referrals, Slack escaping, and accuracy on replies.jsonl."""

from __future__ import annotations

import ast
import json
import sys
from dataclasses import FrozenInstanceError
from datetime import date, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # also runnable without the package installed
    sys.path.insert(0, str(ROOT))

from scoring.intent import PRIORITY, Intent, Label, Referral, classify  # noqa: E402

TODAY = date(2026, 11, 20)  # a Friday; the data set's expected dates are relative to it
DATA = ROOT / "tests" / "data" / "replies.jsonl"


def label_of(text: str) -> str:
    return classify(text, today=TODAY).label


# ---------------------------------------------------------------- one behaviour per intent

@pytest.mark.parametrize("text", [
    "Yes, happy to chat!",
    "Sounds interesting, let's talk.",
    ":+1:",
    "\U0001F44D\U0001F3FD sure",
    "Not actively looking, but open to a chat.",
    "I wouldn't say no to a chat",
    "ok, when works for you?",
    "Can we do Tuesday at 10am?",
])
def test_positive_replies_and_scheduling_questions_are_interested(text):
    assert label_of(text) == "interested"


@pytest.mark.parametrize("text", [
    "Is the position hybrid?",
    "Do you work with agencies or is this in-house?",
    "what kind of models would I be training",
    "Interested! Is it fully remote?",
    "Quick question about the team structure before we talk.",
])
def test_questions_other_than_money_and_scheduling_are_questions(text):
    assert label_of(text) == "question"


@pytest.mark.parametrize("text", [
    "What's the salary range?",
    "Interested, but what's the salary?",
    "I'd need at least 180k to consider a move.",
    "What equity do you offer?",
    "What's the base?",
    "Gehalt?",
])
def test_money_questions_and_expectations_are_compensation(text):
    assert label_of(text) == "compensation"


@pytest.mark.parametrize("text", [
    "Maybe next year.",
    "I'm not looking at the moment.",
    "Not interested right now, but try me in the spring.",
    "I just joined a new team, so it's too early for me to move.",
    "Could you get back to me after the holidays?",
    "Please keep me in mind for future roles.",
])
def test_timing_declines_are_not_now(text):
    assert label_of(text) == "not_now"


@pytest.mark.parametrize("text", [
    "No thank you.",
    "I'm not interested, thanks",
    "Not looking.",
    "I'm going to pass on this one.",
    "This doesn't sound interesting to me.",
    "I'm not really interested",
    "Kein Interesse.",
    "No me interesa, gracias.",
    "Pas intéressé, merci.",
    ":-1:",
])
def test_declines_are_not_interested(text):
    assert label_of(text) == "not_interested"


@pytest.mark.parametrize("text", [
    "STOP", "stop.", "Please unsubscribe me.", "Remove me from your list please",
    "I never want to hear from you again", "Delete my data and never write to me again.",
    "Bitte keine weiteren E-Mails.", "No me contacten más, por favor.", "Ne me contactez plus.",
])
def test_consent_withdrawals_are_unsubscribe(text):
    assert label_of(text) == "unsubscribe"


@pytest.mark.parametrize("text", [
    "Automatic reply: out of office until Dec 1.",
    "I am on annual leave until 5 January with no access to email.",
    "Ich bin bis 04.12. im Urlaub.",
    "Respuesta automática: estoy fuera de la oficina.",
    "Réponse automatique : je suis en congé jusqu'au 2 décembre.",
])
def test_auto_replies_are_out_of_office(text):
    assert label_of(text) == "out_of_office"


@pytest.mark.parametrize("text, expected", [
    # Written as a blind batch after tuning on the data set; these were misread at first.
    ("I'm intrigued. Let me know what works.", "interested"),
    ("Happy to explore. Is a 30 min call enough for a first conversation?", "interested"),
    ("Thank you! Yes, I would like to apply.", "interested"),
    ("Thanks, yes. Tuesday 3pm CET works.", "interested"),
    ("I'd rather not discuss salary yet, but I'm interested in talking.", "interested"),
    ("I'm out of the loop on this, what company is it?", "question"),
    ("Not sure yet, can you share more about the role?", "question"),
    ("Not right at this moment, sorry!", "not_now"),
    ("I'm not ready to make a move yet.", "not_now"),
    ("I'm not going to leave my job, sorry.", "not_interested"),
    ("We've spoken before and I said no. Still no.", "not_interested"),
    ("Vielen Dank, aber das ist nichts für mich.", "not_interested"),
    ("I'll have to say no, but thanks for the kind words.", "not_interested"),
    ("Try reaching out to my ex-colleague Diego Alvarez, he's much more into LLM infra than me.", "referral"),
    ("I think @kate.liu would be a better fit, she's been wanting to move to Berlin.", "referral"),
    ("Happy where I am. Have you tried reaching out to Mei Lin? She's brilliant at distributed training.", "referral"),
    ("I'd like my details deleted from your database.", "unsubscribe"),
    ("opt me out", "unsubscribe"),
    ("Hello, I am on maternity leave until June 2027. Please contact hr@example.com for anything urgent.",
     "out_of_office"),
])
def test_replies_first_misread_while_probing(text, expected):
    assert label_of(text) == expected


def test_every_label_has_a_next_step_and_the_fallback_is_a_low_confidence_question():
    result = classify("asdf qwerty", today=TODAY)
    assert result.label == "question" and result.confidence <= 0.3 and result.matched == ()
    assert result.next_step.startswith("Unclear reply")
    steps = {classify(t, today=TODAY).next_step for t in (
        "yes", "is it remote?", "what's the pay?", "not now", "no thanks", "try bob@example.com",
        "unsubscribe", "out of office")}
    assert len(steps) == 8 and all(s.endswith(".") for s in steps)


# ---------------------------------------------------------------- priority, negation, explanation

def test_priority_is_documented_order():
    assert [str(p) for p in PRIORITY] == [
        "unsubscribe", "out_of_office", "referral", "not_interested", "not_now",
        "compensation", "question", "interested"]


def test_decline_with_a_friend_who_might_be_interested_is_referral():
    result = classify("Not interested but my friend Alex Kim might be", today=TODAY)
    assert result.label == "referral" and Label.NOT_INTERESTED in result.also
    assert result.referral.name == "Alex Kim"


def test_interest_with_a_salary_question_is_compensation_and_records_the_interest():
    result = classify("Interested, but what's the salary?", today=TODAY)
    assert result.label == "compensation"
    assert Label.INTERESTED in result.also


def test_decline_plus_stop_emailing_is_unsubscribe():
    assert label_of("Not interested. Stop emailing me.") == "unsubscribe"


def test_auto_reply_mentioning_a_colleague_email_is_out_of_office_not_referral():
    result = classify("Automatic reply: I'm away until Dec 3. For urgent matters contact bob@example.com.", today=TODAY)
    assert result.label == "out_of_office" and result.referral is None


def test_an_explicit_decline_beats_a_soft_timing_remark():
    assert label_of("Not interested. I just started a new job.") == "not_interested"


def test_negation_flips_interest():
    assert label_of("interested") == "interested"
    assert label_of("not interested") == "not_interested"
    assert label_of("I'm no longer interested") == "not_interested"
    assert label_of("I don't want to chat, sorry") == "not_interested"


def test_looking_forward_is_interest_not_a_forwarded_referral():
    assert label_of("Sounds good, looking forward to hearing from you!") == "interested"
    assert label_of("I'll forward this to my colleague Ahmed, he might be keen") == "referral"


def test_a_named_person_who_would_fit_is_a_referral_but_i_would_fit_is_interest():
    result = classify("Jane Doe might be keen, jane@doe.com", today=TODAY)
    assert result.label == "referral" and result.referral == Referral("Jane Doe", "jane@doe.com", "email")
    assert label_of("Honestly it would be a great fit for me.") == "interested"


def test_a_decline_followed_by_but_and_interest_is_interest():
    assert label_of("I'm happy where I am, but would love to hear more.") == "interested"


def test_a_person_writing_that_they_travel_is_not_an_auto_reply():
    result = classify("I'm travelling this week but would love to chat, back on Monday", today=TODAY)
    assert result.label == "interested"


def test_case_punctuation_and_emoji_do_not_matter():
    assert label_of("NOT INTERESTED!!!") == "not_interested"
    assert label_of("yes!!! \U0001F680\U0001F680") == "interested"
    assert label_of("Unsubscribe.") == "unsubscribe"


def test_matched_phrases_explain_the_label_and_confidence_is_bounded():
    result = classify("Thanks, but I'm not interested.", today=TODAY)
    assert any("not interested" in m.lower() for m in result.matched)
    assert 0.0 <= result.confidence <= 1.0
    assert isinstance(result, Intent)
    with pytest.raises(FrozenInstanceError):
        result.label = Label.INTERESTED  # type: ignore[misc]


def test_labels_compare_equal_to_their_strings():
    assert Label.NOT_NOW == "not_now" and {str(lbl) for lbl in Label} == {str(p) for p in PRIORITY}


# ---------------------------------------------------------------- dates (today = Fri 2026-11-20)

@pytest.mark.parametrize("text, expected", [
    ("Out of office, back on Monday.", date(2026, 11, 23)),
    ("Auto-reply: returning Dec 3", date(2026, 12, 3)),
    ("OOO, back 2026-12-03", date(2026, 12, 3)),
    ("Out of office until the 14th", date(2026, 12, 14)),  # the 14th has passed this month
    ("Out of office until the 30th", date(2026, 11, 30)),
    ("Out of office from 23 November to 4 December", date(2026, 12, 4)),
    ("Out of office Nov 24 - Dec 2, back Dec 3", date(2026, 12, 3)),
    ("OOO until 12/07", date(2026, 12, 7)),  # US month/day unless the first part cannot be a month
    ("OOO until 13/12", date(2026, 12, 13)),
    ("Automatic reply: I'm off until January 4th, 2027.", date(2027, 1, 4)),
    ("Abwesenheitsnotiz: bis zum 7. Dezember nicht im Büro", date(2026, 12, 7)),
    ("Respuesta automática: fuera de la oficina hasta el 2 de diciembre", date(2026, 12, 2)),
    ("Réponse automatique : absent du bureau jusqu'au 30 novembre", date(2026, 11, 30)),
    ("out of office, back tomorrow", date(2026, 11, 21)),
])
def test_out_of_office_return_date(text, expected):
    result = classify(text, today=TODAY)
    assert result.label == "out_of_office"
    assert result.until == expected


def test_out_of_office_without_a_date_has_no_until_and_says_so():
    result = classify("Automatic reply: I am out of the office.", today=TODAY)
    assert result.until is None and "back a week" in result.next_step


@pytest.mark.parametrize("text, expected", [
    ("Not now, ping me in March", date(2027, 3, 1)),
    ("Not right now. Maybe next quarter.", date(2027, 1, 1)),
    ("Maybe after the new year", date(2027, 1, 2)),
    ("Not right now - try again in 3 months", date(2027, 2, 20)),
    ("not at the moment, maybe in a couple of months", date(2027, 1, 20)),
    ("Not yet - after Dec 15 please", date(2026, 12, 16)),
    ("Check back in Q2 2027", date(2027, 4, 1)),
    ("Not this year, maybe next summer", date(2027, 6, 1)),
    ("not now, reach out in May", date(2027, 5, 1)),
    ("Not now", date(2027, 2, 18)),  # default: today + 90 days
])
def test_not_now_re_engage_date(text, expected):
    result = classify(text, today=TODAY)
    assert result.label == "not_now"
    assert result.until == expected
    assert expected.strftime("%d %b %Y") in result.next_step


def test_month_only_dates_roll_into_next_year_and_today_may_be_a_datetime():
    result = classify("Not now, try me in November", today=datetime(2026, 11, 20, 9, 30))
    assert result.until == date(2027, 11, 1)


# ---------------------------------------------------------------- referral extraction

@pytest.mark.parametrize("text, name, handle, kind", [
    ("you should talk to my colleague Jane Doe (github.com/janedoe)", "Jane Doe", "janedoe", "github"),
    ("try jane@example.com", None, "jane@example.com", "email"),
    ("Not me, but my friend Sam Patel is looking: https://huggingface.co/sampatel", "Sam Patel", "sampatel", "huggingface"),
    ("You should reach out to <@U0123ABCD|maria> - she's looking", None, "U0123ABCD", "slack"),
    ("I'll forward your message to Chen Wei.", "Chen Wei", None, None),
])
def test_referral_extraction(text, name, handle, kind):
    result = classify(text, today=TODAY)
    assert result.label == "referral"
    assert (result.referral.name, result.referral.handle, result.referral.kind) == (name, handle, kind)


def test_referral_candidate_ref_and_next_step_name_the_person():
    result = classify("Not for me - try my colleague Ana Souza, github.com/asouza", today=TODAY)
    assert result.referral == Referral(name="Ana Souza", handle="asouza", kind="github")
    assert result.referral.candidate_ref == "github:asouza"
    assert "Ana Souza (github:asouza)" in result.next_step


def test_the_writers_own_links_are_not_a_referral():
    result = classify("Happy to chat! Here's my GitHub: github.com/me-myself", today=TODAY)
    assert result.label == "interested" and result.referral is None


def test_referral_without_a_name_or_handle_asks_for_one():
    result = classify("I know someone who would be perfect for this.", today=TODAY)
    assert result.label == "referral" and result.referral == Referral()
    assert "ask who" in result.next_step


# ---------------------------------------------------------------- Slack-escaped input

def test_slack_entities_and_links_are_unescaped():
    text = ("Not interested myself &amp; not looking, but my friend Tomasz Nowak might be: "
            "<mailto:tomasz.nowak@example.org|tomasz.nowak@example.org>")
    result = classify(text, today=TODAY)
    assert result.label == "referral"
    assert result.referral.handle == "tomasz.nowak@example.org" and result.referral.kind == "email"


def test_slack_link_with_label_keeps_the_url_target():
    text = "Try my old teammate Priya Raman: <https://github.com/priyaraman|github.com/priyaraman>"
    result = classify(text, today=TODAY)
    assert result.referral == Referral(name="Priya Raman", handle="priyaraman", kind="github")


def test_escaped_angle_brackets_and_quoted_history_are_handled():
    assert label_of("&lt;3 sounds great &amp; let's talk") == "interested"
    assert label_of("Is this role based in London?\n&gt; Hi Sam, I saw your PR and wanted to ask if you're interested") == "question"
    reply = "No thanks.\n\nOn Tue, 17 Nov 2026 at 10:02, Recruiter <r@example.com> wrote:\nWould you be interested in a chat?"
    assert label_of(reply) == "not_interested"


# ---------------------------------------------------------------- purity

def test_intent_module_imports_only_the_standard_library():
    tree = ast.parse((ROOT / "scoring" / "intent.py").read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    assert roots <= set(sys.stdlib_module_names) | {"__future__"}, roots


# ---------------------------------------------------------------- accuracy on the labelled replies

def _examples() -> list[dict]:
    with DATA.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_data_set_shape():
    rows = _examples()
    assert len(rows) >= 80
    for label in PRIORITY:
        assert sum(r["label"] == label for r in rows) >= 8, label
    holdout = sum(bool(r.get("holdout")) for r in rows) / len(rows)
    assert 0.2 <= holdout <= 0.35


def _accuracy(rows: list[dict]) -> tuple[float, dict[str, float]]:
    got = [(r["label"], classify(r["text"], today=TODAY).label) for r in rows]
    overall = sum(want == have for want, have in got) / len(got)
    per = {}
    for label in PRIORITY:
        mine = [(w, h) for w, h in got if w == label]
        per[str(label)] = sum(w == h for w, h in mine) / len(mine) if mine else float("nan")
    return overall, per


def test_accuracy_on_full_set(capsys):
    rows = _examples()
    overall, per = _accuracy(rows)
    h_overall, h_per = _accuracy([r for r in rows if r.get("holdout")])
    with capsys.disabled():
        print(f"\nintent accuracy: full {overall:.3f} (n={len(rows)}), holdout {h_overall:.3f}")
        print("  recall per intent (full / holdout): "
              + ", ".join(f"{k} {per[k]:.2f}/{h_per[k]:.2f}" for k in per))
    assert overall >= 0.85
    assert all(v >= 0.7 for v in per.values()), per


def test_extracted_fields_on_full_set():
    rows = _examples()
    dated = [r for r in rows if "until" in r]
    right = [r for r in dated if str(classify(r["text"], today=TODAY).until) == r["until"]]
    assert len(right) / len(dated) >= 0.8


# -- phrasings the fresh holdout of 2026-12-02 missed, taught with tuning sentences of their own -------------
@pytest.mark.parametrize("text,expected", [
    ("Quiero que me deis de baja.", "unsubscribe"),
    ("Dadme de baja de esta lista, gracias.", "unsubscribe"),
    ("Denme de baja, por favor.", "unsubscribe"),
    ("Baja", "unsubscribe"),
    ("No hace falta darme de baja, me interesa.", "interested"),
    ("Arrêtez de m'envoyer ces messages.", "unsubscribe"),
    ("Retirem-me da vossa lista de envios.", "unsubscribe"),
    ("Tire-me uma dúvida: o cargo é remoto?", "question"),  # "clear up a doubt for me", not a stop
    ("It's a no from my side, thanks anyway.", "not_interested"),
    ("Das passt nicht für mich, danke.", "not_interested"),
    ("No es lo que estoy buscando ahora mismo, escríbeme en verano.", "not_now"),
    ("Derzeit nicht, vielleicht in einigen Monaten.", "not_now"),
    ("Aktuell habe ich keine Fragen, klingt gut!", "interested"),
    ("¿Quedamos el jueves para hablar?", "interested"),
    ("¿Cuánto ofrecéis para este nivel?", "compensation"),
    ("Mein Bekannter Lars Brandt wäre sicher interessiert.", "referral"),
    ("Fale com o Pedro Sousa, ele procura algo assim.", "referral"),
    ("Niet voor mij, maar mijn collega Bram zou het erg interessant vinden.", "referral"),
])
def test_phrasings_added_after_the_fresh_holdout(text, expected):
    assert classify(text, today=TODAY).label == expected, classify(text, today=TODAY)


def test_an_absence_with_a_far_return_date_is_out_of_office_not_a_later_try():
    got = classify("I'm on sabbatical until 1 April 2027; your message will not be forwarded.", today=TODAY)
    assert got.label == "out_of_office" and str(got.until) == "2027-04-01"
    assert classify("Busy until April, ping me then.", today=TODAY).label == "not_now"


@pytest.mark.parametrize("text,until", [
    ("Estou fora do escritório. Retorno a 09/12/2026.", "2026-12-09"),  # 9 Dec, not 12 Sep (past)
    ("Out of office, back 12/09.", "2026-12-09"),  # US month/day when that is the one to come
    ("Out of the office until 25/11/2027.", "2027-11-25"),
])
def test_a_numeric_date_is_read_as_the_next_valid_day(text, until):
    got = classify(text, today=date(2026, 12, 2))
    assert got.label == "out_of_office" and str(got.until) == until
