"""Split an email reply into the new text, the quoted history and the signature, so only the new text is classified.

The splitting is mail-parser-reply's (alfonsrv/mail-parser-reply, MIT, no dependencies): it knows
the "On ... wrote:" / "Am ... schrieb ...:" / "Le ... a écrit :" / "El ... escribió:" /
"Op ... schreef:" headers, Outlook's "From:/Sent:/To:" blocks in those languages and
"-----Original Message-----". What it misses, seen in real replies, is handled here before and
after it: forwarded-message markers, "________" separators, other languages' original-message
lines, Portuguese headers (it has no Portuguese), mobile footers, sign-off lines and legal
disclaimers (which say "please delete it" and must never read as a request to delete data).
Sign-offs are cut only on a line of their own: the library cuts at any line starting with
"Thanks,", which would drop "Thanks, but I'm not interested".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailparser_reply import EmailReplyParser

# Languages the parser knows that Hirebot's markets write in (Portuguese is handled below).
_PARSER = EmailReplyParser(languages=["en", "de", "fr", "es", "nl"])

_MARKERS = [
    # Forwarded blocks: everything under them is someone else's text.
    r"^-{2,}\s*(?:forwarded message|weitergeleitete nachricht|message transf[ée]r[ée]|mensaje reenviado|"
    r"mensagem encaminhada|doorgestuurd bericht|original message|urspr[üu]ngliche nachricht|message d'origine|"
    r"mensaje original|mensagem original|oorspronkelijk bericht)\s*-{2,}\s*$",
    r"^(?:begin forwarded message|anfang der weitergeleiteten nachricht|d[ée]but du message r[ée]exp[ée]di[ée])\s*:",
    r"^_{10,}\s*$",  # Outlook's separator above its header block
    # "On/Am/Le/El/Em/Op <date>, <name> wrote:" on one line; the parser has no Portuguese and misses
    # Gmail's Spanish "(<address>) escribió:".
    r"^(?:on|am|le|el|em|op)\s[^\n]{4,200}?\s(?:wrote|schrieb|a [ée]crit|escribi[óo]|escreveu|schreef)\b[^\n]{0,40}:\s*$",
    r"^(?:on|am|le|el|em|op)\s[^\n]{4,160}\n[^\n]{0,80}(?:wrote|schrieb|a [ée]crit|escribi[óo]|escreveu|schreef)"
    r"[^\n]{0,40}:\s*$",  # the same headers wrapped onto a second line
    # An Outlook header block without ">" in any supported language: two header lines in a row.
    r"^\*?(?:from|von|de|van)\s*\*?\s*:.*\n\*?(?:sent|date|gesendet|datum|envoy[ée]|enviado|fecha|data|verzonden|"
    r"to|an|[àa]|para|aan)\s*\*?\s*:",
]
_MARKER_RX = re.compile("|".join(f"(?:{m})" for m in _MARKERS), re.IGNORECASE | re.MULTILINE)
_QUOTED_RUN = re.compile(r"^>.*(?:\n>.*){1,}", re.MULTILINE)  # two or more quoted lines in a row
_QUOTED_TAIL = re.compile(r"^>.*(?:\n(?:>.*|[ \t]*))*\Z", re.MULTILINE)  # only quoted or blank lines to the end

_FOOTERS = re.compile(
    r"^(?:sent from my|sent from (?:outlook|mail|yahoo)|get outlook for|von meinem \S+(?: \S+)? gesendet|"
    r"gesendet von (?:meinem|outlook)|envoy[ée] de mon|envoy[ée] depuis|enviado desde mi|enviado do meu|"
    r"enviado a partir do|verzonden vanaf mijn|verstuurd vanaf mijn|sent via|sent with|"
    r"(?:obtener|obtenir|obter|holen sie sich|download|downloaden|baixe|baixar|descargar) outlook (?:para|pour|f[üu]r|"
    r"for|voor) (?:android|ios))\b", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"^(?:best|best regards|kind regards|warm regards|regards|many thanks|thanks|thank you|thanks again|cheers|"
    r"all the best|talk soon|sincerely|yours|"
    r"viele gr[üu](?:ß|ss)e|beste gr[üu](?:ß|ss)e|liebe gr[üu](?:ß|ss)e|mit freundlichen gr[üu](?:ß|ss)en|"
    r"freundliche gr[üu](?:ß|ss)e|gr[üu](?:ß|ss)e|lg|vg|mfg|danke|vielen dank|"
    r"cordialement|bien [àa] vous|bien cordialement|merci|bonne journ[ée]e|salutations|amiti[ée]s|"
    r"saludos|un saludo|atentamente|cordialmente|gracias|muchas gracias|un abrazo|"
    r"atenciosamente|cumprimentos|obrigad[oa]|abra[çc]os?|um abra[çc]o|"
    r"met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groeten|groetjes|hartelijke groet(?:en)?|bedankt|"
    r"dank je(?: wel)?|dank u(?: wel)?)[\s,.!]*(?:[A-ZÀ-Þ][\w'-]*\s*){0,3}$", re.IGNORECASE)
# A contact-card line ("TEL;CELL: +44 ...", "EMAIL: a@b", "Mobile: ...", "m: +44 ..."): a signature starts here.
_CONTACT_LINE = re.compile(r"^(?:(?:tel(?:;[\w=]+)*|phone|mobile|mob|cell|fax|e-?mail|url|tél|telefon|telefone|"
                           r"tel[ée]fono|handy)\s*[.:]|[mtwe]\s*:)\s*(?=\S*[\d@]|\S*www\.|\S*https?:)\S", re.IGNORECASE)
_SIG_DELIMITER = re.compile(r"^(?:--|—|__)\s*$")
_DISCLAIMER = re.compile(
    r"(?:intended recipient|confidential(?:ity)?\s+notice|privileged|this (?:e-?mail|message) (?:and any attachments )?"
    r"(?:is|are|may be|contains?) (?:confidential|intended)|vertraulich|nicht der (?:richtige|beabsichtigte) "
    r"(?:adressat|empf[äa]nger)|destinataire|destinatario|destinatário|geadresseerde|vertrouwelijk|confidentiel|"
    r"confidencial)", re.IGNORECASE)
# A privacy notice: a data-protection law or notice named with the reader's rights ("puede ejercer sus derechos de
# acceso, rectificación, supresión", "recht op inzage"). It informs; it never asks anything of the recruiter.
_PRIVACY_NOTICE = re.compile(
    r"(?:datenschutz(?:hinweis|erkl[äa]rung|information)|privacy (?:notice|policy|statement)|aviso legal|"
    r"protecci[óo]n de datos|protec[çc][ãa]o de dados|protection des donn[ée]es|mentions l[ée]gales|"
    r"\b(?:gdpr|rgpd|lgpd|lopd(?:gdd)?|dsgvo|ds-gvo|avg|uavg)\b)", re.IGNORECASE)
_RIGHTS = re.compile(
    r"(?:rights? (?:of|to) (?:access|rectification|erasure|object)|exercise (?:your|their) rights|"
    r"(?:ihre|ihr) (?:rechte|recht auf)|betroffenenrechte|auskunft|widerspruch|"
    r"droits? d'acc[èe]s|vous disposez d'un droit|exercer (?:vos|ces) droits|"
    r"derechos? de acceso|ejercer (?:sus|los|tus) derechos|"
    r"direitos? de acesso|exercer (?:os )?(?:seus|teus) direitos|direitos|"
    r"recht op (?:inzage|correctie|rectificatie|verwijdering|bezwaar)|uw rechten|"
    r"personal data (?:is|are) processed|verarbeite[nt]|trait[ée]es|tratad[oa]s|tratamiento|tratamento|verwerk)",
    re.IGNORECASE)
# ...unless the person speaks in it: "Gemäß DSGVO verlange ich die Löschung meiner Daten" is their request.
_FIRST_PERSON = re.compile(
    r"(?:\b(?:i|ich|yo|eu|ik)\b|\bje\s+(?:vous|demande|souhaite|veux|exige)|\b(?:my|meine[rnm]?|mes|mis|meus|mijn)\s+"
    r"(?:\w+\s+)?(?:data|daten|donn[ée]es|datos|dados|gegevens)\b)", re.IGNORECASE)
_DELETE_WORDS = re.compile(r"(?:delete|destroy|l[öo]schen|vernichten|supprimer|d[ée]truire|eliminar|borrar|borrado|apagar|"
                           r"verwijderen|notify|informieren|avertir|notifique|avise|informeren)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReplyText:
    """A reply split into what the person wrote now, the quoted history, and their signature/footer/disclaimer."""

    new: str
    quoted: str = ""
    signature: str = ""

    @property
    def trimmed(self) -> bool:
        """Whether anything was set aside."""
        return bool(self.quoted or self.signature)


def _unescape(text: str) -> str:
    # Slack-escaped pastes arrive with &gt; quotes; the markers need the real characters.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("&gt;", ">").replace("&lt;", "<").replace(
        "&amp;", "&")


def _first_marker(text: str) -> int | None:
    hits = [m.start() for m in _MARKER_RX.finditer(text) if text[:m.start()].strip()]
    for rx in (_QUOTED_RUN, _QUOTED_TAIL):
        run = rx.search(text)
        if run and text[:run.start()].strip():
            hits.append(run.start())
    return min(hits) if hits else None


def _drop_disclaimers(text: str) -> tuple[str, list[str]]:
    """Paragraphs that are legal boilerplate (recipient + delete/notify wording, or a privacy notice naming the
    reader's rights) are set aside."""
    keep, dropped = [], []
    for para in re.split(r"\n\s*\n", text):
        if (_DISCLAIMER.search(para) and _DELETE_WORDS.search(para)) or (
                _PRIVACY_NOTICE.search(para) and _RIGHTS.search(para) and not _FIRST_PERSON.search(para)):
            dropped.append(para.strip())
        else:
            keep.append(para)
    return "\n\n".join(keep), dropped


def _card_start(lines: list[str], i: int) -> int:
    """Where a contact card ending at line i begins: the name/title lines just above it (short, no sentence end)."""
    j, taken = i, 0
    while j - 1 > 0 and taken < 4:
        s = lines[j - 1].strip()
        if s and (len(s) > 50 or s[-1] in ".!?:" or not any(x.strip() for x in lines[:j - 1])):
            break
        j -= 1
        taken += bool(s)
    return j


def _cut_signature(text: str) -> tuple[str, str]:
    """Cut at a signature delimiter, a mobile footer, a sign-off line of its own or a contact card, after some text."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or not any(x.strip() for x in lines[:i]):
            continue
        if _SIG_DELIMITER.match(s) or _FOOTERS.match(s) or _SIGN_OFF.match(s):
            return "\n".join(lines[:i]).strip(), "\n".join(lines[i:]).strip()
        if _CONTACT_LINE.match(s):
            i = _card_start(lines, i)
            return "\n".join(lines[:i]).strip(), "\n".join(lines[i:]).strip()
    return text.strip(), ""


def split_reply(text: str) -> ReplyText:
    """The new text of a reply, with the quoted history and the signature set aside."""
    text = _unescape(text)
    cut = _first_marker(text)
    head, tail = (text[:cut], text[cut:]) if cut is not None else (text, "")
    message = _PARSER.read(head)
    first = message.replies[0] if message.replies else None
    new = first.full_body if first is not None else head.strip()
    rest = [r.content for r in message.replies[1:]]
    if first is not None and first.headers:
        rest.insert(0, first.headers)
    new, disclaimers = _drop_disclaimers(new)
    new, signature = _cut_signature(new)
    if not new.strip():
        # Nothing above the history (bottom-posting or inline answers): keep the unquoted lines.
        new = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith(">")).strip()
        return ReplyText(new=new)
    quoted = "\n".join(p for p in (*rest, tail) if p.strip()).strip()
    return ReplyText(new=new, quoted=quoted, signature="\n\n".join(p for p in (signature, *disclaimers) if p))
