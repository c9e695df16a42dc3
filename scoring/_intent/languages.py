"""Phrase rules in German, French, Spanish, Portuguese and Dutch, merged into each label's English rules.

The seeds name the European markets Hirebot hires in; candidates answer in their own language,
and the answers that must never be missed (stop contacting me, not interested, not now, an
auto-reply) are covered in all of them. Patterns run on the lowercase, normalised text.
"""

from __future__ import annotations

import re


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


UNSUBSCRIBE = [
    (0.95, _rx(
        # German
        r"\b(?:kontaktieren|kontaktiere|schreiben|schreibe|mailen|anschreiben)\s+(?:sie|du)?\s*(?:mich|mir)\s+"
        r"(?:bitte\s+)?(?:nicht\s+mehr|nie\s+wieder|nicht\s+wieder)\b",
        r"\bnicht\s+mehr\s+(?:kontaktiert|angeschrieben|angerufen)\s+werden\b",
        r"\b(?:l[öo]schen|entfernen)\s+sie\s+(?:bitte\s+)?(?:meine\s+daten|mich)\b",
        r"\bmeine\s+daten\s+(?:bitte\s+)?(?:zu\s+)?(?:l[öo]schen|entfernen)\b",
        r"\bkeine\s+(?:weitere[n]?\s+)?(?:kontaktaufnahme|kontaktversuche|anfragen|mails)\b",
        r"\b(?:aus|von)\s+(?:ihrem|dem|eurem|deinem)\s+(?:verteiler|liste|mailing-?liste)\b",
        # French
        r"\bne\s+plus\s+(?:me\s+)?(?:contacter|[ée]crire|solliciter|relancer|envoyer)\b",
        r"\bne\s+(?:souhaite|veux|d[ée]sire)\s+plus\s+(?:\w+\s+){0,2}(?:recevoir|[êe]tre\s+contact[ée]e?)\b",
        r"\bretire[zr]?(?:-moi)?\s+(?:\w+\s+){0,2}(?:de\s+)?(?:votre|ta|vos)\s+(?:liste|fichier|base)\b",
        r"\bretirez-moi\b", r"\bsupprime[zr]?\s+(?:toutes\s+)?mes\s+(?:donn[ée]es|coordonn[ée]es)\b",
        r"\barr[êe]te[zr]?\s+de\s+(?:m'[ée]crire|m'envoyer|me\s+(?:contacter|relancer|solliciter|[ée]crire|spammer|"
        r"harceler))\b",
        # Spanish
        r"\bno\s+(?:quiero|deseo)\s+(?:\w+\s+){0,2}recibir\s+m[aá]s\b",
        r"\bdej(?:e|en|a|ad)\s+de\s+(?:escribirme|contactarme|enviarme|mandarme|molestarme)\b",
        r"\b(?:s[aá]quen(?:me)?|s[aá]came|qu[ií]ten(?:me)?|qu[ií]tame|elim[ií]n(?:en|ame|enme))\s+de\s+"
        r"(?:su|tu|vuestra|la)\s+lista\b",
        r"\b(?:borr|elimin)(?:en|ar|e|a)\s+(?:todos\s+)?mis\s+datos\b",
        r"\bno\s+me\s+(?:escrib|contact|mand)(?:as|an|es|en|e)\s+m[aá]s\b",
        r"\b(?:da(?:d)?me|d[ée]n?me|dadnos|denos|darme|darnos|me\s+doy|quiero\s+(?:darme|la|mi))\s+(?:de\s+)?baja\b",
        r"^\W*baja\W*$", r"\bme\s+(?:deis|den|des|d[ée]|dieran|dierais)\s+de\s+baja\b",
        # Portuguese
        r"\bn[ãa]o\s+me\s+(?:contacte|contate|contactem|contatem|escreva|escrevam|envie|enviem|mande|mandem)\w*\s+mais\b",
        r"\bpar(?:e|em)\s+de\s+me\s+(?:enviar|contactar|contatar|escrever|mandar)\b",
        # "remova-me"; "retire-me / tire-me" only off a list ("tire-me uma dúvida" asks a question)
        r"\bremova(?:m)?-me\b", r"\b(?:retir|tir)(?:e|em)-me\s+(?:\w+\s+){0,2}d[ao]s?\s+(?:\w+\s+)?(?:lista|listas|"
        r"contactos|contatos|base|mailing|envios)\b",
        r"\bme\s+(?:remova|retire|tire)m?\s+d[ao]s?\s+(?:\w+\s+)?(?:lista|listas|contactos|contatos|base|mailing)\b", r"\bremover?\s+(?:o\s+meu\s+\w+\s+)?da\s+(?:sua|vossa|tua)\s+lista\b",
        r"\bn[ãa]o\s+(?:quero|desejo)\s+(?:\w+\s+){0,2}receber\s+mais\b",
        r"\b(?:apag|exclu|elimin)(?:e|em|ar)\s+(?:os\s+)?meus\s+dados\b", r"\bdescadastr\w*\b",
        # Dutch
        r"\b(?:niet|nooit)\s+meer\s+(?:te\s+)?(?:contacteren|benaderen|mailen|e-?mailen|contact\s+op\s+te\s+nemen)\b",
        r"\bneem\s+(?:\w+\s+)?geen\s+contact\s+meer\b",
        r"\bgeen\s+(?:\w+\s+)?(?:berichten|e-?mails|mails)\s+meer\b",
        r"\bhaal\s+(?:me|mij)\s+(?:\w+\s+){0,2}(?:van|uit)\s+(?:jullie|uw|je|de)\s+(?:lijst|mailinglijst|bestand)\b",
        r"\bverwijder\s+(?:me|mij|mijn\s+gegevens)\b", r"\bafmelden\b", r"\buitschrijven\b",
        r"\bstop\s+met\s+(?:mailen|e-?mailen|benaderen|contacteren|berichten)\b")),
]

