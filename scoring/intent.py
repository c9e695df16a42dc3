"""Reply intent: sort a candidate's answer to outreach into one of eight labels.

`classify(text, today=...)` returns an `Intent`: the label, a confidence, the phrases that
decided it, the next step for the owner, and the fields the bot acts on (`until`: the
out-of-office return date or the not-now re-engage date; `referral`: the person to add).
The AI sourcing tools in `../shared/seeds/000_43590e2982354659.txt` sort replies "by
interest level" with intent/sentiment analysis; this module is Hirebot's version of that.

Why rules and not a model
-------------------------
* Transparent: every label comes with the phrases that matched (`Intent.matched`), so the
  owner sees *why* a reply was read as "not now", and a wrong label is fixed by editing
  one pattern, not by retraining.
* Instant and pure: standard library only, well under a millisecond per reply, no GPU, no
  network, no weights to ship or version, deterministic in tests.
* The domain is narrow: replies to recruiting outreach are short and formulaic ("not
  interested", "ping me in Q2", "Automatic reply: out of office until ..."), so phrase
  rules reach high accuracy. Their weakness is unusual wording (see the bench's misses).

How the rules are ordered
-------------------------
1. Normalise: undo Slack escaping (`&amp; &lt; &gt;`, `<mailto:a@b|a@b>`, `<https://x|label>`,
   `<@U123>`), drop quoted history (`> ...`, "On ... wrote:"), turn thumbs-up/down emoji
   into words, straighten quotes, lowercase a copy for matching.
2. Every rule of every label runs and records hits (label, weight, phrase). Rules are written
   as families of expression per language (`_intent/families.py`): a stop verb with its object,
   a GDPR/DSGVO/RGPD/AVG erasure request, removal from a list/file/database; a yes with an
   availability; a hand-off of the message or contact; staying put; the pay vocabulary; the
   out-of-office phrases and their return grammar. Leaving a newsletter while keen on the role
   is not a stop (alone, a low-confidence one the owner confirms), nor is removing an old
   address; a GDPR/RGPD/LGPD name or the right to erasure counts only inside the person's own
   request ("I request", "delete my data", "..., please"), never asked about or explained to the
   reader as a privacy footer does; "ignore my out of office" or a past absence ("I was out of
   office last week") is the person speaking, not an auto-reply. A date tied to ending something
   else ("I'm stopping my on-call rotation in January") is no "not now" when the person calls the
   timing good or wants to talk without deferring it. Positive
   interest cues are checked for a negator just before them ("not interested", "don't
   want to chat"); a negated interest cue counts as a decline instead.
3. Corrections between labels: a decline that invites you back ("not right now",
   "ping me in March", "keep me in mind") is `not_now`, so it cancels the plain decline;
   a decline followed by "but ... happy to hear more" is interest. A soft absence ("I'm
   travelling, back Monday") without auto-reply wording yields to any other intent, since a
   person wrote it.
4. The winner is the first label in `PRIORITY` that has a hit, most consequential first:
   `unsubscribe` (a legal/consent duty: must win over everything) > `out_of_office` (an
   auto-reply says nothing about the person's intent; any other cue in it is boilerplate)
   > `referral` ("not interested, but my friend X might be" creates a new lead, which a
   plain decline would lose) > `not_interested` > `not_now` (an explicit decline beats a
   soft timing remark such as "I just started a new job") > `compensation` ("interested,
   but what's the salary?" is compensation: the owner must answer with numbers before a
   call makes sense, and both stop the sequence) > `question` ("interested, is it remote?"
   needs an answer first) > `interested`.
   Scheduling questions ("when works for you?") are interest, not questions.
5. Nothing matched: `question` with low confidence, because its next step (keep it open,
   make the owner read and answer) is the safe one for a reply nobody understood.

Dates (`until`), resolved against the caller's `today`
--------------------------------------------------------
Explicit dates ("Dec 3", "3 January 2027", "2026-12-03", "7. Dezember", "2 de diciembre",
"12/07" read US month/day unless the first part is over 12), weekdays ("back on Monday":
the next one after today), "the 14th" (this month, else next), "tomorrow", "next
week/month/quarter/year", "Q2", "in March" (March 1), seasons ("in the spring": March 1),
"in 3 months", "after the new year" (January 2). A day or month without a year is the next
one (a day up to two weeks past stays this year). "after X" moves to the day or month
after X. Out of office: the date whose nearest keyword before it is a return word
("back", "je reprendrai", "me reincorporo", "regressando") wins over one after "until"
("jusqu'au 4 inclus ... je reprendrai le 7": the 7th), then the latest; none found is None. Not now: the latest future date, else today + 90 days.

Confidence: 1 - prod(1 - weight) over the winner's hits, minus 0.05 for each other label
that also matched, kept within 0.35..0.97; 0.25 for the nothing-matched fallback.
"""

from __future__ import annotations

# The rules live in scoring/_intent/, one module per step; this module is their public face.
# The imports are relative so that this file imports nothing outside the standard library by
# absolute name (tests/outreach/test_intent.py checks that).
from ._intent.classify import classify
from ._intent.labels import NOT_NOW_DEFAULT_DAYS, PRIORITY, Intent, Label, Referral

__all__ = ["Label", "PRIORITY", "Referral", "Intent", "classify", "NOT_NOW_DEFAULT_DAYS"]
