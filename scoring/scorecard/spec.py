"""`/hirebot role add ...` specs parsed into a Scorecard."""

from __future__ import annotations

import re
import shlex

from scoring.scorecard.roles import DEFAULT_ROLES, resolve_role
from scoring.scorecard.skills import normalize_requirement
from scoring.types import BadInput, Scorecard

MAX_QUESTIONS = 3  # 000_43590e2982354659.txt: "up to three custom screening questions"
LEVELS = ("junior", "mid", "senior", "staff", "principal", "lead")
ROLE_SPEC_EXAMPLE = ('/hirebot role add llm-platform-engineer must:python,pytorch|jax,docker '
                     'nice:kubernetes,rag level:senior location:europe '
                     'q:"Tell me about a model you shipped."')
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
_SKILL = re.compile(r"^[a-z0-9][a-z0-9+#./&-]{0,39}$")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"'})  # Slack/macOS smart double quotes; ’ stays text
_ACRONYMS = {"ml": "ML", "mlops": "MLOps", "llm": "LLM", "ai": "AI", "nlp": "NLP", "cv": "CV",
             "genai": "GenAI", "llmops": "LLMOps", "rag": "RAG"}


def _title_from_slug(slug: str) -> str:
    words = [_ACRONYMS.get(w, w) for w in slug.split("-")]
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _skill_list(value: str, key: str) -> list[str]:
    out: list[str] = []
    for item in value.split(","):
        if not item.strip():
            continue
        req = normalize_requirement(item)
        if not req or not all(_SKILL.match(p) for p in req.split("|")):
            raise BadInput(f"'{item.strip()}' in {key}: is not a skill name.", example=ROLE_SPEC_EXAMPLE)
        out.append(req)
    return out


def parse_role_spec(text: str) -> Scorecard:
    """Parse `role add <slug> must:a,b nice:c level:senior location:x q:"..."` into a Scorecard."""
    try:
        tokens = shlex.split(text.translate(_QUOTES))
    except ValueError:
        raise BadInput("A quote is not closed: wrap each screening question in double quotes.",
                       example=ROLE_SPEC_EXAMPLE)
    if tokens and tokens[0].lower() in ("/hirebot", "hirebot"):
        tokens = tokens[1:]
    if tokens and tokens[0].lower() == "role":
        tokens = tokens[1:]
    if tokens and tokens[0].lower() in ("add", "set", "edit", "update"):
        tokens = tokens[1:]
    if not tokens or ":" in tokens[0]:
        raise BadInput("Give the role a name first (lowercase, words joined by '-').",
                       example=ROLE_SPEC_EXAMPLE)
    slug = tokens[0].lower()
    if not _SLUG.match(slug):
        raise BadInput(f"'{tokens[0]}' can't be a role name: use 2-40 lowercase letters, digits and '-'.",
                       example=ROLE_SPEC_EXAMPLE)
    must: list[str] = []
    nice: list[str] = []
    questions: list[str] = []
    level = location = title = base = None
    for tok in tokens[1:]:
        key, sep, value = tok.partition(":")
        key = key.lower()
        value = value.strip()
        if not sep or not value:
            raise BadInput(f"'{tok}' is not an option; options look like key:value.", example=ROLE_SPEC_EXAMPLE)
        if key in ("must", "must-have", "must_have"):
            must += _skill_list(value, "must")
        elif key in ("nice", "nice-to-have", "nice_to_have"):
            nice += _skill_list(value, "nice")
        elif key in ("q", "question"):
            if len(value) > 300:
                raise BadInput("A screening question can be at most 300 characters.", example=ROLE_SPEC_EXAMPLE)
            questions.append(value)
        elif key == "level":
            level = value.lower()
            if level not in LEVELS:
                raise BadInput(f"Level '{value}' is not one of {', '.join(LEVELS)}.", suggestions=LEVELS,
                               example=ROLE_SPEC_EXAMPLE)
        elif key in ("location", "loc"):
            location = value
        elif key == "title":
            title = value[:80]
        elif key in ("base", "like"):
            base = resolve_role(value, DEFAULT_ROLES)
        else:
            raise BadInput(f"Unknown option '{key}:'. Options: must, nice, level, location, q, title, base.",
                           example=ROLE_SPEC_EXAMPLE)
    if len(questions) > MAX_QUESTIONS:
        raise BadInput(f"A role can have at most {MAX_QUESTIONS} screening questions; you gave {len(questions)}.",
                       example=ROLE_SPEC_EXAMPLE)
    must = list(dict.fromkeys(must))
    nice = [s for s in dict.fromkeys(nice) if s not in must]
    template = DEFAULT_ROLES.get(base or slug) or DEFAULT_ROLES["ml-engineer"]
    if title is None:
        title = DEFAULT_ROLES[slug].title if slug in DEFAULT_ROLES else _title_from_slug(slug)
    return Scorecard(slug=slug, title=title, must_have=tuple(must), nice_to_have=tuple(nice),
                     weights=template.weights, level=level, location=location, questions=tuple(questions))
