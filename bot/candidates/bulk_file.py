"""Reading an import file: its encoding by byte-order mark, streamed line by line, with a progress bar on a terminal.

A UTF-8 file is checked in one pass of 1 MB chunks before anything is written (a wrong encoding is one
error naming the encoding to use, and nothing imported), then read again line by line, so a 100k-line
file never sits in memory whole. Files in UTF-16/32 (they carry a byte-order mark) are small in
practice and are decoded whole.
"""

from __future__ import annotations

import codecs
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from bot.core.errors import UserError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
NOT_UTF8 = ("This file is not UTF-8 text (it may be Latin-1, UTF-16 without a byte-order mark, or not "
            "a CSV/JSONL file at all). Save it as UTF-8 CSV or JSONL and import it again.")
CHUNK = 1 << 20


def decode_file(data: bytes) -> str:
    """The file's text: by its byte-order mark, else UTF-8; a UserError names the encoding to save it in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    raise UserError(NOT_UTF8)


def wide_encoding(path: Path) -> bool:
    """True for a UTF-16/32 file (by its byte-order mark): decoded whole rather than streamed."""
    with open(path, "rb") as f:
        head = f.read(4)
    return any(head.startswith(bom) for bom, enc in _BOMS if enc != "utf-8-sig")


def check_utf8(path: Path) -> None:
    """Raise the NOT_UTF8 UserError unless the whole file decodes as UTF-8 (read in 1 MB chunks)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        try:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise UserError(NOT_UTF8) from None


def utf8_lines(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """The file's lines with their endings (a UTF-8 BOM dropped); `progress` gets the bytes read so far."""
    done = 0
    with open(path, "rb") as f:
        for i, raw in enumerate(f):
            done += len(raw)
            line = raw.decode("utf-8")
            if i == 0:
                line = line.removeprefix("\ufeff")
            yield line
            if progress is not None and (i & 255) == 0:
                progress(done)
    if progress is not None:
        progress(done)


@contextmanager
def progress_bar(path: Path, show: bool | None = None) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar (bytes, rate, ETA) on a terminal; None (quiet) when stderr is not a TTY."""
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        yield None
        return
    bar = Progress(TextColumn("importing {task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=False)
    with bar:
        task = bar.add_task(path.name, total=path.stat().st_size)
        yield lambda done: bar.update(task, completed=done)


class Timer:
    """Seconds since it started."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def elapsed(self) -> float:
        """Seconds so far."""
        return time.perf_counter() - self.started