OUT_OF_OFFICE = [
    (0.9, _rx(
        r"\bfora\s+do\s+escrit[óo]rio\b", r"\bausente\s+do\s+escrit[óo]rio\b", r"\bresposta\s+autom[áa]tica\b",
        r"\bsem\s+acesso\s+ao\s+(?:e-?mail|correio)\b", r"\bacesso\s+limitado\s+ao\s+(?:e-?mail|correio)\b",
        r"\bniet\s+op\s+kantoor\b", r"\bautomatisch\s+antwoord\b", r"\bafwezigheidsbericht\b",
        r"\bbeperkte?\s+toegang\s+tot\s+(?:mijn\s+)?(?:e-?mail|mail)\b",
        r"\bwieder\s+erreichbar\b", r"\bacc[eè]s\s+limit[ée]\b", r"\bacceso\s+limitado\b",
        r"\bsin\s+acceso\s+al\s+correo\b",
        r"\b(?:your|this)\s+(?:message|e-?mail|mail)\s+will\s+not\s+be\s+(?:forwarded|read)\b",
        r"\b(?:ihre|deine)\s+(?:nachricht|e-?mail|mail)\s+wird\s+nicht\s+weitergeleitet\b",
        r"\bvotre\s+(?:message|e-?mail|courriel)\s+ne\s+sera\s+pas\s+transf[ée]r[ée]\b",
        r"\bsu\s+(?:mensaje|correo)\s+no\s+(?:ser[áa]|va\s+a\s+ser)\s+reenviado\b",
        r"\ba\s+sua\s+mensagem\s+n[ãa]o\s+ser[áa]\s+(?:reencaminhada|encaminhada)\b",
        r"\b(?:uw|je|jouw)\s+(?:bericht|e-?mail|mail)\s+wordt\s+niet\s+doorgestuurd\b")),
]
REFERRAL = [
    (0.85, _rx(r"\b(?:soll|kann|darf)\s+ich\s+(?:sie|euch|dich)\s+(?:\w+\s+){0,2}(?:verbinden|vorstellen|bekannt\s+machen|"
               r"vernetzen)\b", r"\bfale\s+com\s+(?:o|a)\s+\w", r"\bbenader\s+\w+\s+\w+\s+eens\b",
               r"\bje\s+peux\s+(?:vous|te)\s+(?:mettre\s+en\s+contact|pr[ée]senter)\b",
               r"\b(?:te|os|le|les)\s+(?:puedo\s+)?(?:presento|pongo\s+en\s+contacto)\b")),
]

ABSENCE = _rx(r"\bde\s+f[ée]rias\b", r"\bestou\s+ausente\b", r"\bestarei\s+ausente\b", r"\bmet\s+vakantie\b",
              r"\bben\s+(?:\w+\s+){0,4}afwezig\b", r"\bafwezig\b", r"\bop\s+vakantie\b", r"\bestar[ée]\s+fuera\b",
              r"\bserai\s+absente?\b", r"\bin\s+urlaub\b")

