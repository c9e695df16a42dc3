"""Families of expression, per language (en, de, fr, es, pt, nl), merged into each label's rules.

Each family is a grammar, not a sentence: a stop verb with its object ("stop ... writing to me",
"hören Sie auf, mir zu schreiben", "stop met mij te mailen"), a data-deletion request under the
GDPR or one of its national names (DSGVO, RGPD, AVG, LGPD), a removal from a list, file or
database ("Kartei", "fichiers", "bestand", "lista"), a plain yes or an availability, a hand-off
of the message or a contact to a third person, a decline by staying put or being satisfied, the
pay vocabulary of each market, and the out-of-office phrases with their return-date grammar.
Patterns run on the lowercase, normalised text.
"""

from __future__ import annotations

import re


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


# Things one asks to be removed from or no longer sent.
_LIST = (r"(?:liste|list|lista|listas|lijst|mailinglijst|verteiler|kartei|datei|datenbank|fichiers?|base|"
         r"bases|database|databank|bestand|systeem|system|syst[eè]me|sistema|registo|registro|cadastro|contactos|"
         r"contatos|adressliste|crm|records|files?)")
_STOP_VERBS_EN = r"(?:e-?mail|mail|messag|contact|writ|text|ping|spam|bother|pester|harass|call|send)\w*"

# The right to erasure by name: a stop only inside the person's own request (FIRST_PERSON_ASK), never in a
# privacy footer that lists the reader's rights.
GDPR_RIGHTS = _rx(
    r"\bright to (?:erasure|be forgotten)\b", r"\brecht auf (?:l[öo]schung|vergessenwerden)\b",
    r"\bdroit (?:[àa] l'effacement|[àa] l'oubli)\b", r"\bderecho (?:de supresi[óo]n|al olvido)\b",
    r"\bdireito (?:ao apagamento|ao esquecimento|de elimina[çc][ãa]o)\b", r"\brecht op (?:vergetelheid|"
    r"verwijdering|gegevenswissing)\b")
# A first-person request: "I request / ich verlange / je demande / solicito / peço / ik verzoek", or an imperative
# aimed at the writer's own data or person ("delete my data", "löschen Sie meine Daten", "me", "mich").
FIRST_PERSON_ASK = _rx(
    r"\b(?:i|we)\s+(?:\w+\s+){0,2}(?:request|ask|demand|want|invoke|exercise|require|insist)",
    r"\b(?:verlange|fordere|bitte|beantrage|widerspreche|mache)\b[^.?!]{0,40}\b(?:ich|mich|meine\w*)\b",
    r"\bich\s+(?:\w+\s+){0,2}(?:verlange|fordere|bitte|beantrage|widerspreche|mache)",
    r"\bje\s+(?:\w+\s+){0,2}(?:demande|exige|souhaite|veux|exerce|m'oppose)",
    r"\b(?:solicito|pido|exijo|quiero|ejerzo|me\s+opongo)\b", r"\b(?:solicito|pe[çc]o|exijo|quero|exer[çc]o)\b",
    r"\bik\s+(?:\w+\s+){0,2}(?:verzoek|vraag|eis|wil|maak)", r"\b(?:verzoek|vraag)\s+(?:ik|u|jullie)\b",
    r"\b(?:my|meine[rnm]?|mes|mis|meus|minhas|mijn)\s+(?:\w+\s+){0,2}(?:data|daten|donn[ée]es|datos|dados|"
    r"gegevens|details|information|informationen|informations|informaci[óo]n|informa[çc][õo]es)\b",
    r"\b(?:delete|erase|remove)\s+me\b|\b(?:l[öo]schen|entfernen)\s+sie\s+mich\b",
    r"\b(?:erase|delete|remove)\s+(?:\w+\s+){0,4}(?:on|about|of)\s+me\b", r"\bj'(?:exerce|demande|exige)\b",
    r"\bi'?m\s+(?:\w+\s+)?(?:invoking|exercising|requesting|asking|demanding|making)\b",
    # An imperative or a request by name: "right to be forgotten, please", "Löschung, bitte", "GDPR request".
    r"\b(?:please|pls|bitte|s'il vous pla[iî]t|merci de|por favor|alstublieft|graag|request|verzoek|antrag|"
    r"demande|solicitud|pedido)\b")
