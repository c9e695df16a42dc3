"""What each slash command does, its forms, and real examples: the text of every `help`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.ids import Command


@dataclass(frozen=True)
class Usage:
    """Help for one command: a one-line summary, its forms, and examples a user can copy."""

    command: str
    summary: str
    forms: tuple[tuple[str, str], ...]
    examples: tuple[str, ...]


USAGE: dict[str, Usage] = {
    Command.SHORTLIST: Usage(
        Command.SHORTLIST,
        "Rank this team's candidates for a role by verified public work, with the evidence for every point.",
        (
            ("/shortlist <role> [N]", "top N candidates (default 10, at most 25)"),
            ("location:<city|country|region>", "e.g. location:berlin, location:de, location:europe"),
            ("min:<score>", "only candidates scoring at least this (0-100)"),
            ("skill:<skill>", "only candidates showing this skill, e.g. skill:pytorch"),
            ("remote", "only candidates who said they work remotely"),
            ("stage:<stage|all>", "only people at that stage; passed, hired and do-not-contact people are left out "
                                  "unless you ask (stage:hired, stage:all)"),
            ("active:<30d|6w|3m>", "only people with public work in that time"),
            ("level:<junior|mid|senior|staff|lead>", "noted with the reading; scores read public work, not titles"),
            ("/shortlist <plain English>", "e.g. senior ML engineers in Europe who know PyTorch: the first line says how "
                                           "it was read, its short form, and any word it could not use"),
            ("Next / Previous / Export CSV", "page through the result; the whole result as CSV to your DM"),
        ),
        ("/shortlist ml-engineer 10 location:europe min:60", "/shortlist senior ml engineers in europe who know pytorch",
         "/shortlist mlops-engineer skill:kubernetes", "/shortlist top 5 LLM engineers with vLLM experience active lately",
         "/shortlist ml-engineer stage:interview"),
    ),
    Command.SALARY: Usage(
        Command.SALARY,
        "Salary benchmarks: reported market percentiles with sample sizes (aijobs.net survey, CC0), the guides' "
        "range, your team's offers, total comp.",
        (
            ("/salary <role> [level] [country|region] [specialty] [currency]", "defaults: level mid, region us"),
            ("levels", "junior, mid, senior, staff, or years: 0-2, 3-5, 6+, 4y"),
            ("countries", "by name or ISO code: uk, gb, germany, de, canada (a thin country falls back to its region)"),
            ("regions", "us, western-europe, eastern-europe, asia, latam, remote"),
            ("specialties", "llm, deep-learning, nlp, computer-vision"),
            ("currency", "USD as reported; add eur, gbp or currency:eur to convert"),
            ("chart", "add `chart` for the distribution with the guides' range and your offers"),
        ),
        ("/salary ml-engineer senior us llm", "/salary mlops mid germany", "/salary data-scientist senior uk gbp chart"),
    ),
    Command.CANDIDATE: Usage(
        Command.CANDIDATE,
        "Add, look up and manage candidates. Hirebot enriches them from GitHub, Hugging Face and arXiv.",
        (
            ("/candidate add <handles> [role:<role>]", "github:login, hf:user, arxiv:\"Full Name\", kaggle:user tier:master, or profile URLs"),
            ("/candidate show <candidate>", "profile, scores per role, evidence, notes"),
            ("/candidate note <candidate> <text>", "leave a note for the team"),
            ("/candidate edit <candidate> preferred:<name> name:<name> location:<place>", "correct them, or set the name drafts greet them by"),
            ("/candidate stage <candidate> <stage> [role:<role>]", "sourced, shortlisted, contacted, replied, review, interview, offer, hired, passed"),
            ("/candidate discover repo:<owner/name> [since:90d] [role:<role>] [limit:<n>]",
             "add recent merged-PR authors of a repository (25 by default, up to 50)"),
            ("/candidate find <words> [stage:<stage>] [owner:@user|me] [role:<role>] [since:30d]",
             "part of a name (accents optional), a handle, an email, a skill, a place or a repository contributed to "
             "(vllm, pytorch/pytorch); best first, with why each matched"),
            ("/candidate list [stage:<stage|all>] [role:<role>] [owner:@user|me] [since:30d]",
             "the pipeline as a list, most recently moved first (passed and hired only when asked)"),
            ("/candidate export <candidate>", "everything stored about a person, as JSON"),
            ("/candidate forget <candidate>", "erase every row about a person"),
        ),
        ("/candidate add github:octocat role:ml-engineer", "/candidate add https://huggingface.co/ada-ex kaggle:adaex tier:master",
         "/candidate show octocat", "/candidate stage octocat interview", "/candidate find vllm",
         "/candidate list stage:interview"),
    ),
    Command.OUTREACH: Usage(
        Command.OUTREACH,
        "Outreach sequences with follow-up nudges, personal drafts and reply intents.",
        (
            ("/outreach start <candidate> [sequence] [role:<role>]", "enrol with you as owner; shows the first draft"),
            ("/outreach status [candidate]", "where each sequence stands"),
            ("/outreach reply <candidate> <their reply>", "label the reply and take the next step"),
            ("/outreach stop <candidate>", "stop the sequence"),
            ("/outreach stats [role]", "reply rate per step and per intent"),
            ("/outreach sequence list|show|set <name> days:0,3,7,14,21", "the steps, in business days"),
            ("/outreach channel here|off", "where overdue hiring-stage escalations go"),
            ("/outreach pitch company:\"...\" problem:\"...\"", "the team's pitch the drafts use (the 4 P's)"),
            ("/outreach mailbox connect|status|disconnect", "send reviewed steps from your mailbox; replies are caught by themselves"),
        ),
        ("/outreach start octocat", "/outreach reply octocat Thanks! Happy to chat next week", "/outreach status"),
    ),
    Command.HIREBOT: Usage(
        Command.HIREBOT,
        "Hirebot itself: help, roles, digests, settings and your own notifications.",
        (
            ("/hirebot help", "this overview of every command"),
            ("/hirebot role list|show|add|edit", "roles and their scorecards"),
            ("/hirebot role remove <slug>", "asks first, with what it deletes; takes the exact slug"),
            ("/hirebot role reset", "bring back the default roles and their scorecards (asks first)"),
            ("/hirebot digest here [HH:MM] [role:<role>] [min:<score>] [max:<n>] [weekends] [weekly:<day>] [changed:only]",
             "daily digest in this channel, in your timezone; at most max candidates (default 10); weekdays unless "
             "weekends; weekly:mon posts once a week; changed:only skips a digest that would repeat the last one"),
            ("/hirebot digest off|list|now", "stop, list or send the digest now"),
            ("/hirebot notify [<kind> now|summary|off]", "your own DMs: nudges, deadlines, escalations, reengage, newwork "
             "(or all); a summary comes once a day; also in Hirebot's Home tab"),
            ("/hirebot notify summary HH:MM|quiet 20:00-08:00|quiet days sat,sun|snooze <days>|reset",
             "summary time, quiet hours and days in your timezone (what comes then waits), snooze everything"),
            ("/hirebot settings", "show this team's settings and who may see candidates and salaries"),
            ("/hirebot settings access channels:#c users:@u groups:@g", "admins: only these channels, people and groups see candidates"),
            ("/hirebot settings access public:allow|deny", "admins: may digests post in public channels (default deny)"),
            ("/hirebot settings access off", "admins: everyone in the workspace"),
        ),
        ("/hirebot digest here 09:00", "/hirebot role add ml-platform must:pytorch,kubernetes nice:ray q:\"What did you ship last?\"",
         "/hirebot role list"),
    ),
}
