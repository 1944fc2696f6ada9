"""Read and write LLaVA annotation files: a JSON list or JSON lines of conversation records.

Both are streamed, so the 665K-record instruction mix (about 1 GB) never sits in memory at once.
Output goes to a temporary file that replaces the target only when everything succeeded.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .core.errors import SafeLlavaError

ROLES = ("human", "gpt")
_CHUNK = 1 << 20


class LlavaFormatError(SafeLlavaError, ValueError):
    """Bad input; the message names the file, the record (index and id) and the field."""


def detect_format(path: str | os.PathLike[str]) -> str:
    """``"json"`` for a JSON list, ``"jsonl"`` for JSON lines (by the first non-blank character)."""
    with open(path, "rb") as f:
        while True:
            chunk = f.read(4096)
            if not chunk:
                raise LlavaFormatError(f"{path}: file is empty")
            stripped = chunk.lstrip()
            if stripped:
                return "json" if stripped[:1] == b"[" else "jsonl"


def iter_records(path: str | os.PathLike[str], skip_bad_lines: bool = False) -> Iterator[tuple[int, Any]]:
    """Yield ``(index, record)`` from a LLaVA JSON list or JSONL file, streaming.

    With ``skip_bad_lines`` (JSONL only) a line that is not JSON is yielded as a
    :class:`LlavaFormatError` instead of raising, so the caller can record it.
    """
    fmt = detect_format(path)
    if fmt == "jsonl":
        yield from _iter_jsonl(path, skip_bad_lines)
    else:
        yield from _iter_json_array(path)


def iter_json_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for each non-blank line; a line that is not JSON gives its
    :class:`json.JSONDecodeError` as the value, for the caller to report or skip."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line)
            except json.JSONDecodeError as err:
                yield lineno, err


def _iter_jsonl(path: str | os.PathLike[str], skip_bad_lines: bool) -> Iterator[tuple[int, Any]]:
    for index, (lineno, record) in enumerate(iter_json_lines(path)):
        if isinstance(record, json.JSONDecodeError):
            error = LlavaFormatError(f"{path}: line {lineno} (record {index}) is not valid JSON: {record.msg} at column {record.colno}")
            if not skip_bad_lines:
                raise error from record
            record = error
        yield index, record


def _iter_json_array(path: str | os.PathLike[str]) -> Iterator[tuple[int, Any]]:
    decoder = json.JSONDecoder()
    with open(path, encoding="utf-8") as f:
        buf = f.read(_CHUNK)
        consumed = 0  # characters before buf, for error positions
        pos = len(buf) - len(buf.lstrip())
        if buf[pos:pos + 1] != "[":
            raise LlavaFormatError(f"{path}: expected a JSON list of records ('[' at the start)")
        pos += 1
        index = 0
        expect_value = True
        while True:
            while True:
                while pos < len(buf) and buf[pos] in " \t\r\n":
                    pos += 1
                if pos < len(buf):
                    break
                more = f.read(_CHUNK)
                if not more:
                    raise LlavaFormatError(f"{path}: unexpected end of file after record {index - 1} (missing ']')")
                consumed += pos
                buf, pos = buf[pos:] + more, 0
            ch = buf[pos]
            if ch == "]" and (not expect_value or index == 0):
                return
            if ch == "," and not expect_value:
                pos += 1
                expect_value = True
                continue
            if not expect_value:
                raise LlavaFormatError(f"{path}: after record {index - 1}: expected ',' or ']' at character {consumed + pos}")
            while True:
                try:
                    record, end = decoder.raw_decode(buf, pos)
                    break
                except json.JSONDecodeError as err:
                    more = f.read(_CHUNK)
                    if not more:
                        raise LlavaFormatError(
                            f"{path}: record {index} is not valid JSON: {err.msg} at character {consumed + err.pos}") from err
                    consumed += pos
                    buf, pos = buf[pos:] + more, 0
            yield index, record
            index += 1
            pos = end
            expect_value = False
            if pos > _CHUNK:
                consumed += pos
                buf, pos = buf[pos:], 0


def validate_record(record: Any, index: int, path: str = "<input>") -> None:
    """Raise :class:`LlavaFormatError` naming the record and field when ``record`` is not LLaVA format."""
    if not isinstance(record, dict):
        raise LlavaFormatError(f"{path}: record {index}: expected an object, got {type(record).__name__}")
    rid = record.get("id", "<no id>")
    where = f"{path}: record {index} (id={rid})"
    convs = record.get("conversations")
    if convs is None:
        raise LlavaFormatError(f"{where}: missing field 'conversations'")
    if not isinstance(convs, list):
        raise LlavaFormatError(f"{where}: field 'conversations' must be a list, got {type(convs).__name__}")
    for k, turn in enumerate(convs):
        if not isinstance(turn, dict):
            raise LlavaFormatError(f"{where}: field 'conversations[{k}]' must be an object, got {type(turn).__name__}")
        role = turn.get("from")
        if role not in ROLES:
            raise LlavaFormatError(f"{where}: field 'conversations[{k}].from' must be 'human' or 'gpt', got {role!r}")
        if not isinstance(turn.get("value"), str):
            raise LlavaFormatError(f"{where}: field 'conversations[{k}].value' must be a string, got {type(turn.get('value')).__name__}")


class AtomicRecordWriter:
    """Write records as a JSON list or JSONL to a temporary file; ``commit`` renames it into place.

    Used as a context manager: leaving the block with an exception removes the temporary file, so a
    failed run never leaves a half-written output behind.
    """

    def __init__(self, path: str | os.PathLike[str], fmt: str):
        if fmt not in ("json", "jsonl"):
            raise ValueError(f"unknown format {fmt!r}")
        self.path = Path(path)
        self.fmt = fmt
        self.count = 0
        self._file: IO[str] | None = None
        self._tmp: str | None = None

    def __enter__(self) -> "AtomicRecordWriter":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self._file = os.fdopen(fd, "w", encoding="utf-8")
        if self.fmt == "json":
            self._file.write("[")
        return self

    def write(self, record: Any) -> None:
        self.write_json(json.dumps(record, ensure_ascii=False))

    def write_json(self, text: str) -> None:
        """Write one record already serialised as a single-line JSON string."""
        assert self._file is not None
        if self.fmt == "json":
            self._file.write(("\n" if self.count == 0 else ",\n") + text)
        else:
            self._file.write(text + "\n")
        self.count += 1

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self._file is not None and self._tmp is not None
        if exc_type is None:
            if self.fmt == "json":
                self._file.write("\n]\n")
            self._file.close()
            os.replace(self._tmp, self.path)
        else:
            self._file.close()
            os.unlink(self._tmp)


def output_format(output: str | os.PathLike[str], input_format: str) -> str:
    """The output format: by the output's extension when it has one, else the input's."""
    suffix = Path(output).suffix.lower()
    return {".jsonl": "jsonl", ".json": "json"}.get(suffix, input_format)