# The reader's rights explained to them, as a privacy footer does: never a request, whatever else it says.
RIGHTS_EXPLAINED = _rx(
    r"\byou\s+(?:have|may|can|are\s+entitled)\b|\byour\s+rights\b", r"\b(?:sie\s+haben|haben\s+sie|k[öo]nnen\s+sie|"
    r"ihre\s+rechte)\b", r"\bvous\s+(?:disposez|pouvez|avez)\b|\bvos\s+droits\b",
    r"\b(?:puede|podr[áa]|usted|tiene\s+derecho)\b|\bsus\s+derechos\b", r"\b(?:pode|poder[áa]|tem\s+direito)\s+"
    r"(?:\w+\s+)?(?:exercer|solicitar)\b|\b(?:os\s+)?seus\s+direitos\b",
    r"\b(?:u\s+heeft|heeft\s+u|kunt\s+u|uw\s+rechten)\b")

UNSUBSCRIBE = [
    (0.95, GDPR_RIGHTS),
    (0.95, _rx(
        # Deleting personal data (not an old address: "remove my old email, use this one" is no stop).
        r"\b(?:personenbezogenen?|pers[öo]nlichen?)\s+daten\b[^.]{0,60}\b(?:l[öo]schen|entfernen)\b",
        r"\b(?:l[öo]schen|entfernen|l[öo]schung)\b[^.]{0,40}\b(?:meine[rn]?|personenbezogenen?)\s+daten\b",
        r"\b(?:supprim|effac)\w*\s+(?:\w+\s+){0,3}(?:mes|de mes)\s+(?:donn[ée]es|coordonn[ée]es)\b",
        r"\b(?:mes )?donn[ée]es personnelles\b[^.]{0,40}\b(?:supprim|effac)\w*",
        r"\b(?:supresi[óo]n|eliminaci[óo]n|borrado|borren|borrar|eliminen|eliminar|suprim\w+)\s+(?:\w+\s+){0,3}"
        r"mis\s+datos\b",
        r"\b(?:apagamento|elimina[çc][ãa]o|exclus[ãa]o|apaguem|apagar|eliminem|eliminar|excluam|excluir)\s+"
        r"(?:\w+\s+){0,3}(?:os\s+)?meus\s+dados\b",
        r"\bpersoonsgegevens\b[^.]{0,40}\b(?:verwijder|wis)\w*", r"\b(?:verwijder|wis)\w*\s+(?:\w+\s+){0,3}"
        r"(?:mijn|al mijn)\s+(?:persoons)?gegevens\b",
        r"\b(?:erase|delete|remove)\s+(?:\w+\s+){0,2}(?:my|all my)\s+personal\s+(?:data|information|details)\b",
        # Stop verb + me/my object: English.
        r"\b(?:stop|quit|cease)\s+(?:\w+\s+)?" + _STOP_VERBS_EN + r"\s+(?:me|to me|my)\b",
        r"\btake me off\b",
        r"\b(?:remove|delete|take|strike|erase)\s+(?:me|my (?:e-?mail|address|name|details|number|profile|data|cv|"
        r"info\w*|contact\w*))\s+"
        r"(?:from|off|out of)\s+(?:your|the|all|this)\s+(?:\w+\s+)?" + _LIST,
        # German: aufhören + zu-infinitive, unterlassen, verschonen, aus der Kartei nehmen.
        r"\b(?<!nicht )(?:h[öo]ren\s+sie\s+(?:(?!nicht\b)\w+\s+){0,2}auf|h[öo]r\s+(?:(?!nicht\b)\w+\s+){0,2}auf|"
        r"auf(?:zu)?h[öo]ren),?\s+"
        r"(?:\w+\s+){0,2}(?:mir|mich)\s+(?:[\w-]+\s+){0,4}zu\s+(?:schreiben|schicken|senden|kontaktieren|mailen|"
        r"e-?mailen|anzuschreiben|anzurufen|bel[äa]stigen|nerven)\b",
        r"\bunterlassen\s+sie\s+(?:\w+\s+){0,3}(?:kontakt\w*|anfragen|nachrichten|e-?mails|mails|anschreiben)\b",
        r"\bverschonen\s+sie\s+mich\b", r"\blassen\s+sie\s+mich\s+(?:bitte\s+)?(?:in\s+ruhe|zufrieden)\b",
        r"\b(?:nehmen|streichen|l[öo]schen|entfernen|tragen)\s+sie\s+mich\s+(?:\w+\s+){0,3}(?:aus|von)\s+(?:ihrer|"
        r"ihrem|der|dem|eurer|eurem)\s+(?:\w+\s+)?" + _LIST,
        r"\bkeine\s+(?:weiteren?\s+)?(?:kontaktaufnahmen?|e-?mails|nachrichten|zuschriften)\s+mehr\b",
        # French: lâchez-moi, fichez-moi la paix, retirer mon adresse de vos fichiers, cessez de m'écrire.
        r"\b(?:fichez|foutez|laissez|fiche|fous|laisse)[- ]moi\s+(?:la\s+paix|tranquille)\b",
        r"\b(?:retir|supprim|effac|ray)(?:ez|er|e)(?:-moi)?\s+(?:moi\s+|mon\s+(?:adresse|e-?mail|mail|nom|"
        r"courriel)\s+|mes\s+coordonn[ée]es\s+)?(?:\w+\s+){0,2}(?:de|des|du)\s+(?:vos|votre|ta|tes|la|le|les)\s+"
        r"(?:\w+\s+)?" + _LIST,
        r"\b(?:cessez|arr[êe]tez|arr[êe]te)\s+(?:\w+\s+){0,2}(?:de\s+)?(?:m'[ée]crire|m'envoyer|me\s+\w+er\b|vos\s+"
        r"(?:mails|e-?mails|messages|relances|courriels|sollicitations))",
        # Spanish: no vuelvan a contactarme, déjenme en paz, sáquenme de su base.
        r"\bno\s+(?:me\s+)?vuelva[ns]?\s+a\s+(?:contactar|escribir|llamar|enviar|mandar)(?:me)?\b",
        r"\bdej(?:en|e|a|ad)\s+de\s+(?:\w+\s+)?(?:contactar|escribir|enviar|mandar|molestar)(?:me)?\b",
        r"\bd[ée]j(?:en|e|a)me\s+en\s+paz\b",
        r"\b(?:s[aá]qu|qu[ií]t|b[oó]rr|elim[ií]n)\w*\s+(?:\w+\s+){0,3}de\s+(?:su|sus|tu|tus|vuestra|vuestras|la|las|"
        r"esta|esa)\s+(?:\w+\s+)?" + _LIST,
        # Portuguese: deixem de me contactar, me tirem dessa lista, parem de me escrever.
        r"\bdeix(?:em|e|a)\s+de\s+me\s+(?:contactar|contatar|escrever|enviar|mandar|incomodar|ligar)\b",
        r"\bpar(?:em|e|a)\s+de\s+me\s+\w+",
        r"\b(?:me\s+)?(?:tir|retir|remov|exclu|apag)(?:em|e|a|am)(?:-me)?\s+(?:\w+\s+){0,3}d(?:e|a|o|as|os|essa|esta|"
        r"esse|este|a\s+sua|o\s+seu)\s+(?:\w+\s+)?" + _LIST,
        r"\bme\s+deix(?:em|e|a)\s+em\s+paz\b",
        # Dutch: stop met mij te mailen, zet me uit jullie bestand, laat me met rust.
        r"\bstop(?:pen|t)?\s+(?:\w+\s+)?met\s+(?:(?:mij|me)\s+)?(?:\w+\s+)?(?:te\s+)?(?:mailen|e-?mailen|benaderen|"
        r"contacteren|berichten|schrijven|bellen|appen|lastigvallen)\b",
        r"\bstop(?:pen|t)?\s+(?:\w+\s+)?met\s+(?:het\s+)?(?:sturen|versturen|zenden)\s+van\b",
        r"\b(?:zet|haal|verwijder|schrap)\s+(?:me|mij|mijn\s+(?:e-?mail|adres|gegevens|naam))\s+(?:\w+\s+){0,2}"
        r"(?:uit|van|af)\s+(?:jullie|uw|je|de|het|dit|die)\s+(?:\w+\s+)?" + _LIST,
        r"\bgeen\s+contact\s+meer\s+(?:met\s+(?:mij|me)\s+)?op\b", r"\blaat\s+(?:me|mij)\s+(?:\w+\s+)?met\s+rust\b",
        r"\b(?:benader|mail|e-?mail|contacteer|bel|app|stuur)\s+(?:me|mij)\s+(?:\w+\s+){0,2}(?:niet|nooit)\s+meer\b",
    )),
]

