"""Phrase rules per reply label: weighted regexes run on the lowercase, normalised text."""

from __future__ import annotations

import re

from scoring._intent import families as _fam
from scoring._intent import languages as _lang


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


_NEG = r"(?:\b(?:not|no|never|hardly|neither|nor|without|nicht|kein|pas|nunca|n[ãa]o|geen|niet)\b|n't)"
_NEGATED_BEFORE = re.compile(_NEG + r"\s+(?:[\w']+\s+){0,2}$")

# Each label: (weight, pattern). Patterns run on the lowercase, normalised text.
_UNSUBSCRIBE = [
    (0.97, _rx(r"\bunsubscribe\b", r"\bopt(?:-| )?(?:me )?out\b", r"^\W*stop\W*$", r"\bdo[- ]not[- ]contact\b",
               r"\bstop (?:\w+ )?(?:e-?mailing|messaging|contacting|texting|writing|sending|reaching out|spamming|"
               r"pinging|bugging|bothering|harass\w*)", r"\bleave me alone\b", r"\bremove me\b",
               r"(?:n't|\bnot|\bno longer)\s+(?:\w+\s+){0,2}(?:receive|get|be sent)\s+(?:\w+\s+){0,2}(?:e-?mails|"
               r"messages)\b",
               r"\bno more (?:e-?mails|messages|mails)\b",
               r"\b(?:remove|take|delete|drop|erase) me (?:from|off)\b",
               r"\b(?:remove|delete|erase|lose|forget) (?:all )?(?:of )?my (?:personal )?(?:data|details|info\w*|"
               r"e-?mail(?: address)?|address|number|contact\w*)\b",
               r"\b(?:erase|delete|remove)\b[^.]{0,40}\bpersonal (?:data|information)\b",
               r"\bmy (?:personal )?(?:data|details|info\w*|e-?mail(?: address)?|address|number|profile) "
               r"(?:deleted|removed|erased)\b", r"\bgdpr\b",
               r"\bnever (?:\w+ )?(?:contact|e-?mail|message|write to|reach out to|dm|ping) me\b",
               r"(?:\b(?:do not|never|not)|n't)\s+(?:\w+\s+){0,2}(?:contact|e-?mail|message|write to|reach out to|dm|"
               r"ping|text|bother) me\s+(?:again|any ?more|further|ever)\b",
               r"\b(?:do not|don't|dont) (?:ever )?(?:contact|e-?mail|message|dm) me\b",
               r"(?:\b(?:never|not)|n't)\s+(?:\w+\s+){0,2}hear from (?:you|your \w+)(?: again| any ?more)?\b")),
    (0.85, _rx(r"\bspam(?:ming)?\b", r"\bhow did you get my (?:e-?mail|address|number|details)\b")),
    (0.95, _rx(r"\bentfernen sie mich\b", r"\baustragen\b", r"\babmelden\b", r"\bverteiler\b",
               r"\bkeine (?:weiteren )?(?:e-?mails|nachrichten)\b",
               r"\bnicht (?:mehr|wieder) (?:kontaktieren|anschreiben)\b",
               r"\bno me (?:\w+ )?(?:vuelva[ns]? a (?:contactar|escribir)|contacte[ns]? m[aá]s|escriba[ns]? m[aá]s)",
               r"\bdar(?:me)? de baja\b", r"\bne (?:me )?(?:contactez|[ée]crivez|recontactez) (?:plus|jamais)\b",
               r"\bd[ée]sabonne", r"\bd[ée]sinscri")),
]
_UNSUBSCRIBE += _lang.UNSUBSCRIBE + _fam.UNSUBSCRIBE
_OOO_STRONG = [
    (0.95, _rx(r"\b(?:automatic|auto)[- ]?(?:reply|response|answer|message)\b", r"\bautoreply\b", r"^\W*auto\s*:",
               r"\bout of (?:the )?office\b", r"\booo\b", r"\bout-of-office\b")),
    (0.85, _rx(r"\b(?:limited|no|without|intermittent|sporadic) (?:access to (?:my )?)?(?:e-?mail|email access|"
               r"connectivity|laptop|internet|access)\b",
               r"\b(?:will|i'll|shall) (?:\w+ )?(?:respond|reply|get back to you|answer|read)\b[^.]{0,40}"
               r"\b(?:when|once|upon|after) (?:i(?:'m| am)? (?:back|return)|my return|returning|i get back)",
               r"\bupon my return\b",
               r"\bfor (?:urgent|immediate|pressing) (?:matters|issues|requests|inquiries|enquiries|"
               r"questions|help)\b", r"\bif (?:this|it) is urgent\b",
               r"\b(?:for|with|regarding) (?:anything|something|matters?|issues?|requests?) (?:urgent|pressing|"
               r"time-sensitive)\b",
               r"\burgent (?:matters|issues|requests|inquiries|enquiries)\b",
               r"\bif (?:your|the) (?:matter|request) is urgent\b",
               r"\b(?:responses?|replies) (?:will|may|might) be (?:delayed|slow)\b", r"\bdelayed (?:response|reply)",
               r"\bmailbox is (?:not|un)monitored\b", r"\b(?:not|un)monitored\b",
               r"\bnot (?:be )?(?:checking|reading|monitoring|answering) (?:my )?(?:e-?mails?|messages|mailbox|"
               r"slack)\b")),
    (0.9, _rx(r"\babwesenheit", r"\bnicht im b[üu]ro\b", r"\bau[ßs]er (?:haus|dem b[üu]ro)\b",
              r"\bkeinen zugriff auf\b", r"\bautomatische antwort\b",
              r"\bfuera de la oficina\b", r"\brespuesta autom[aá]tica\b", r"\ba mi regreso\b",
              r"\babsente? du bureau\b", r"\br[ée]ponse automatique\b", r"\b[àa] mon retour\b")),
]
_OOO_STRONG += _lang.OUT_OF_OFFICE + _fam.OUT_OF_OFFICE
_ABSENCE = _rx(r"\b(?:i(?:'m| am| will be|'ll be)|currently|presently)\s+(?:\w+\s+)?(?:away|offline|off (?:work|sick|"
               r"until|till)|"
               r"out (?:sick|of town|of the country|until|till|on)|travel+ing|"
               r"unavailable|on (?:vacation|holiday|holidays|leave|pto|annual leave|parental leave|maternity leave|"
               r"paternity leave|sick leave|sabbatical|a trip|the road))\b",
               r"\bon (?:vacation|holiday|holidays|pto|annual leave|parental leave|maternity leave|paternity leave|"
               r"sabbatical)\b",
               r"\bim urlaub\b", r"\bin elternzeit\b", r"\babwesend\b", r"\bde vacaciones\b", r"\bde viaje\b",
               r"\ben vacances\b",
               r"\ben cong[ée]s?\b", r"\bde cong[ée]\b", r"\bnot available\b")
