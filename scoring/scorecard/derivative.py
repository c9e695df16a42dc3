"""Which repositories look derivative: tutorial follow-alongs, bootcamp projects, website clones.

000_43590e2982354659.txt: "Be cautious of profiles dominated by tutorial follow-alongs, bootcamp
projects, or replicas of major websites, as these rarely showcase original problem-solving
abilities." Matched on the repo's name; the description only for clear phrases. Such repos neither
earn stars credit in full nor prove a skill.
"""

from __future__ import annotations

import re

_B, _E = r"(?<![a-z0-9])", r"(?![a-z0-9])"
_BRANDS = (r"(?:netflix|amazon|spotify|youtube|instagram|twitter|facebook|airbnb|uber|whatsapp|tiktok|"
           r"discord|slack|zoom|hulu|disney|linkedin|reddit|pinterest|google|tinder|trello|notion|"
           r"twitch|snapchat|telegram|messenger|medium|dribbble|figma|shopify|ebay|flipkart|chatgpt)")
_NAME_FLAGS = re.compile(
    rf"(?P<tutorial>{_B}(?:tutorials?|courses?|coursework|udemy|coursera|follow-?along|\d+-?days-?of|"
    rf"titanic|mnist|iris-(?:classification|classifier|dataset|flowers?)|"
    rf"learn-?(?:ml|ai|python|pytorch|tensorflow|deep-learning|machine-learning)){_E})"
    rf"|(?P<bootcamp>{_B}(?:bootcamp|boot-camp|capstone|le-?wagon|nanodegree|udacity|springboard|"
    rf"ironhack|general-?assembly|flatiron){_E})"
    rf"|(?P<clone>{_B}{_BRANDS}-?(?:clone|replica){_E})")
_DESC_FLAGS = re.compile(
    rf"(?P<tutorial>{_B}(?:udemy|coursera|follow[- ]along|following (?:the|a) (?:tutorial|course)){_E})"
    rf"|(?P<bootcamp>{_B}(?:bootcamp|boot camp|nanodegree|capstone project){_E})"
    rf"|(?P<clone>{_B}(?:(?:clone|replica) of {_BRANDS}|{_BRANDS} (?:clone|replica)){_E})")
# Cheap first pass without look-arounds; the precise patterns above run only on the few names that hit.
FLAG_HINT = re.compile(r"tutorial|course|udemy|coursera|follow|days|titanic|mnist|iris|learn|boot|capstone|"
                       r"wagon|nanodegree|udacity|springboard|ironhack|assembly|flatiron|clone|replica")


def flag_kind(short: str, desc: str) -> str | None:
    """'tutorial', 'bootcamp' or 'clone' when a repo looks derivative; `short` and `desc` lowercased,
    `short` with '_' and '.' turned into '-'."""
    m = _NAME_FLAGS.search(short) if FLAG_HINT.search(short) else None
    if m is None and desc and FLAG_HINT.search(desc):
        m = _DESC_FLAGS.search(desc)
    return m.lastgroup if m else None


def repo_flag(name: str, description: str) -> str | None:
    """flag_kind for a repository's full name and description."""
    short = name[name.rfind("/") + 1:].lower()
    desc = description.lower() if description else ""
    if not FLAG_HINT.search(f"{short} {desc}" if desc else short):
        return None
    return flag_kind(short.replace("_", "-").replace(".", "-"), desc)