# The GDPR by name: a stop when stated, not when asked about ("how do you handle my data under the DSGVO?").
GDPR_NAMES = re.compile(r"\b(?:gdpr|dsgvo|ds-gvo|rgpd|lgpd|avg-verzoek)\b"
                        r"|\b(?:op grond van|volgens|conform|onder) de avg\b")
UNSUBSCRIBE.append((0.95, GDPR_NAMES))
UNSUBSCRIBE.append((0.95, _rx(
    # A bare "STOP" on the first line, whatever signature follows it (HTML layouts keep the signature).
    r"^\W*stop[^\w\n]*(?:\n|$)",
    # German: "mich künftig nicht mehr zu kontaktieren", "meine Daten aus Ihrer Datenbank zu entfernen".
    r"\bmich\s+(?:\w+\s+){0,2}nicht\s+mehr\s+(?:\w+\s+)?(?:zu\s+(?:kontaktieren|schreiben|mailen|e-?mailen|kontakten|"
    r"bel[äa]stigen)|anzuschreiben|anzurufen|anzumailen|anzusprechen)\b",
    r"\bmeine\s+(?:personenbezogenen\s+)?daten\s+(?:\w+\s+){0,4}(?:zu\s+)?(?:l[öo]schen|entfernen)\b",
    # Spanish imperatives with the enclitic: "sacadme / sácame / quitadme de la lista".
    r"\b(?:s[aá]ca|qu[ií]ta|b[oó]rra|elim[ií]na)(?:d|n)?me\s+(?:\w+\s+){0,3}de\s+(?:su|sus|tu|tus|vuestra|vuestras|"
    r"vuestro|la|las|el|los|esta|esa)\s+(?:\w+\s+)?" + _LIST,
    # Dutch: "hou op met mailen", "haal me uit jullie systeem", verb last.
    r"\b(?:hou|houd|houdt)\s+(?:\w+\s+){0,2}op\s+met\s+(?:(?:mij|me)\s+)?(?:\w+\s+)?(?:te\s+)?(?:mailen|e-?mailen|"
    r"benaderen|contacteren|berichten|sturen|schrijven|bellen|appen|spammen|lastigvallen|mails|e-?mails|spam)\b",
    r"\bsaqu(?:em|e)-me\s+(?:\w+\s+){0,2}d(?:a|o|as|os|e)\s+(?:\w+\s+)?" + _LIST,
    r"\b(?:me|mij|mijn\s+(?:gegevens|adres|e-?mail(?:adres)?|naam))\s+(?:\w+\s+){0,2}(?:uit|van)\s+(?:jullie|uw|je|"
    r"de|het)\s+(?:\w+\s+)?" + _LIST + r"\s+(?:te\s+)?(?:halen|verwijderen|schrappen)\b",
)))