NOT_INTERESTED = [
    (0.9, _rx(
        r"\bm[öo]chte\s+(?:\w+\s+)?nicht\s+wechseln\b", r"\bkein(?:en)?\s+wechsel\b", r"\bmuss\s+(?:leider\s+)?absagen\b",
        r"\bd[ée]cliner\b", r"\bje\s+passe\s+mon\s+tour\b", r"\btr[èe]s\s+bien\s+(?:l[àa]\s+)?o[ùu]\s+je\s+suis\b",
        r"\bvoy\s+a\s+pasar\b", r"\bcontent[oa]\s+(?:en|con)\s+mi\s+(?:trabajo|puesto|empresa|equipo)\b",
        r"\bn[ãa]o\s+tenho\s+interesse\b", r"\bsem\s+interesse\b", r"\bn[ãa]o\s+estou\s+interessad[oa]\b",
        r"\bn[ãa]o\s+me\s+interessa\b", r"\bvou\s+recusar\b", r"\brecuso\b", r"\bn[ãa]o\s+[ée]\s+para\s+mim\b",
        r"\bgeen\s+interesse\b", r"\bniet\s+ge[ïi]nteresseerd\b", r"\bik\s+pas\b", r"\bniet\s+voor\s+mij\b",
        r"\bzit\s+(?:hier\s+)?goed\s+op\s+mijn\s+plek\b", r"\bnee,?\s+(?:dank|bedankt)\b",
        # "not what I am looking for", "doesn't suit me"
        r"\bpasst\s+(?:\w+\s+)?nicht\s+(?:zu\s+mir|f[üu]r\s+mich)\b", r"\bnicht\s+(?:das,?\s+)?was\s+ich\s+suche\b",
        r"\bnicht\s+auf\s+der\s+suche\b",
        r"\bce\s+n'est\s+pas\s+ce\s+que\s+je\s+(?:cherche|recherche|veux)\b",
        r"\bno\s+es\s+lo\s+que\s+(?:busco|estoy\s+buscando|quiero)\b",
        r"\bn[ãa]o\s+[ée]\s+o\s+que\s+(?:procuro|estou\s+[àa]\s+procura|quero)\b",
        r"\bniet\s+(?:echt\s+)?wat\s+ik\s+zoek\b")),
]

NOT_NOW = [
    (0.9, True, _rx(
        r"\b(?:agora|neste\s+momento|no\s+momento|de\s+momento|por\s+agora)\s+n[ãa]o\b",
        r"\btalvez\s+(?:mais\s+tarde|no\s+pr[óo]ximo|para\s+o\s+ano|daqui)\b", r"\bmais\s+para\s+a\s+frente\b",
        r"\bfale\s+comigo\s+(?:em|no|na|depois|mais)\b",
        r"\bahora\s+mismo\s+no\b", r"\bescr[íi]be(?:me|nos)\s+(?:de\s+nuevo\s+)?(?:en|el|la|m[áa]s\s+adelante|despu[ée]s)\b", r"\bde\s+momento\s+no\b", r"\bquiz[áa]s\s+(?:el\s+a[ñn]o|m[áa]s|en)\b",
        r"\bpeut-[êe]tre\s+(?:l'ann[ée]e|plus\s+tard|dans)\b", r"\brecontacte[zr]?(?:-moi)?\b",
        r"\bmelden\s+sie\s+sich\s+(?:gerne\s+)?(?:\w+\s+){0,3}wieder\b",
        r"\bnu\s+(?:even\s+)?niet\b", r"\bop\s+dit\s+moment\s+niet\b", r"\bmomenteel\s+niet\b",
        r"\bmisschien\s+(?:later|volgend|over|na)\b",
        r"\b(?:im\s+moment|derzeit|zurzeit|momentan|aktuell)\s+(?:\w+\s+){0,3}(?:nicht|kein(?:e|en)?\s+"
        r"(?:interesse|zeit|wechsel))\b",
        r"\bvielleicht\s+in\s+(?:einem|einer|ein\s+paar|einigen|zwei|drei|sechs)\b",
        r"\bneem\s+(?:\w+\s+){0,3}(?:opnieuw|later|weer)\s+contact\s+op\b",
        # "Schreiben Sie mich dann gern wieder an", "vor April kann ich nicht wechseln"
        r"\b(?:schreiben|kontaktieren|fragen|sprechen)\s+sie\s+mich\s+(?:\w+\s+){0,3}(?:wieder|erneut|nochmal|noch\s+"
        r"einmal)\b",
        r"\bvor\s+(?:ende\s+|mitte\s+|anfang\s+)?(?:januar|februar|m[äa]rz|april|mai|juni|juli|august|september|oktober|"
        r"november|dezember|sommer|herbst|fr[üu]hjahr|\d{4})\b[^.]{0,30}\b(?:nicht|kein\w*)\b")),
]

