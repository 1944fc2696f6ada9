"""Read and write LLaVA annotation files: a JSON list or JSON lines of conversation records.

Both are streamed, so the 665K-record instruction mix (about 1 GB) never sits in memory at once.
Output goes to a temporary file that replaces the target only when everything succeeded.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .core.errors import SafeLlavaError

ROLES = ("human", "gpt")
_CHUNK = 1 << 20


class LlavaFormatError(SafeLlavaError, ValueError):
    """Bad input; the message names the file, the record (index and id) and the field."""


class OutputError(SafeLlavaError, OSError):
    """An output that cannot be written (a folder, no permission, the input itself); nothing was written."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON (write null, or a number)")


def loads(text: str) -> Any:
    """Strict JSON: NaN and Infinity are refused; nesting too deep for Python is an error, not a crash."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
    except ValueError as err:
        if isinstance(err, json.JSONDecodeError):
            raise
        raise json.JSONDecodeError(str(err), text, 0) from None


def dumps(value: Any) -> str:
    """One line of strict JSON (NaN and Infinity refused with a clear message)."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError as err:
        raise LlavaFormatError(f"cannot write strict JSON: {err}; NaN and Infinity are not JSON") from err


def check_paths(input_path: str | os.PathLike[str], **outputs: str | os.PathLike[str] | None) -> None:
    """Refuse outputs that would destroy the input or each other: ``-o IN``, ``--audit IN``, ``--audit OUT``,
    or a folder given as a file."""
    seen: dict[Path, str] = {Path(input_path).resolve(): "the input"}
    for name, path in outputs.items():
        if path is None:
            continue
        resolved = Path(path).resolve()
        if resolved in seen:
            raise OutputError(f"{path}: the {name} would overwrite {seen[resolved]}; choose another path")
        if resolved.is_dir():
            raise OutputError(f"{path}: is a folder; the {name} must be a file path")
        seen[resolved] = f"the {name}"


def detect_format(path: str | os.PathLike[str]) -> str:
    """``"json"`` for a JSON list, ``"jsonl"`` for JSON lines (by the first non-blank character)."""
    if Path(path).is_dir():
        raise LlavaFormatError(f"{path}: is a folder; give a LLaVA .json or .jsonl file")
    if not os.access(path, os.R_OK):
        raise LlavaFormatError(f"{path}: cannot be read (no such file or no permission)")
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
                yield lineno, loads(line)
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
    decoder = json.JSONDecoder(parse_constant=_reject_constant)
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
                except RecursionError:
                    raise LlavaFormatError(f"{path}: record {index} is nested too deeply to be a LLaVA record") from None
                except ValueError as err:
                    if not isinstance(err, json.JSONDecodeError):
                        raise LlavaFormatError(f"{path}: record {index}: {err}") from None
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


@contextmanager
def atomic_text_file(path: str | os.PathLike[str], newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 temporary file beside ``path`` that replaces ``path`` when the block ends without an error and is
    removed when it raises, so a failed run never leaves a half-written output. Temporaries of killed runs go first."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file path for the output")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"{path}: cannot write here ({err.strerror or err})") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as f:
            yield f
    except BaseException:
        os.unlink(tmp)
        raise
    try:
        os.replace(tmp, path)
    except OSError as err:
        os.unlink(tmp)
        raise OutputError(f"{path}: cannot replace it ({err.strerror or err})") from err


class AtomicRecordWriter:
    """Write records as a JSON list or JSONL through :func:`atomic_text_file`.

    Used as a context manager: leaving the block with an exception removes the temporary file, so a
    failed run never leaves a half-written output behind.
    """

    def __init__(self, path: str | os.PathLike[str], fmt: str):
        if fmt not in ("json", "jsonl"):
            raise ValueError(f"unknown format {fmt!r}")
        self.path = Path(path)
        self.fmt = fmt
        self.count = 0
        self._target = atomic_text_file(self.path)
        self._file: IO[str] | None = None

    def __enter__(self) -> AtomicRecordWriter:
        self._file = self._target.__enter__()
        if self.fmt == "json":
            self._file.write("[")
        return self

    def write(self, record: Any) -> None:
        self.write_json(dumps(record))

    def write_json(self, text: str) -> None:
        """Write one record already serialised as a single-line JSON string."""
        assert self._file is not None
        if self.fmt == "json":
            self._file.write(("\n" if self.count == 0 else ",\n") + text)
        else:
            self._file.write(text + "\n")
        self.count += 1

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self._file is not None
        if exc_type is None and self.fmt == "json":
            self._file.write("\n]\n")
        self._target.__exit__(exc_type, exc, tb)


def remove_stale_temporaries(path: str | os.PathLike[str]) -> list[Path]:
    """Delete temporary files of ``path`` left by a run that was killed (its process is gone); returns them."""
    path = Path(path)
    removed = []
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        parts = tmp.name[len(path.name) + 2:].split(".")
        pid = int(parts[0]) if parts and parts[0].isdigit() else None
        if pid is not None and pid != os.getpid() and not alive(pid):
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def alive(pid: int) -> bool:
    """Process ``pid`` still runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def output_format(output: str | os.PathLike[str], input_format: str) -> str:
    """The output format: by the output's extension when it has one, else the input's."""
    suffix = Path(output).suffix.lower()
    return {".jsonl": "jsonl", ".json": "json"}.get(suffix, input_format)