# A list the person may leave while staying open to the role ("unsubscribe me from the newsletter").
OTHER_LIST = re.compile(r"\b(?:newsletter|nieuwsbrief|news ?letter|infolettre|lettre d'information|bolet[íi]n|"
                        r"rundbrief|marketing|promo\w*|digest|blog|mailing ?list|lista de correo|updates)\b")
# An auto-reply the person takes back ("ignore my out of office") or one in the past ("I was out of office").
OOO_RETRACTED = re.compile(r"(?:\b(?:ignore|disregard|ignorieren sie|ignoriere|ignorez|ignora|ignore[mn]?|negeer|"
                           r"vergeet)\s+(?:\w+\s+){0,2}|\b(?:was|were|been|had been|estuve|estaba|estive|estava|"
                           r"war|waren|[ée]tais|j'[ée]tais|[ée]t[ée])\s+(?:\w+\s+){0,1})$")

OUT_OF_OFFICE = [
    (0.9, _rx(
        # "For urgent matters, contact ...": the auto-reply's hand-off, in each language.
        r"\ben cas d'urgence\b", r"\bpour toute urgence\b", r"\bin dringenden f[äa]llen\b",
        r"\bbei dringenden (?:anliegen|fragen|angelegenheiten)\b", r"\ben caso de urgencia\b",
        r"\bpara (?:asuntos|temas) urgentes\b", r"\bem caso de urg[êe]ncia\b", r"\bpara assuntos urgentes\b",
        r"\bin (?:dringende gevallen|geval van nood|spoedgevallen)\b", r"\bvoor dringende (?:zaken|vragen)\b",
        # Not reading mail while away.
        r"\b(?:lees|check|bekijk)\s+(?:mijn\s+)?(?:e-?mail|mail|berichten)\s+niet\b",
        r"\b(?:lese|pr[üu]fe|checke)\s+(?:meine\s+)?(?:e-?mails?|mails?|nachrichten)\s+nicht\b",
        r"\bne\s+(?:lis|consulte|relève|rel[èe]ve)\s+pas\s+(?:mes\s+)?(?:mails|e-?mails|courriels|messages)\b",
        r"\bno\s+(?:leo|reviso|consulto)\s+(?:el\s+|mi\s+)?(?:correo|e-?mail|email)\b",
        r"\bn[ãa]o\s+(?:leio|consulto|verifico)\s+(?:o\s+)?(?:e-?mail|correio|email)\b",
        # Return grammar: "wieder im Büro", "de retour le", "de volta a", "weer op kantoor", "back in the office".
        r"\bwieder\s+im\s+(?:b[üu]ro|haus|dienst)\b", r"\bweer\s+(?:op\s+kantoor|aanwezig|bereikbaar)\b",
        r"\bde\s+retour\s+(?:au\s+bureau\s+)?(?:le|lundi|mardi|mercredi|jeudi|vendredi|[àa]\s+partir)\b",
        r"\bde\s+volta\s+(?:ao\s+escrit[óo]rio\s+)?(?:a|em|na|no|segunda|ter[çc]a|quarta|quinta|sexta)\b",
        r"\bde\s+vuelta\s+(?:en\s+la\s+oficina\s+)?(?:el|a\s+partir)\b", r"\bback in the office\b",
        r"\babsente?\s+jusqu",
    )),
]
ABSENCE = _rx(r"\bauf\s+(?:dienstreise|gesch[äa]ftsreise|reisen)\b", r"\bmet\s+(?:verlof|vakantie|ouderschapsverlof)\b",
              r"\ben\s+d[ée]placement\b", r"\ben\s+viaje\s+de\s+negocios\b", r"\bde\s+licen[çc]a\b",
              r"\bem\s+viagem\b", r"\bin\s+(?:urlaub|elternzeit)\b", r"\bop\s+reis\b", r"\babsente?\b",
              # Long leaves and "not reachable": their end date is a return, not a "try me later".
              r"\bim\s+mutterschutz\b", r"\bkrankgeschrieben\b", r"\bnicht\s+erreichbar\b",
              r"\bde\s+baja\s+(?:por\s+)?(?:maternidad|paternidad|m[ée]dica|enfermedad)\b",
              r"\bde\s+licen[çc]a\b", r"\bcong[ée]\s+(?:maternit[ée]|paternit[ée]|parental|maladie)\b",
              r"\b\w*verlof\b", r"\bniet\s+bereikbaar\b", r"\bindisponible\b", r"\bindispon[íi]vel\b",
              r"\bno\s+(?:estar[ée]|estoy)\s+disponible\b")