INTERESTED = [
    (0.85, _rx(
        r"\bklingt\s+(?:sehr\s+)?(?:spannend|interessant|gut)\b", r"\bgespr[äa]ch\s+bereit\b",
        r"\bavec\s+plaisir\b", r"\bvolontiers\b", r"\b(?:je\s+suis\s+)?disponible\s+pour\b", r"\bparlons-en\b",
        r"\bcon\s+gusto\b", r"\bhablemos\b", r"\bme\s+encantar[íi]a\b",
        r"\bsuena\s+(?:muy\s+)?(?:genial|bien|interesante|estupendo)\b", r"\bestoy\s+disponible\b",
        r"\bparece\s+(?:muito\s+)?(?:interessante|[óo]tim[oa]|bom)\b", r"\btenho\s+disponibilidade\b",
        r"\bestou\s+dispon[íi]vel\b",
        r"\btenho\s+interesse\b", r"\badoraria\b", r"\bpodemos\s+conversar\b", r"\bvamos\s+conversar\b",
        r"\bgostaria\s+de\s+saber\s+mais\b", r"\bcom\s+(?:todo\s+o\s+)?gosto\b",
        r"\bklinkt\s+(?:heel\s+)?(?:interessant|goed|leuk)\b", r"\bwil\s+graag\b", r"\bgraag\b", r"^\W*ja,?\s+leuk\b")),
    (0.65, _rx(r"^\W*(?:sim|yes)\b")),
]

SCHEDULING = _rx(r"\bwann\s+passt\s+es\b",
                 r"\bhablamos\s+(?:el|este|esta|ma[ñn]ana|hoy|la\s+semana)\b", r"\b(?:te|le|os)\s+(?:viene|va)\s+bien\b",
                 r"\bquedamos\b", r"\bpodemos\s+(?:falar|conversar)\s+(?:na|no|amanh[ãa]|hoje|esta)\b",
                 r"\bon\s+(?:s'appelle|se\s+parle)\b", r"\b(?:wollen|k[öo]nnen|sollen)\s+wir\s+(?:\w+\s+){0,3}telefonieren\b",
                 r"\bzullen\s+we\s+(?:\w+\s+){0,3}(?:bellen|afspreken)\b", r"\bcu[áa]ndo\s+te\s+viene\s+bien\b", r"\bquand\s+[êe]tes-vous\s+disponible",
                 r"\bquando\s+(?:lhe|te)\s+(?:d[áa]\s+jeito|fica\s+bem)\b",
                 r"\bwanneer\s+(?:komt\s+het\s+(?:jou|je|u)\s+uit|schikt\s+het)\b")

COMPENSATION = [
    (0.9, _rx(r"\bgehalt\w*", r"\bsalari[oa]s?\b", r"\bsal[áa]rio\w*", r"\bfaixa\s+salarial\b", r"\bremunera[çc][ãa]o\b",
              r"\bsalaris\w*", r"\bbeloning\b", r"\brango\s+salarial\b", r"\bfourchette\b",
              r"\bcu[áa]nto\s+(?:pag\w+|se\s+paga|ofrec\w+|cobra\w*)\b", r"\bquanto\s+(?:pag\w+|oferec\w+)\b",
              r"\bcombien\s+(?:payez|proposez|offrez|paie|paye)\b", r"\bwie\s*viel\s+(?:zahlen|bezahlen|bietet|bieten)\b",
              r"\bhoeveel\s+(?:betalen|betaal|bieden)\b")),
]

RELATION = (r"|\b(?:o\s+)?meu\s+(?:antigo\s+)?(?:colega|amigo)\b|\b(?:a\s+)?minha\s+(?:antiga\s+)?(?:colega|amiga)\b"
            r"|\bmijn\s+(?:oud-)?(?:collega|vriend|vriendin|teamgenoot)\b"
            r"|\bmeine?\s+(?:\w+\s+)?(?:bekannte|bekannter|ex-kollegin|ex-kollege)\b")
THIRD_PARTY_KEEN = (r"|\bbuscando\b|\bprocura\b|\bzoekt\b|\bop\s+zoek\b|\bsucht\b"
                    r"|\bw[äa]re\s+(?:\w+\s+)?(?:interessiert|begeistert|geeignet|perfekt|ideal)\b"
                    r"|\bseria\s+(?:\w+\s+)?(?:perfeit[oa]|ideal|[óo]tim[oa])\b|\bser[íi]a\s+(?:\w+\s+)?(?:perfect[oa]|ideal)\b"
                    r"|\bserait\s+(?:\w+\s+)?(?:parfaite?|id[ée]ale?|int[ée]ress[ée]e?)\b"
                    r"|\bzou\s+(?:dit|het)\s+(?:\w+\s+){0,2}(?:geweldig|leuk|interessant|mooi)\s+vinden\b"
                    r"|\bzou\s+(?:\w+\s+)?(?:perfect|ideaal|geschikt)\b")