_ABSENCE = re.compile(_ABSENCE.pattern + "|" + _lang.ABSENCE.pattern + "|" + _fam.ABSENCE.pattern)
_REFERRAL = [
    (0.9, _rx(r"\b(?:introduce|intro) you to\b", r"\bput you in touch with\b", r"\bconnect you with\b",
              r"\bmake an? intro(?:duction)?\b",
              r"(?<!looking )(?<!look )(?<!looks )\bforward(?:ed|ing)? (?:your |this |the |it )?"
              r"(?:message |email |e-mail |note |mail |role |job |posting |details |info )?(?:on |along )?to\b"
              r"(?! (?:you|me|it|hearing|meeting|talking|speaking|chatting|working)\b)",
              r"\bpass(?:ed|ing)? (?:this|it|your \w+|the \w+) (?:on|along)\b", r"\bpass on your\b",
              r"\bshare (?:this|it|the role|your message) with\b", r"\bcc(?:'?ing|'?d|:)", r"\blooping in\b",
              r"\bi know (?:someone|somebody|a (?:person|guy|woman|few people|couple of people))\b",
              r"\b(?:someone|somebody) (?:else )?(?:who|that) (?:might|may|would|could)\b")),
    (0.85, _rx(r"\b(?:talk(?:ing)?|speak(?:ing)?|reach(?:ing)? out|get(?:ting)? in touch|chat(?:ting)?|connect(?:ing)?)"
               r"(?: (?:to|with))\s+(?!you\b|me\b|us\b|your\b|our\b|them\b)",
               r"\bhave you (?:tried )?(?:talked|spoken|reached out|reaching out|contacting|asked|asking) (?:to |"
               r"with )?(?!me\b)\w",
               r"\btry (?:reaching out to |contacting |emailing |pinging |asking )?(?=[\w.+-]+@|@|https?://|github|"
               r"huggingface)",
               r"\b(?:i(?:'d| would)|we(?:'d| would)) (?:\w+ )?recommend (?!you\b|that you\b|we\b)",
               r"\bcheck out (?!my\b|our\b|the\b|this\b|it\b|your\b)\w",
               r"\b(?:his|her|their) (?:github|gh|hugging ?face|hf|e-?mail|handle|profile)\b",
               r"\b(?:he|she|they)(?:'s| is|'re| are)? (?:on|at) (?:github|hugging ?face)\b")),
    (0.85, _rx(r"\bfrag (?:mal|doch)\b", r"\bwende[nt]? (?:dich|sie sich) an\b", r"\bhabla(?:r)? con\b",
               r"\bte recomiendo\b", r"\ble recomiendo\b", r"\bje (?:vous|te) recommande\b",
               r"\bcontactez plut[ôo]t\b")),
]
_REFERRAL += _lang.REFERRAL + _fam.REFERRAL
_RELATION = re.compile(
    r"\b(?:my|a|an|our)\s+(?:former\s+|old\s+|ex-|good\s+|close\s+|best\s+)?(?:colleague|friend|teammate|team mate|"
    r"lab ?mate|coworker|co-worker|classmate|brother|sister|cousin|partner|wife|husband|mentee|student|buddy|peer|"
    r"intern|collaborator|manager|report|roommate|flatmate)s?\b|\b(?:friend|colleague)s? of mine\b"
    r"|\bmeine?\s+(?:\w+\s+)?(?:kollegin|kollege|kollegen|freundin|freund)\b|\bmis?\s+(?:colega|amig[oa]|"
    r"compa[ñn]er[oa])s?\b"
    r"|\b(?:mon|ma|mes)\s+(?:ancien(?:ne)?\s+)?(?:coll[èe]gue|ami|amie)s?\b")