# Explicit yes or interest, and an availability offered (a weekday, a time, a slot).
_DAYS = (r"(?:montag|dienstag|mittwoch|donnerstag|freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|"
         r"mi[ée]rcoles|jueves|viernes|segunda|ter[çc]a|quarta|quinta|sexta|maandag|dinsdag|woensdag|donderdag|"
         r"vrijdag|monday|tuesday|wednesday|thursday|friday|morgen|demain|ma[ñn]ana|amanh[ãa])")
INTERESTED = [
    (0.85, _rx(
        r"\b(?:das|es|dies)\s+interessiert\s+mich\b", r"\bich\s+bin\s+(?:\w+\s+)?interessiert\b",
        r"\b[çc]a\s+m'int[ée]resse\b", r"\bcarr[ée]ment\b", r"\b(?:je\s+suis\s+)?dispo(?:nible)?\s+(?:\w+\s+)?" + _DAYS,
        r"\bme\s+interesa\s+(?:mucho|bastante)\b", r"\bs[ií],?\s+me\s+interesa\b",
        r"\b(?:tenho|tenemos|tengo)\s+(?:muito|mucho|bastante)\s+interesse?\b", r"\bcontinu[oa]\s+(?:muito\s+)?"
        r"interessad[oa]\b", r"\binteressad[oa]\b",
        r"\b(?:spreekt|sprak)\s+(?:me|mij)\s+(?:erg\s+|zeer\s+|heel\s+)?aan\b", r"\bik\s+heb\s+(?:\w+\s+)?interesse\b",
        r"\b(?:ik|wij|we)\s+(?:kan|kunnen)\s+(?:\w+\s+){0,3}" + _DAYS
        + r"\b[^.?!]{0,30}\b(?:bellen|praten|afspreken)\b",
        r"\b(?:ich\s+kann|je\s+peux|puedo|posso|i\s+can)\s+(?:\w+\s+){0,2}" + _DAYS + r"\b",
        r"\b(?:passt|geht)\s+(?:ihnen|dir|es)\s+(?:\w+\s+){0,2}" + _DAYS + r"\b",
        r"\bpode\s+ser\s+(?:na|no|em|amanh[ãa])\s*" + _DAYS + r"?",
        r"\bpuede\s+ser\s+(?:el\s+)?" + _DAYS + r"\b", r"\bpourquoi\s+pas\b",
        r"\b(?:vertel|erz[äa]hlen\s+sie|erz[äa]hl)\s+(?:me|mij|mir)\s+(?:gerne?\s+)?(?:meer|mehr)\b",
        r"\bdites-m'en\s+plus\b",
        r"\bcu[ée]nt(?:a|e|en)me\s+m[áa]s\b", r"\bconte(?:-me)?\s+mais\b",
        r"\bi'?m\s+(?:very\s+|really\s+|still\s+|so\s+)?(?:keen|excited|enthusiastic)\b",
        r"\bich\s+bin\s+(?:sehr\s+|wirklich\s+|total\s+)?(?:gespannt|begeistert|neugierig)\b",
        r"\bje\s+suis\s+(?:tr[èe]s\s+|vraiment\s+)?(?:partant|partante|enthousiaste|curieux|curieuse)\b",
        r"\b(?:estoy|estou)\s+(?:muy\s+|muito\s+)?(?:entusiasmad[oa]|animad[oa]|curios[oa])\b",
        r"\bik\s+ben\s+(?:erg\s+|heel\s+|zeer\s+)?(?:enthousiast|benieuwd|nieuwsgierig)\b",
        r"\b(?:schicken\s+sie\s+mir|schick\s+mir|envoyez-moi|envoie-moi|m[áa]nd(?:a|e|en)me|env[íi](?:a|e|en)me|"
        r"envie-me|mande-me|stuur\s+(?:me|mij))\s+(?:gerne?\s+)?(?:\w+\s+)?(?:einladung|termin\w*|invitation|"
        r"invitaci[óo]n|convite|uitnodiging|agenda\w*)\b", r"^\W*gern\b",
    )),
    (0.65, _rx(r"^\W*(?:\w+\s+){0,3}\w+,\s+(?:ja|oui|s[ií]|sim|yes)\b", r"\bja,\s+leuk\b", r"\bja,\s+graag\b")),
]
SCHEDULING = _rx(r"^\W*(?:how about|what about|maybe|perhaps|or|this|next|on|et|oder|o|ou|of)?\s*" + _DAYS
                 + r"(?:\s+(?:morning|afternoon|evening|at\s+\S+|\d\S*))?\s*\??$",
                 r"\b" + _DAYS + r"\b[^.?!]{0,30}\b(?:\d{1,2}(?:[:.h]\d{2})?\s*(?:uhr|h|u|horas?)\b|"
                 r"\d{1,2}:\d{2})", r"\b(?:um|[àa]s?|a\s+las|om|at)\s+\d{1,2}(?:[:.h]\d{2}|\s*(?:uhr|h|u)\b)",
                 r"\b(?:wann|quand|cu[áa]ndo|quando|wanneer)\s+(?:k[öo]nnen\s+wir|pouvons-nous|peut-on|podemos|"
                 r"hablamos|kunnen\s+we|kunnen\s+wij)\b", r"\bon\s+peut\s+s'appeler\b")

