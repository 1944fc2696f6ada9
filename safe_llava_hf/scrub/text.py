"""Neutralise plain text, one text per line (captions, alt text, prompts), with the scrub engine.

    safe-llava neutralize captions.txt -o neutral.txt                   # the default policy
    safe-llava neutralize subtitles.txt -o neutral.txt --policy pronouns  # gendered pronouns only

Lines keep their order and count; a line without a policy word comes back byte for byte, and so does
everything in a changed line outside the words that change. The output is written atomically.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..core import BiometricEngine, InputError, engine_for
from ..llava_io import atomic_text_file, check_paths


@dataclass
class NeutralizeSummary:
    lines: int = 0
    changed: int = 0
    seconds: float = 0.0

    def format(self) -> str:
        rate = f", {self.lines / self.seconds:,.0f} lines/s" if self.seconds else ""
        return f"lines: {self.lines}  changed: {self.changed}  unchanged: {self.lines - self.changed}  ({self.seconds:.2f} s{rate})"


def neutralize_file(src: str | os.PathLike[str], dst: str | os.PathLike[str], engine: BiometricEngine | None = None,
                    progress: bool = True) -> NeutralizeSummary:
    """Rewrite every line of ``src`` into ``dst`` (UTF-8; line endings kept)."""
    src, dst = Path(src), Path(dst)
    if not src.is_file():
        raise InputError(f"{src}: no such input file")
    check_paths(src, output=dst)
    try:
        with open(src, encoding="utf-8", newline="") as f:  # keep "\r\n" as it is
            text = f.read()
    except UnicodeDecodeError as err:
        raise InputError(f"{src}: not UTF-8 text (byte {err.start})") from err
    engine = engine_for(engine)
    started = time.perf_counter()
    lines = text.split("\n")
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(lines), unit=" lines", desc="neutralize", file=sys.stderr, mininterval=0.5)
    out, summary = [], NeutralizeSummary()
    for line in lines:
        body = line[:-1] if line.endswith("\r") else line
        new = engine.rewrite(body).text if body.strip() else body
        out.append(new + line[len(body):])
        summary.changed += new != body
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    summary.lines = len(lines) - (1 if text.endswith("\n") else 0)
    with atomic_text_file(dst, newline="") as f:
        f.write("\n".join(out))
    summary.seconds = time.perf_counter() - started
    return summary