_RELATION = re.compile(_RELATION.pattern + _lang.RELATION + _fam.RELATION)
_THIRD_PARTY_KEEN = re.compile(
    r"\b(?:might|may|would|could|will)\s+(?:\w+\s+)?be\s+(?:\w+\s+)?(?:interested|keen|up for|open|"
    r"a (?:great|good|better|perfect|strong|much better) (?:fit|match|candidate))"
    r"|\b(?:is|are|'s|'re)\s+(?:\w+\s+)?(?:looking|job hunting|on the market|interested|open to|searching)"
    r"|\b(?:might|may|would|could)(?: well)? be\s*(?:[.!,;)]|-|$)"
    r"|\bwould (?:love|be perfect|be great|fit)\b"
    r"|\b(?:who|that)\s+(?:is|are)\s+(?:\w+\s+)?(?:looking|job hunting|interested)"
    r"|\bsucht\b|\bbusca\b|\bcherche\b")
_THIRD_PARTY_KEEN = re.compile(_THIRD_PARTY_KEEN.pattern + _lang.THIRD_PARTY_KEEN)
_NOT_INTERESTED = [
    (0.9, _rx(r"\b(?:not|no longer|never)\s+(?:\w+\s+)?interested\b", r"\buninterested\b",
              r"\b(?:no|zero|little|any) interest\b", r"\bno,? thanks?\b", r"\bno thank you\b", r"\bthanks?,? but no\b",
              r"\bi(?:'ll| will|'m going to| am going to|'d rather| have to| must| need to) pass\b",
              r"\bpass(?:ing)? on this\b",
              r"\bnot for me\b", r"\bnot (?:a |the )?(?:good |great |right )?(?:fit|match)\b",
              r"\b(?:isn't|is not|isnt) (?:a |the )?(?:good |great |right )?(?:fit|match)\b",
              r"\bnot what i(?:'m| am) looking for\b", r"\bnot (?:currently )?looking\b(?! for)",
              r"\b(?:happy|content|very happy|quite happy|settled|satisfied) (?:where i am|at my|in my|with my|here|"
              r"at \w+ (?:right now|currently))\b",
              r"\bno (?:plans|intention) (?:to|of) (?:leave|leaving|move|moving|change|changing|switch)",
              r"\bnot (?:considering|open to|moving|leaving|planning (?:to|on) (?:leave|leaving|move|moving))\b",
              r"\b(?:not|isn't|is not) something i(?:'d| would)?\b",
              r"\bnot my (?:thing|cup of tea|area)\b", r"\bpolitely decline\b",
              r"\b(?:it's|it is|that's|that is|this is)\s+a\s+(?:no|pass|hard no|no-go)\b(?!\s+(?:brainer|problem))",
              r"(?:\bisn't|\bis not|\bisnt|\bnot)\s+what\s+i\s+(?:want|'d like|would like|wish)\b",
              r"\bi(?:'ll| will| must|'d like to) decline\b",
              r"\bthumbs-down\b", r"^\W*(?:no|nope|nah)\W*$", r"^\W*(?:nope|nah)\b",
              r"\bi'?m good,?\s*(?:thanks?|thank you)?\W*$", r"\bno (?:desire|wish|appetite)\b",
              r"\b(?:have to|must|'ll|will|going to|gonna|need to) say no\b", r"\b(?:still|said|answer is) no\b",
              r"\bnot (?:going to|gonna|planning to|looking to) (?:leave|move|switch|change)\b",
              r"\bcommitted to (?:my|the) (?:current )?(?:company|team|role|job|employer|mission)\b", r"\bdecline\b",
              r"\b(?:not|isn't|is not|isnt) for me\b",
              r"\bdon't (?:do|want|wish to do) (?:\w+ )?(?:anymore|any more)\b",
              r"\b(?:don't|do not) want to (?:leave|move|switch|change|work (?:at|for|in|on)|join)\b")),
    (0.55, _rx(r"\bgood luck (?:with|in) (?:the|your) (?:search|hiring|role|recruiting)\b",
               r"\bwish(?:ing)? you (?:the best|all the best|luck)\b", r"\bbest of luck\b")),
    (0.9, _rx(r"\bkein(?:e|en)? interesse\b", r"\bnicht interessiert\b", r"\bnein,? danke\b", r"\bsehr zufrieden\b",
              r"\bno (?:me )?interesa\b", r"\bno estoy interesad[oa]\b", r"\bno,? gracias\b",
              r"\bpas int[ée]ress[ée]e?s?\b", r"\bnichts f[üu]r mich\b", r"\bno es para m[ií]\b",
              r"\bpas pour moi\b", r"\bne m'int[ée]resse pas\b", r"\bnon,? merci\b")),
]
_NOT_INTERESTED += _lang.NOT_INTERESTED + _fam.NOT_INTERESTED
# Not-now rules flagged True turn a decline into a not-now: they qualify it ("not right now")
# or invite a return ("ping me in March").
_NOT_NOW = [
    (0.9, True, _rx(r"\bnot (?:right )?now\b", r"\bnot (?:right )?(?:at )?(?:the|this) moment\b",
                    r"\bnot at this (?:time|point|stage)\b",
                    r"\bnot this (?:year|quarter|cycle|time|round)\b",
                    r"\bnot for (?:a while|a bit|some time|the time being)\b",
                    r"\b(?:not|no)\s+(?:[\w']+\s+){0,3}(?:right now|at the moment|at this (?:time|point|stage)|for now|"
                    r"currently|this (?:year|quarter|cycle|time))\b", r"\bnot (?:just |quite )?yet\b",
                    r"\bnot (?:looking|moving|leaving|ready|interested|going to \w+|planning \w+)\b[^.?!]{0,30}\byet\b",
                    r"\bkeep me in mind\b", r"\bkeep (?:my (?:details|info|cv|contact\w*)|me posted|me in the loop)\b",
                    r"\bmaybe (?:later|next|in|after|early|down the|some ?time)\b", r"\b(?:another|some other) time\b",
                    r"\b(?:reach out|ping me|contact me|get in touch|check back|circle back|follow up|revisit|"
                    r"reconnect|"
                    r"try me|come back|touch base|write me|e-?mail me|message me|ask me|reach me)\b(?:\s+[\w']+){0,3}?"
                    r"\s+(?:again|later|after|afterwards|in|next|around|towards|early|once|when)\b",
                    r"\b(?:circle back|check back|revisit|reconnect)\b",
                    r"\b(?:down the (?:road|line)|in the future)\b",
                    r"\bgerade (?:passt|nicht)\b", r"\b(?:im moment|derzeit|zurzeit|momentan) (?:nicht|passt)\b",
                    r"\bvielleicht (?:sp[äa]ter|im|n[äa]chste)", r"\bsp[äa]ter (?:gerne|wieder)\b",
                    r"\b(?:en este momento|ahora) no\b", r"\bm[aá]s adelante\b",
                    r"\bpas (?:pour le moment|maintenant|en ce moment|pour l'instant|tout de suite)\b",
                    r"\bplus tard\b")),
    (0.8, False, _rx(r"\b(?:bad|wrong|poor|tough|terrible) timing\b",
                     r"\btiming (?:isn't|is not|isnt|'s not|is) (?:\w+ )?(?:right|great|ideal|good|bad|off|tricky)\b",
                     r"\bjust (?:started|joined|began|switched|moved|signed)\b", r"\b(?:vesting )?cliff\b",
                     r"\bnot (?:\w+ )?(?:ready|in a position) to\b", r"\bjust (?:got|been) promoted\b",
                     r"\b(?:too )?(?:busy|swamped|slammed) (?:right now|at the moment|currently|these days|until)\b",
                     r"\bthings are (?:hectic|crazy|busy)\b", r"\bnot going to (?:move|leave|switch) (?:yet|now)\b")),
]
_NOT_NOW += _lang.NOT_NOW
_COMPENSATION = [
    (0.9, _rx(r"\b(?:salary|salaries|compensation|comp|pay|paid|paying|pays|remuneration|wages?|stipend|"
              r"equity|rsus?|bonus|bonuses|stock options?|total comp|tc|base pay|base salary|day rate|hourly rate|"
              r"how much(?! of\b))\b", r"\bsalary (?:range|band)\b", r"[$€£]\s?\d", r"\b\d{2,3}(?:[.,]\d)?\s?k\b",
              r"\bgehalt\b", r"\bverg[üu]tung\b", r"\bsalari(?:o|al)\b", r"\bsueldo\b", r"\bsalaire\b",
              r"\br[ée]mun[ée]ration\b")),
    (0.7, _rx(r"\b(?:the|your|a|what's the|what is the) (?:budget|range|band|package|numbers)\b",
              r"\b(?:right|the) package\b", r"\b(?:the|your) base\b", r"\bcounter-?offer\b", r"\bshow me the money\b",
              r"\brate\b",
              r"\b(?:beat|match) (?:that|my current|it)\b")),
]
_COMPENSATION += _lang.COMPENSATION + _fam.COMPENSATION
_SCHEDULING = _rx(
    r"\b(?:when|what time|what times|which day|what day|which time)\b.{0,30}\b(?:work|works|suit|suits|good|free|"
    r"available|convenient|best)\b",
    r"\b(?:does|would|could|can|is)\s+(?:\w+\s+)?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|next week|"
    r"this week|"
    r"\d{1,2}(?::\d{2})?\s*(?:am|pm))\b.{0,20}\b(?:work|suit|ok|okay|good)\b",
    r"\b(?:can|could|shall|should) (?:we|i) (?:set|schedule|book|do|have|hop|jump|talk|chat|meet|arrange|grab)\b",
    r"\bset (?:something|a call|a time|a meeting|it) up\b",
    r"\bsend (?:me )?(?:a |an |the )?(?:calendar )?(?:invite|link)\b",
    r"\bshould i (?:send|share|apply|book|fill)\b", r"\bwhen can we\b", r"\bare you free\b",
    r"\b(?:number|best way|how)\s+(?:\w+\s+){0,3}(?:reach|call|contact) you\b",
    r"\b(?:\d+|fifteen|thirty|twenty)[ -]?(?:min|mins|minutes?)\b")