# A hand-off to a third person: the message or contact passed on, or "talk to <Name>".
REFERRAL = [
    (0.85, _rx(
        r"\bsprechen\s+sie\s+(?:\w+\s+){0,2}mit\s+(?!mir\b|uns\b|ihnen\b|ihm\b|ihr\b)\w",
        r"\b(?:leite|gebe|reiche)\s+[^.]{0,60}\bweiter\b",
        r"\ban\s+(?:[\w-]+\s+){1,4}weiter(?:geleitet|gegeben|gereicht)\b",
        r"\bweiter(?:geleitet|leiten|gegeben|geben)\s+an\b", r"\bwenden\s+sie\s+sich\s+(?:\w+\s+){0,2}an\b",
        r"\bpensez\s+[àa]\s+(?!moi\b|me\b|m'|nous\b|vous\b|le\b|la\b|les\b|l')\w",
        r"\btransf[ée]r\w*\s+(?:\w+\s+){0,3}[àa]\s+(?:mon|ma|mes)\b",
        r"\btransmet\w*\s+(?:\w+\s+){0,3}[àa]\s+(?:mon|ma|mes)\b",
        r"\bte\s+paso\s+(?:el|los)\s+contactos?\b", r"\b(?:le|te)\s+paso\s+(?:tu|su)\s+(?:mensaje|correo)\b",
        r"\breenv[íi]o\s+(?:\w+\s+){0,3}a\s+(?:mi|un|una)\b",
        r"\b(?:vou\s+)?(?:re)?encaminh\w*\s+(?:[\w-]+\s+){0,3}(?:ao|[àa]|para\s+o|para\s+a)\s+(?:meu|minha)\b",
        r"\bpasso\s+o\s+contacto\b",
        r"\bprobeer\s+(?:eens\s+|het\s+(?:eens\s+)?bij\s+)?(?!het\b|later\b|opnieuw\b|in\b|na\b|over\b|volgend)\w",
        r"\bessaye[zr]?\s+(?:plut[ôo]t\s+)?(?:de\s+(?:contacter|joindre|voir)\s+)?(?!de\b|plus\b|encore\b|[àa]\b|en\b|"
        r"dans\b|l'|apr[èe]s\b|au\b|le\b|la\b|un\b|une\b)\w",
        r"\b(?:prueb[ae]n?|intent[ae]n?)\s+(?:a\s+hablar\s+)?con\s+"
        r"(?!\d|usted|ustedes|nosotros|un\b|una\b|el\b|la\b|los\b|las\b|otr|m[áa]s\b)\w",
        r"\btente\s+(?:falar\s+com|contactar|contatar)\s+\w",
        r"\bversuchen\s+sie\s+es\s+(?:\w+\s+)?bei\s+\w",
        r"\bstuur\s+(?:\w+\s+){0,3}door\s+naar\b", r"\bdoorgestuurd\s+naar\b",
        r"\bspreek\s+(?:eens\s+)?met\s+(?!je\b|jou\b|u\b|mij\b|me\b|ons\b)",
    )),
]
RELATION = (r"|\bmein(?:e|en|em|er)?\s+(?:\w+\s+)?(?:kollegin|kollege|kollegen|freundin|freund|bekannte[nr]?)\b"
            r"|\bmis?\s+(?:ex-?)?(?:excompa[ñn]er[oa]|ex-?colega|antig[uo]o?\s+colega)\b"
            r"|\b(?:o\s+)?meu\s+(?:ex-?)?colega\b")

