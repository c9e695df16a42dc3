"""Names Slack sends back to us: slash commands, action ids, callback ids."""

from enum import StrEnum


class Command(StrEnum):
    """Slash commands (registered in manifest.yml)."""

    SHORTLIST = "/shortlist"
    SALARY = "/salary"
    CANDIDATE = "/candidate"
    OUTREACH = "/outreach"
    HIREBOT = "/hirebot"


class ActionId(StrEnum):
    """Block Kit action ids."""

    CANDIDATE_MORE = "candidate_more"
    CANDIDATE_PASS = "candidate_pass"
    CANDIDATE_SHORTLIST = "candidate_shortlist"
    OUTREACH_START = "outreach_start"
    SALARY_CHART = "salary_chart"
    SALARY_DETAILS = "salary_details"
    NUDGE_SENT = "nudge_sent"
    NUDGE_SNOOZE = "nudge_snooze"
    NUDGE_LOG_REPLY = "nudge_log_reply"
    NUDGE_STOP = "nudge_stop"
    NUDGE_REVIEW_SEND = "nudge_review_send"
    REPLY_RELABEL = "reply_relabel"
    REPLY_CONFIRM_UNSUBSCRIBE = "reply_confirm_unsubscribe"
    HOME_REFRESH = "home_refresh"
    NOTIFY_MODE = "notify_mode"
    NOTIFY_SNOOZE = "notify_snooze"
    NOTIFY_QUIET = "notify_quiet"
    ROLE_REMOVE = "role_remove"
    ROLE_RESET = "role_reset"
    RESULTS_PAGE = "results_page"  # Next 10 on a shortlist, /candidate find or list
    RESULTS_PREV = "results_prev"  # Previous (action ids are unique within a block)
    RESULTS_EXPORT = "results_export"  # Export CSV of the whole result to the clicker's DM


class CallbackId(StrEnum):
    """Modal callback ids."""

    LOG_REPLY = "log_reply"
    NOTIFY_QUIET = "notify_quiet"
    MAILBOX_CONNECT = "mailbox_connect"
    MAIL_REVIEW_SEND = "mail_review_send"