_SCHEDULING = re.compile(_SCHEDULING.pattern + "|" + _lang.SCHEDULING.pattern + "|" + _fam.SCHEDULING.pattern)
_INTERESTED = [
    (0.85, _rx(r"\binterested\b",
               r"\b(?:sounds?|looks?|seems?) (?:\w+ )?(?:interesting|great|good|exciting|cool|amazing|"
               r"intriguing|fun|promising|awesome)\b",
               r"\b(?:happy|glad|keen|eager|excited|open|up|down|available|willing)\s+(?:to|for)\s+(?:have\s+|do\s+|"
               r"set\s+up\s+|"
               r"get\s+on\s+|hop\s+on\s+|jump\s+on\s+)?(?:a\s+|an\s+)?(?:chat|"
               r"talk|connect|hear|learn|discuss|call|conversation|meet|explore|jump|hop|speak|quick)",
               r"\bopen (?:to|for) (?:a |an |new )?(?:chat|call|conversation|hearing|learning|talking|opportunit|"
               r"it|discuss|explor)", r"\b(?:would|'d) love to\b",
               r"\blet'?s (?:talk|chat|do|set|schedule|grab|hop|jump|"
               r"connect|meet|find|book|speak)\b", r"\bcount me in\b", r"\bsign me up\b", r"\bi'm in\b",
               r"\bsend (?:me )?(?:a |an |the )?(?:calendar )?invite\b", r"\bcalendly\b", r"\bnext steps?\b",
               r"\b(?:tell|hear|learn|know) (?:me )?more\b", r"\bcaught my (?:eye|attention)\b", r"\ball ears\b",
               r"\bthumbs-up\b", r"\blet me know the (?:process|next)", r"\bintrigued\b",
               r"\blet me know (?:what|when|which) (?:works|suits|time|times|day|days|slot)",
               r"\bi(?:'m| am) (?:available|free)\b",
               r"\b(?:free|available) (?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|week)\b",
               r"\bset (?:something|a call|a time|a meeting|it) up\b", r"\bhappy to\b",
               r"\b(?:monday|tuesday|wednesday|thursday|friday|tomorrow|\d{1,2}(?::\d{2})?\s*(?:am|pm))\b[^.?!]{0,20}"
               r"\b(?:works|work for me|suits me|is fine|is good|is perfect)\b",
               r"\b(?:wouldn't|would not|can't|cannot|couldn't|could not) say no\b",
               r"\b(?:could|would|might|may) be a (?:great|good|perfect|strong|nice|interesting) (?:fit|match|"
               r"next step)\b",
               r"\blooking forward to (?:it|hearing|talking|chatting|speaking|meeting|connecting|the call|our|"
               r"learning)\b",
               r"\b(?:want|wanna|like|keen) to (?:chat|talk|hear more|learn more|connect|meet|explore|discuss|apply)\b",
               r"\bmy (?:schedule|calendar|diary) is (?:\w+ )?(?:open|free|flexible)\b",
               r"\binteressiert\b", r"\bgerne\b", r"\binteresad[oa]\b", r"\bme interesa\b", r"\bint[ée]ress[ée]e?\b")),
    (0.65, _rx(r"^\W*(?:yes|yeah|yep|yup|sure|absolutely|definitely|of course|why not|sounds good|ok|okay|alright|"
               r"great|"
               r"perfect|cool|ja|s[ií]|oui|claro|d'accord)\b", r"\bwhy not\b")),
]
_INTERESTED += _lang.INTERESTED + _fam.INTERESTED
_QUESTION_WORDS = _rx(
    r"^(?:is|are|do|does|did|can|could|would|will|what|what's|which|who|how|where|why|when|any)\b",
    r"^(?:wie|was|wo|wer|welche\w*|gibt es|ist|sind|kann|k[öo]nnen|qu[ée]|cu[aá]l\w*|c[oó]mo|d[oó]nde|qui[ée]n|hay|"
    r"quel\w*|comment|o[uù]|est-ce)\b")
_QUESTION_CUES = _rx(r"\b(?:i'd|i would|i) (?:need|like|want) to (?:know|understand)\b",
                     r"\bwondering (?:if|whether|about|what|how)\b",
                     r"\bcurious (?:about|if|whether|what|how)\b",
                     r"\b(?:can|could) you (?:clarify|explain|tell|share|send|confirm|describe|elaborate)\b",
                     r"\b(?:a |one |quick |couple of |few )?questions?\b", r"\bfrage\b", r"\bpregunta\b")