# Declines: staying, not leaving, satisfied, no thanks.
NOT_INTERESTED = [
    (0.9, _rx(
        r"\bne\s+(?:compte|pense|souhaite|veux|vais)\s+pas\s+(?:\w+\s+){0,2}(?:quitter|partir|changer|bouger)\b",
        r"\bje\s+(?:reste\s+(?:chez|dans|o[ùu]|l[àa])|"
        r"suis\s+(?:tr[èe]s\s+)?(?:bien|heureux|heureuse|satisfaite?)\s+(?:chez|dans|o[ùu]))\b",
        r"\bn[ãa]o,?\s+obrigad[oa]\b", 
        r"\b(?:satisfeit|content|feliz)[oa]s?\s+(?:\w+\s+){0,2}(?:onde\s+estou|com\s+o\s+"
        r"meu|no\s+meu|na\s+minha)\b", r"\bn[ãa]o\s+(?:pretendo|tenciono|penso|quero)\s+(?:\w+\s+){0,2}(?:mudar|sair|"
        r"trocar)\b",
        r"\bno\s+(?:tengo\s+intenci[óo]n\s+de|pienso|quiero|planeo)\s+(?:\w+\s+){0,2}(?:cambiar|dejar|irme|"
        r"moverme)\b", r"\b(?:content[oa]|satisfech[oa]|a\s+gusto|feliz)\s+(?:donde\s+estoy|en\s+mi\s+\w+)\b",
        r"\b(?:tevreden|gelukkig|blij)\s+(?:\w+\s+){0,2}(?:bij|met|op)\s+mijn\s+(?:huidige\s+)?(?:werkgever|baan|"
        r"functie|werk|plek|team)\b", r"\b(?:ga|wil)\s+niet\s+(?:\w+\s+)?(?:wisselen|weg|vertrekken|overstappen)\b",
        r"\bniet\s+van\s+plan\s+om\s+(?:te\s+)?(?:\w+\s+){0,2}(?:wisselen|vertrekken|veranderen|overstappen)\b",
        r"\b(?:habe|hab)\s+(?:nicht|kein\w*)\s+(?:vor|absicht|pl[äa]ne)\b[^.]{0,30}\bwechseln\b",
        r"\bich\s+bleibe\s+(?:\w+\s+){0,2}(?:bei|wo|hier)\b",
        r"\bzufrieden\s+(?:\w+\s+){0,2}(?:bei|mit|in)\s+(?:meine[mr]?|unserem|unserer)\b",
        r"\bzufrieden,?\s+wo\s+ich\b",
        r"\bstaying (?:put|where i am|at)\b", r"\b(?:stay|remain)\s+(?:where\s+i\s+am|at\s+my|with\s+my)\b",
        r"\b(?:vou\s+ficar|fico|prefiro\s+ficar)\s+(?:onde\s+estou|na\s+minha|no\s+meu|por\s+aqui)\b",
        r"\bik\s+blijf\s+(?:liever\s+)?(?:waar\s+ik\s+ben|bij\s+mijn|hier)\b",
        r"\bme\s+quedo\s+(?:donde\s+estoy|en\s+mi|aqu[íi])\b", r"\b(?:not|no plans to) (?:be )?leaving\b",
    )),
]

