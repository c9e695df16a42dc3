"""Block Kit messages and modals as rich renderables, every button and menu option numbered for `/click N`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from bot.runtime.terminal import emojize, mrkdwn, plain


@dataclass
class Clickable:
    """One thing `/click N` can press: a button, or one option of an overflow menu, and where it was shown."""

    element: dict[str, Any]
    block_id: str
    option: dict[str, Any] | None = None
    message: dict[str, Any] = field(default_factory=dict)
    channel: str = ""
    ephemeral: bool = False
    view: dict[str, Any] | None = None  # set for a button inside a modal

    @property
    def label(self) -> str:
        """What the person saw on it."""
        return ((self.option or self.element).get("text") or {}).get("text", "")


def _pad(renderable: RenderableType, pad: tuple[int, int, int, int]) -> Padding:
    # Not expanded: a padded line filled out to the terminal width leaves trailing spaces in every copy-paste.
    return Padding(renderable, pad, expand=False)


Number = Callable[[dict[str, Any], str, dict[str, Any] | None], int]
QUOTE = Style(color="bright_black")
MARKS = {"primary": Style(color="green", bold=True), "danger": Style(color="red", bold=True)}


class BlockRenderer:
    """Turns blocks into renderables; `number(element, block_id, option)` hands out the click numbers."""

    def __init__(self, number: Number, *, tz: str = "UTC", channels: dict[str, str] | None = None):
        self.number = number
        self.tz = tz
        self.channels = channels or {}

    def text(self, obj: dict[str, Any] | None, style: Style | str = "") -> Text:
        """A text object with quotes marked: Slack's `>` lines get a bar."""
        if not obj or obj.get("type") != "mrkdwn":
            return plain(obj, style, tz=self.tz)
        lines = []
        for line in obj.get("text", "").split("\n"):
            if line.startswith(("&gt;", ">")):
                body = line[4:] if line.startswith("&gt;") else line[1:]
                lines.append(Text("▌ ", QUOTE) + mrkdwn(body.lstrip(), style, tz=self.tz, channels=self.channels))
            else:
                lines.append(mrkdwn(line, style, tz=self.tz, channels=self.channels))
        return Text("\n").join(lines)

    def element(self, el: dict[str, Any], block_id: str) -> Text:
        """A button or menu, numbered; other elements described in brackets."""
        kind = el.get("type")
        if kind == "button":
            n = self.number(el, block_id, None)
            style = MARKS.get(el.get("style", ""), Style())
            mark = "!" if el.get("confirm") or el.get("style") == "danger" else ""
            return Text("[") + Text(f"{n} ", "bold") + plain(el.get("text"), style) + Text(mark + "]", style)
        if kind == "overflow":
            parts = [Text("⋯")]
            for opt in el.get("options", []):
                n = self.number(el, block_id, opt)
                parts.append(Text("[") + Text(f"{n} ", "bold") + plain(opt.get("text")) + Text("]"))
            return Text(" ").join(parts)
        if kind and kind.endswith("_select") or kind in ("datepicker", "timepicker", "checkboxes", "radio_buttons"):
            hint = plain(el.get("placeholder")) if el.get("placeholder") else Text(kind or "")
            return Text("(a menu: ", "dim") + hint + Text("; not pressable in the console)", "dim")
        if kind == "image":
            return Text(f"(image: {el.get('alt_text', '')})", "dim")
        if kind in ("mrkdwn", "plain_text"):
            return self.text(el)
        if kind == "plain_text_input":
            return Text("(a text box: type it with /submit)", "dim")
        return Text(f"({kind})", "dim")

    def rich_text(self, block: dict[str, Any]) -> Text:
        """Flatten a rich_text block (sections, lists, quotes) to styled text."""
        out = Text()
        for part in block.get("elements", []):
            prefix = "▌ " if part.get("type") == "rich_text_quote" else ""
            items = part.get("elements", [])
            if part.get("type") == "rich_text_list":
                items = [{"type": "text", "text": "• "}] + [e for sec in items for e in sec.get("elements", []) + [
                    {"type": "text", "text": "\n• "}]][:-1]
            out.append(prefix)
            for e in items:
                st = e.get("style") or {}
                style = Style(bold=st.get("bold"), italic=st.get("italic"), strike=st.get("strike"))
                if e.get("type") == "link":
                    out.append(e.get("text") or e.get("url", ""), style + Style(link=e.get("url")))
                    if e.get("text"):
                        out.append(" " + e.get("url", ""), "dim")
                elif e.get("type") == "emoji":
                    out.append(emojize(f":{e.get('name', '')}:"))
                elif e.get("type") == "user":
                    out.append("@" + e.get("user_id", ""), "bold")
                elif e.get("type") == "channel":
                    out.append("#" + e.get("channel_id", ""), "bold")
                else:
                    out.append(emojize(e.get("text", "")), style)
            out.append("\n")
        out.rstrip()
        return out

    def block(self, block: dict[str, Any]) -> RenderableType | None:
        """One block."""
        kind = block.get("type")
        bid = block.get("block_id", "")
        if kind == "header":
            return Text.assemble(plain(block.get("text"), "bold underline"))
        if kind == "section":
            parts: list[RenderableType] = []
            if block.get("text"):
                parts.append(self.text(block["text"]))
            if block.get("fields"):
                # Slack lays fields out two to a row; a borderless table keeps long values wrapping in their column.
                grid = Table.grid(padding=(0, 3), expand=False)
                grid.add_column(ratio=1)
                grid.add_column(ratio=1)
                fields = [self.text(f) for f in block["fields"]]
                for i in range(0, len(fields), 2):
                    grid.add_row(*fields[i:i + 2])
                parts.append(_pad(grid, (0, 0, 0, 2)))
            if block.get("accessory"):
                parts.append(_pad(self.element(block["accessory"], bid), (0, 0, 0, 2)))
            return Group(*parts)
        if kind == "divider":
            return Rule(style="bright_black")
        if kind == "context":
            line = Text("  ").join(self.element(e, bid) for e in block.get("elements", []))
            line.stylize("dim")
            return _pad(line, (0, 0, 0, 2))
        if kind == "actions":
            return _pad(Text(" ").join(self.element(e, bid) for e in block.get("elements", [])), (0, 0, 0, 2))
        if kind == "image":
            title = plain(block.get("title")) if block.get("title") else Text("")
            return Text(f"(image: {block.get('alt_text', '')}) ", "dim") + title
        if kind == "rich_text":
            return self.rich_text(block)
        if kind == "input":
            label = plain(block.get("label"), "bold")
            hint = plain(block.get("hint"), "dim") if block.get("hint") else Text()
            return Group(label, _pad(self.element(block.get("element", {}), bid), (0, 0, 0, 2)), hint)
        return Text(f"({kind} block)", "dim")

    def blocks(self, blocks: list[dict[str, Any]]) -> RenderableType:
        """A list of blocks, top to bottom."""
        return Group(*[r for r in (self.block(b) for b in blocks) if r is not None])

    def message(self, message: dict[str, Any]) -> RenderableType:
        """A whole message: its blocks when it has them, else its text."""
        blocks = message.get("blocks")
        if isinstance(blocks, list) and blocks:
            return self.blocks(blocks)
        return self.text({"type": "mrkdwn", "text": str(message.get("text", ""))})

    def view(self, view: dict[str, Any]) -> RenderableType:
        """A modal: its title, its blocks, its submit and close labels."""
        title = plain(view.get("title"), "bold reverse")
        buttons = []
        if view.get("submit"):
            buttons.append(Text("[/submit: ") + plain(view["submit"]) + Text("]"))
        buttons.append(Text("[/cancel: ") + (plain(view["close"]) if view.get("close") else Text("Cancel")) + Text("]"))
        return Group(Text("┌ modal: ") + title, _pad(self.blocks(view.get("blocks", [])), (0, 0, 0, 2)),
                     Text("└ ") + Text(" ").join(buttons))
