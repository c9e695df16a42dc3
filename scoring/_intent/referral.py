"""Referral extraction: the referred person's name and their (third-party) handle."""

from __future__ import annotations

import re

from scoring._intent.labels import Referral

_NAME = r"([A-ZÀ-ÖØ-Þ][\w'-]+(?:[ \t]+(?:(?:van|von|de|da|di|del|der|le|la|bin|al)[ \t]+)?[A-ZÀ-ÖØ-Þ][\w'-]+){0,2})"
_NAME_AFTER = re.compile(
    r"(?i:colleague|friend|teammate|team mate|lab ?mate|coworker|co-worker|classmate|brother|sister|cousin|partner|"
    r"wife|husband|mentee|student|buddy|peer|intern|collaborator|kollegin|kollege|freundin|freund|colega|amig[oa]|"
    r"compa[ñn]er[oa]|coll[èe]gue|amie?|talk to|speak to|speak with|talk with|reach out to|contact|try|ask|ping|"
    r"introduce you to|intro you to|put you in touch with|connect you with|forward (?:\w+ ){0,2}to|"
    r"pass (?:\w+ ){0,2}to|"
    r"recommend|check out|cc'?ing|looping in|frag mal|habla con)[,:]?[ \t]+(?:(?i:my|our)[ \t]+)?" + _NAME)
_NOT_NAMES = {
    "I", "I'm", "I'd", "I'll", "The", "This", "That", "He", "She", "They", "We", "You", "It", "His", "Her", "Their",
    "My", "Our", "Not", "But", "And", "Thanks", "Thank", "Hi", "Hey", "Hello", "GitHub", "Github", "Hugging", "Face",
    "ML", "AI", "LLM", "PyTorch", "Google", "Meta", "DeepMind", "OpenAI", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "Please", "Maybe", "Also", "Someone", "Somebody", "Kein", "Not",
    "Yes", "Yeah", "Sure", "Ok", "OK", "Okay", "So", "Well", "Honestly", "Actually", "Definitely", "Absolutely",
    "Perhaps", "Sorry", "Great", "Sounds", "Happy", "Glad", "Currently", "Right", "Now", "Then", "Oh", "Cool",
    "Nice", "Dear", "Best", "Regards", "Cheers", "Unfortunately", "Anyway", "Frankly", "Personally", "What", "Who",
    "Which", "Why", "How", "When", "Where", "Is", "Are", "Would", "Could", "Can", "Do", "Does", "Will", "Should",
    "It's", "That's", "There", "Here", "If", "As", "At", "In", "On", "For", "With", "Anyone", "Everyone", "Nobody",
    "Team", "Company", "Role", "Job", "Position", "Everything", "Nothing", "Your", "Both",
}
_NAMED_SUBJECT = re.compile(_NAME + r"[ \t]+(?:would|might|may|could|is|will)\b")
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
_GITHUB = re.compile(r"(?:https?://)?(?:www\.)?github\.com/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))"
                     r"|\bgithub\b(?:\s+(?:is|handle|username|as|name)|:)+\s*@?(?!https?:|www\.|"
                     r"github\.com)([A-Za-z0-9][A-Za-z0-9-]{0,38})\b", re.I)
_HF = re.compile(r"(?:https?://)?(?:huggingface\.co|hf\.co)/([A-Za-z0-9][\w.-]*[A-Za-z0-9])", re.I)
_SLACK_USER = re.compile(r"(?<![\w.+-])@([A-Za-z0-9][\w.-]*[A-Za-z0-9])(?![\w@])")
_SELF = re.compile(r"(?:\bmy\s+(?:\w+\s+)?(?:github|gh|profile|e-?mail|address|hf|hugging ?face|handle|calendly|cv|"
                   r"resume|website|site|blog|portfolio|page|account|username)\b|\bhere(?:'s| is) my\b|\breach me\b|"
                   r"\bme at\b|\bfor urgent|\bplease contact\b)[^.\n]{0,30}$", re.I)


# A first and last name inside a sentence ("sprechen Sie mal mit Lena Schubert", "probeer eens Lisa Bakker"):
# the fallback when no cue word sits right before the name. Greetings, sign-offs and German formal
# address ("Hallo Herr Berg", "Ihre Nachricht") are not people to add.
_FULL_NAME = re.compile(r"(?<=[\w,:;)] )(?=([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'-]+"
                        r"(?:[ \t]+(?:van|von|de|da|di|del|der|dos|das|le|la)"
                        r"(?:[ \t]+(?:der|den|la))?)?[ \t]+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'-]+))")
_NOT_FULL = _NOT_NAMES | {
    "Herr", "Frau", "Ihre", "Ihren", "Ihrer", "Ihrem", "Ihr", "Ihnen", "Sie", "Nachricht", "Mail", "E-Mail", "Stelle",
    "Hallo", "Bonjour", "Hola", "Olá", "Hoi", "Beste", "Liebe", "Lieber", "Grüße", "Gruß", "Danke", "Merci",
    "Gracias", "Obrigado", "Obrigada", "Bedankt", "Staff", "Senior", "Lead", "Engineer", "Labs", "Lumen", "Team",
    "Kollegen", "Kollegin", "Kollege", "Freund", "Freundin", "Bekannten", "Bekannte", "Ex-Kollegen", "Ex-Kollegin",
}


def _full_name(norm: str) -> str | None:
    for m in _FULL_NAME.finditer(norm):
        words = [w for w in m.group(1).split() if w[0].isupper()]
        if not set(words) & _NOT_FULL:
            return m.group(1)
    return None


def _third_party_handles(norm: str) -> list[tuple[int, str, str]]:
    """Handles in the text that are not the writer's own, as (position, kind, handle)."""
    found: list[tuple[int, str, str]] = []
    for kind, rx in (("github", _GITHUB), ("huggingface", _HF), ("email", _EMAIL), ("slack", _SLACK_USER)):
        for m in rx.finditer(norm):
            handle = next(g for g in m.groups() if g)
            if kind == "slack" and handle.lower() in {"here", "channel", "everyone"}:
                continue
            if _SELF.search(norm[max(0, m.start() - 40): m.start()]):
                continue
            if any(p <= m.start() < p + len(h) + 25 and k == "github" and kind != "github" for p, k, h in found):
                continue
            found.append((m.start(), kind, handle.rstrip(".")))
    return sorted(found)


def _extract_referral(norm: str) -> Referral:
    """The referred person: a capitalised name after a relation or hand-off verb, and a handle."""
    name = None
    for m in _NAME_AFTER.finditer(norm):
        words = m.group(1).split()
        while words and words[-1] in _NOT_NAMES:
            words.pop()
        if words and words[0] not in _NOT_NAMES:
            name = " ".join(words)
            break
    if name is None:
        for m in _NAMED_SUBJECT.finditer(norm):  # "Jane Doe would be a great fit"
            if not set(m.group(1).split()) & _NOT_NAMES:
                name = m.group(1)
                break
    if name is None:
        name = _full_name(norm)
    handles = _third_party_handles(norm)
    if not handles:
        return Referral(name=name)
    _, kind, handle = handles[0]
    return Referral(name=name, handle=handle, kind=kind)