# Pay vocabulary per market (fixed and variable pay, packages, equity).
COMPENSATION = [
    (0.9, _rx(
        r"\b(?:le|du|un|quel\s+est\s+le|votre)\s+fixe\b", r"\b(?:le|la\s+part|du|la)\s+variable\b",
        r"\bpackage\b", r"\bsalaire\w*\b", r"\b(?:la|une|les|des)\s+primes?\b",
        r"\bbspce\b", r"\bstock[- ]options?\b", r"\bbrut\s+annuel\b",
        r"\bpacote\s+(?:total|salarial|de\s+remunera)", r"\bganho\s+\d",
        r"\bb[óo]nus\b", r"\bop[çc][õo]es\s+de\s+a[çc][õo]es\b",
        r"\bbasissalaris\b", r"\baandelen(?:opties)?\b", r"\bvergoeding\b", r"\b(?:salaris)?pakket\b",
        r"\bfixum\b", r"\bvariable[rn]?\s+(?:anteil|verg[üu]tung|gehalt)", r"\baktienoptionen\b", r"\bbrutto\b",
        r"\bjahresgehalt\b", r"\b(?:el\s+)?(?:fijo|variable)\s+(?:anual|garantizado)\b", r"\bpaquete\s+(?:total|"
        r"salarial|retributivo)\b", r"\bretribuci[óo]n\b", r"\bbandas?\s+salarial\b",
        r"\b\d{2,3}\s?(?:mil|k)\b",
        r"\b(?:was|wie\s*viel|wat|hoeveel)\s+(?:\w+\s+){0,2}verdien", r"\bcombien\s+(?:\S+\s+){0,2}gagn",
        r"\bcu[áa]nto\s+(?:\w+\s+){0,2}gan(?:a|o|ar[íi]a|ar)\b", r"\bquanto\s+(?:\w+\s+){0,2}ganh",
    )),
]

# Interest said plainly: "definitely keen", "Interesse ist da", "ja, interesse", "interessa-me", "bora conversar",
# "podemos marcar uma chamada", "laten we bellen", "ik sta open voor een gesprek".
INTERESTED.append((0.85, _rx(
    r"\bi'?m\s+(?:definitely|really|very|so|super|quite|genuinely|absolutely|still|totally)\s+(?:keen|interested|up for)\b",
    r"\b(?:definitely|really|very)\s+keen\b",
    r"\binteresse\s+(?:ist|besteht|w[äa]re)\s+(?:\w+\s+)?(?:da|vorhanden)\b", r"\bja,?\s+interesse\b",
    r"\b(?:me\s+interessa|interessa-me)\b", r"\btenho\s+interesse\b",
    r"\b(?:bora|vamos)\s+(?:conversar|falar|marcar|bater\s+um\s+papo)\b",
    r"\bpodemos\s+(?:marcar|agendar|falar|conversar|combinar)\b",
    r"\bgern\s+(?:\w+\s+)?(?:telefonieren|sprechen|treffen|austauschen|mehr\s+erfahren)\b",
    r"\blaten\s+we\s+(?:\w+\s+)?(?:bellen|praten|afspreken|kennismaken|spreken)\b",
    r"\b(?:ik\s+)?sta\s+(?:er\s+)?open\s+voor\s+(?:een\s+)?(?:gesprek|kennismaking|call|belletje)\b",
)))
# Scheduling asked as a question is interest: "Past vrijdagochtend?", "Podemos conversar essa semana?".
SCHEDULING = re.compile(SCHEDULING.pattern + "|" + _rx(
    r"^\W*(?:past|schikt|lukt|kan|passt|geht)\s+(?:het\s+|es\s+|je\s+|u\s+|ihnen\s+|dir\s+)?(?:\w+\s+)?" + _DAYS
    + r"\w*", r"\bpodemos\s+(?:falar|conversar|marcar|agendar)\b", r"\b(?:bora|vamos)\s+(?:conversar|falar|marcar)\b",
    r"^\W*¿?(?:hablamos|falamos|conversamos|bellen\s+we|on\s+s'appelle|telefonieren\s+wir)\W*$", r"\bwhat\s+works\s+(?:best\s+)?for\s+you\b",
    r"^\W*(?:a\s+)?(?:quick\s+)?(?:call|chat|talk|meet|meeting)\s+(?:tmrw|tomorrow|today|tonight|this\s+week|next\s+week|"
    r"on\s+\w+day|" + _DAYS + r")\b",
    # A choice of days offered as a question: "Thursday or Friday morning CET?"
    r"\b" + _DAYS + r"\s+(?:or|oder|ou|o|of)\s+" + _DAYS + r"\w*\b[^.?!]{0,25}\?\s*$").pattern)
# Staying put in French future tense, and the French brush-off: "je ne quitterai pas mon équipe", "mais non".
NOT_INTERESTED.append((0.9, _rx(
    r"\bne\s+(?:quitterai|quitte|partirai|bougerai|changerai)\s+pas\b", r"\bmais\s+non\b",
    r"\bsta\s+(?:\w+\s+)?niet\s+open\s+voor\b")))
