"""Run every label's rules over a reply and apply the cross-label corrections."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from scoring._intent.dates import _RETURN_WORDS, _UNTIL_WORDS, _DateMention
from scoring._intent.families import (FIRST_PERSON_ASK, GDPR_NAMES, GDPR_RIGHTS, OOO_RETRACTED, OTHER_LIST,
                                     RIGHTS_EXPLAINED)
from scoring._intent.labels import Label
from scoring._intent.patterns import (
    _ABSENCE,
    _COMPENSATION,
    _INTERESTED,
    _NEGATED_BEFORE,
    _NOT_INTERESTED,
    _NOT_NOW,
    _OOO_STRONG,
    _QUESTION_CUES,
    _QUESTION_WORDS,
    _REFERRAL,
    _RELATION,
    _SCHEDULING,
    _THIRD_PARTY_KEEN,
    _UNSUBSCRIBE,
)
from scoring._intent.referral import _NAMED_SUBJECT, _NOT_NAMES, _third_party_handles


@dataclass(frozen=True, slots=True)
class _Hit:
    label: Label
    weight: float
    phrase: str
    start: int
    overrides_decline: bool = False  # a not-now that qualifies a decline ("not right now")
    soft: bool = False  # an absence a person may have written, not auto-reply wording


def _hits(label: Label, rules: Iterable[tuple[float, re.Pattern[str]]], low: str, norm: str) -> list[_Hit]:
    return [_Hit(label, w, norm[m.start():m.end()].strip(), m.start())
            for w, rx in rules for m in rx.finditer(low)]


def _sentences(low: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in re.finditer(r"[.!?]+(?=\s|$)|\n+|$", low):
        chunk = low[start:m.end()]
        if chunk.strip():
            out.append((start + len(chunk) - len(chunk.lstrip()), chunk.strip()))
        start = m.end()
        if m.end() >= len(low):
            break
    return out


def _collect(low: str, norm: str, dates: list[_DateMention], today: date) -> list[_Hit]:
    """Run every rule; return all hits after the negation and cross-label corrections."""
    hits: list[_Hit] = []
    # "No need to unsubscribe me" / "please don't remove me from your list" keep the person on the list.
    hits += [h for h in _hits(Label.UNSUBSCRIBE, _UNSUBSCRIBE, low, norm)
             if not _NEGATED_BEFORE.search(low[max(0, h.start - 30): h.start])]
    # "Ignore my out of office" / "I was out of the office until yesterday": the person is here now.
    ooo = [h for h in _hits(Label.OUT_OF_OFFICE, _OOO_STRONG, low, norm)
           if not OOO_RETRACTED.search(low[max(0, h.start - 30): h.start])]
    if _PAST_ABSENCE.search(low):  # "I was out of office all last week with no laptop": a person wrote this
        ooo = [_Hit(h.label, h.weight, h.phrase, h.start, soft=True) for h in ooo]
    hits += ooo
    # "I'd rather not discuss salary yet" is not asking about money.
    hits += [h for h in _hits(Label.COMPENSATION, _COMPENSATION, low, norm)
             if not _NEGATED_BEFORE.search(low[max(0, h.start - 30): h.start])]
    hits += _hits(Label.NOT_INTERESTED, _NOT_INTERESTED, low, norm)
    for w, overrides, rx in _NOT_NOW:
        hits += [_Hit(Label.NOT_NOW, w, norm[m.start():m.end()].strip(), m.start(), overrides)
                 for m in rx.finditer(low)]

    # Interest cues: a negator right before one flips it into a decline ("not interested").
    for h in _hits(Label.INTERESTED, _INTERESTED, low, norm):
        if _NEGATED_BEFORE.search(low[max(0, h.start - 30): h.start]):
            hits.append(_Hit(Label.NOT_INTERESTED, 0.7, h.phrase, h.start))
        else:
            hits.append(h)

    # Referral: explicit hand-offs, or a relation ("my colleague") said to be keen or looking.
    hits += _hits(Label.REFERRAL, _REFERRAL, low, norm)
    for sent_start, sent in _sentences(low):
        rel = _RELATION.search(sent)
        if rel and _THIRD_PARTY_KEEN.search(sent, rel.end()):
            hits.append(_Hit(Label.REFERRAL, 0.9, norm[sent_start + rel.start(): sent_start + rel.end()], sent_start))
        elif rel and _third_party_handles(norm):
            hits.append(_Hit(Label.REFERRAL, 0.75, norm[sent_start + rel.start(): sent_start + rel.end()], sent_start))
        elif _THIRD_PARTY_KEEN.search(sent):
            original = norm[sent_start: sent_start + len(sent)]
            named = [m for m in _NAMED_SUBJECT.finditer(original) if not set(m.group(1).split()) & _NOT_NAMES]
            if named or _third_party_handles(original):
                hits.append(_Hit(Label.REFERRAL, 0.75, original[:60], sent_start))

    # Future dates: a return date with an absence is an out-of-office; a far date is a "not now".
    far = [d for d in dates if (d.when - today).days >= 21]
    absence = [m for m in _ABSENCE.finditer(low)]
    if absence:
        # The date's own words count ("hasta marzo", "jusqu'en mars" are read as one mention).
        dated = any(_RETURN_WORDS.search(low[max(0, d.start - 40): d.end]) or
                    _UNTIL_WORDS.search(low[max(0, d.start - 40): d.end]) for d in dates)
        m = absence[0]
        hits.append(_Hit(Label.OUT_OF_OFFICE, 0.8 if dated else 0.55, norm[m.start():m.end()], m.start(),
                         soft=True))
    elif not ooo:
        m = re.search(r"\b(?:back|returning|vuelvo|regreso|regresso|volto|de retour|de volta|zur[üu]ck|terug)\b", low)
        if m and any(d.start > m.start() and d.start - m.end() < 25 for d in dates):
            hits.append(_Hit(Label.OUT_OF_OFFICE, 0.6, norm[m.start():m.end()], m.start(), soft=True))
    for d in far:
        before = low[max(0, d.start - 60): d.start]
        before = re.split(r"[.!?\n]", before)[-1]
        if re.search(r"\b(?:started|joined|since|ago|last|was|were|did)\b", before):
            continue
        if _GOOD_TIMING.search(low) or (_ENDING_OTHER.search(before) and _interest_said(low)
                                         and not _DEFERRED.search(low)):
            continue  # "j'arrête ma thèse en février, le timing est parfait": the date frees them, it defers nothing
        own = before + low[d.start:d.end]
        if absence and (_RETURN_WORDS.search(own) or _UNTIL_WORDS.search(own)):
            continue  # "on parental leave until 1 February": the end of an absence, not a "try me later"
        hits.append(_Hit(Label.NOT_NOW, 0.6, norm[d.start:d.end], d.start))

    # Questions: sentences asking something that is not scheduling, money or timing.
    for sent_start, sent in _sentences(low):
        asks = sent.endswith("?") or sent.startswith("¿") or _QUESTION_WORDS.search(sent)
        if not asks:
            continue
        span = range(sent_start, sent_start + len(sent))
        if _GREETING_Q.search(sent) or _OLD_ADDRESS.search(sent):
            continue  # "tudo bem?" greets; "can you remove my old address?" asks for a fix, not an answer
        if _SCHEDULING.search(sent):
            hits.append(_Hit(Label.INTERESTED, 0.75, norm[sent_start:sent_start + len(sent)], sent_start))
            continue
        if any(h.start in span and h.label in (Label.COMPENSATION, Label.NOT_NOW, Label.UNSUBSCRIBE) for h in hits):
            continue
        if not sent.endswith("?") and any(h.start in span and h.label is Label.INTERESTED for h in hits):
            continue  # "Would love to learn more." starts like a question but is not one
        weight = 0.75 if sent.endswith("?") or sent.startswith("¿") else 0.55
        hits.append(_Hit(Label.QUESTION, weight, norm[sent_start:sent_start + len(sent)][:80], sent_start))
    for m in _QUESTION_CUES.finditer(low):
        hits.append(_Hit(Label.QUESTION, 0.6, norm[m.start():m.end()], m.start()))

    return _correct(_other_lists(hits, low), low)


_LEAVE_LIST = re.compile(r"\b(?:unsubscri|d[ée]sabonn|d[ée]sinscri|uitschrijv|uit te schrijven|afmeld|abmeld|austrag|"
                         r"baja|descadastr|opt|remove me|take me off|retir|tir|s[aá]qu|qu[ií]t)")
_OLD_ADDRESS = re.compile(r"\b(?:old|alte[nr]?|ancien(?:ne)?|antigu[oa]|antig[oa]|oude?|previous|vorige)\b[^.]{0,60}"
                          r"\b(?:use|utilise[zr]?|usa[dr]?|usen|use[mn]?|nutzen|verwenden|gebruik\w*)\b"
                          # "meine alte Adresse (...) aus dem Verteiler", "mijn oude adres uit jullie systeem"
                          r"|\b(?:my|meine|mon|ma|mi|meu|o\s+meu|mijn)\s+(?:old|previous|former|alte|fr[üu]here|"
                          r"ancienne|ancien|antigu[oa]|antig[oa]|oude|vorige)\s+(?:e-?mail\s+)?(?:address|e-?mail|"
                          r"adresse|mailadresse|adres|e-?mailadres|direcci[óo]n|correo|endere[çc]o|courriel|account)\b")
# A stop on contact itself ("stop contacting me", "nicht mehr kontaktieren"): never excused by an old address nearby.
_STOP_CONTACT = re.compile(r"\b(?:stop|quit|cease|unsubscri|opt|leave me|h[öo]r|aufh[öo]r|nicht\s+mehr|nie\s+wieder|"
                           r"keine|ne\s+plus|cess|arr[êe]t|laiss|fich|no\s+(?:me\s+)?vuelva|dej|deix|par[ae]m?\s+de|"
                           r"niet\s+meer|nooit\s+meer|hou\w*\s+op|laat|geen|d[ée]sabonn|d[ée]sinscri|baja|descadastr|"
                           r"afmeld|abmeld|uitschrijv)")
# Timing the person calls good ("le timing est parfait", "je timing is perfect"): a date near it is why they are free.
_GOOD_TIMING = re.compile(r"\b(?:perfect|great|good|ideal)\s+timing\b|\btiming\s+(?:is|est|ist|es|[ée]|is\s+echt)\s+"
                          r"(?:\w+\s+)?(?:perfect|parfait|perfekt|perfecto|perfeito|ideal|id[ée]al|great|top)\b"
                          r"|\b(?:momento|moment)\s+(?:perfecto|perfeito|parfait|ideal|id[ée]al)\b|\bpasst\s+perfekt\b"
                          r"|\b(?:momento|moment|timing)\s+(?:es|est|[ée]|ist|is)\s+(?:\w+\s+)?(?:perfecto|perfeito|parfait|"
                          r"perfekt|perfect|ideal|id[ée]al|ideaal)\b|\bcould(?:n't| not) be better\b")
# Ending something else on that date ("stopping my on-call rotation in January", "j'arrête ma thèse en février").
_ENDING_OTHER = re.compile(r"\b(?:stopping|quitting|leaving|finishing|wrapping\s+up|ending|arr[êe]te|termine|quitte|"
                           r"finis|h[öo]re|beende|verlasse|dejo|termino|acabo|saio|deixo|termino|stop|vertrek)\s+"
                           r"(?:\w+\s+)?(?:my|ma|mon|mes|meine[nm]?|mi|mis|meu|minha|mijn|bij|at|chez|bei)\b")
# Interest put off until then ("happy to talk after that"): the date still defers.
_DEFERRED = re.compile(r"\b(?:after\s+(?:that|then|this)|afterwards|by\s+then|once\s+(?:that|it|i)|apr[èe]s\s+(?:[çc]a|cela)|"
                       r"ensuite|danach|dann|despu[ée]s|luego|depois|daarna|na\s+afloop)\b")
# A past absence is the person speaking: "I was out of office all last week", "j'étais absente".
_PAST_ABSENCE = re.compile(
    r"\b(?:i\s+was|i\s+had\s+been)\s+(?:\w+\s+){0,2}(?:out\s+of|ooo|away|off|on\s+"
    r"(?:vacation|holiday|leave|pto)|travel+ing)\b|\bj'[ée]tais\s+(?:\w+\s+)?(?:absente?|en\s+(?:cong[ée]s?|vacances|"
    r"d[ée]placement))|\bich\s+war\s+(?:\w+\s+){0,3}(?:abwesend|im\s+urlaub|unterwegs|nicht\s+im\s+b[üu]ro)"
    r"|\bestuve\s+(?:\w+\s+){0,2}(?:fuera|de\s+vacaciones|ausente)|\bestive\s+(?:\w+\s+){0,2}(?:fora|de\s+f[ée]rias|"
    r"ausente)|\bik\s+was\s+(?:\w+\s+){0,2}(?:afwezig|op\s+vakantie|weg|niet\s+op\s+kantoor)")
# Greetings asked as questions ("Oi Jonas, tudo bem?") ask nothing of the recruiter.
_GREETING_Q = re.compile(r"^(?:[\w'-]+[\s,]+){0,3}(?:tudo\s+bem|tudo\s+bom|como\s+vai|how\s+are\s+you|how's\s+it\s+going|"
                         r"¿?qu[ée]\s+tal|¿?c[óo]mo\s+est[áa]s?|wie\s+geht'?s|wie\s+geht\s+es\s+(?:ihnen|dir)|"
                         r"(?:comment\s+)?[çc]a\s+va|hoe\s+gaat\s+het|alles\s+goed)\W*$")


def _interest_said(low: str) -> bool:
    return any(not _NEGATED_BEFORE.search(low[max(0, m.start() - 30): m.start()])
               for _, rx in _INTERESTED for m in rx.finditer(low))


def _sentence(low: str, at: int) -> str:
    """The sentence around `at`."""
    start = max(low.rfind(c, 0, at) for c in ".!?\n") + 1
    end = min((i for i in (low.find(c, at) for c in ".!?\n") if i >= 0), default=len(low))
    return low[start:end + 1].strip()


def _asked(low: str, at: int) -> bool:
    """The sentence around `at` is a question."""
    sent = _sentence(low, at)
    return sent.endswith("?") or sent.startswith("¿") or bool(_QUESTION_WORDS.search(sent))


def _other_lists(hits: list[_Hit], low: str) -> list[_Hit]:
    """Leaving a newsletter (or swapping an old address) is not a stop; alone it is a low-confidence one."""
    keen = any(h.label is Label.INTERESTED for h in hits)
    out = []
    for h in hits:
        if h.label is Label.UNSUBSCRIBE:
            around = low[max(0, h.start - 40): h.start + len(h.phrase) + 60]
            sentence = re.split(r"[.!?\n]", low[h.start:])[0]
            clause = re.split(r"[.!?]\s|\n", low[max(0, h.start - 120): h.start])[-1]  # "a@b.example" stays whole
            if not _STOP_CONTACT.search(h.phrase.lower()) and (
                    _OLD_ADDRESS.search(sentence) or _OLD_ADDRESS.search(around) or _OLD_ADDRESS.search(clause)):
                continue  # "remove my old email, use this one"
            if GDPR_NAMES.fullmatch(h.phrase.lower()) or GDPR_RIGHTS.fullmatch(h.phrase.lower()):
                sent = _sentence(low, h.start)
                near = sent + " " + low[h.start + len(h.phrase): h.start + len(h.phrase) + 80]
                if _asked(low, h.start) or RIGHTS_EXPLAINED.search(sent) or not FIRST_PERSON_ASK.search(near):
                    continue  # a law or a right named in a footer, or asked about, demands nothing
            if OTHER_LIST.search(around) and _LEAVE_LIST.search(h.phrase.lower()):
                if keen:
                    continue  # "unsubscribe me from the newsletter, but the role sounds great"
                h = _Hit(h.label, 0.6, h.phrase, h.start)
        out.append(h)
    return out


def _correct(hits: list[_Hit], low: str) -> list[_Hit]:
    """Cross-label corrections: qualified declines are not-now, 'no but happy to hear more' is interest."""
    labels = {h.label for h in hits}
    if any(h.label is Label.NOT_NOW and h.overrides_decline for h in hits):
        hits = [h for h in hits if h.label is not Label.NOT_INTERESTED]
    interest = [h for h in hits if h.label is Label.INTERESTED]
    if interest:
        keep = []
        for h in hits:
            if h.label is Label.NOT_INTERESTED:
                but = re.search(r"\b(?:but|however|though|although|aber|pero|mais)\b", low[h.start:])
                if but and any(i.start > h.start + but.start() for i in interest):
                    continue
            keep.append(h)
        hits = keep
    # A soft absence (no auto-reply wording) yields to what the person actually said.
    labels = {h.label for h in hits}
    strong_ooo = any(h.label is Label.OUT_OF_OFFICE and not h.soft for h in hits)
    others = labels - {Label.OUT_OF_OFFICE, Label.QUESTION}
    if not strong_ooo and others:
        hits = [h for h in hits if h.label is not Label.OUT_OF_OFFICE]
    return hits
