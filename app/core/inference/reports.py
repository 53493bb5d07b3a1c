"""Predictions as JSON (the CLI's schema, also used by Save results) and as plain text."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from app.core.files import save_bytes, write_output
from app.core.inference.predictions import Prediction
from app.core.spreadsheet import safe_cell
from app.i18n import fill, number, translate


def prediction_json(image: str, prediction: Prediction) -> dict[str, Any]:
    timings = prediction.timings
    return {
        "image": image,
        "model": prediction.model_id,
        "device": prediction.device,
        "precision": prediction.precision,
        "engine": prediction.engine,
        "top": [
            {"rank": t.rank, "label": t.label, "index": t.index, "probability": t.probability}
            for t in prediction.top
        ],
        "timings_ms": {
            "weights": round(timings.weights, 3),
            "load": round(timings.load, 3),
            "preprocess": round(timings.preprocess, 3),
            "inference": round(timings.inference, 3),
        },
    }


def write_prediction_json(path: Path, image: str, prediction: Prediction) -> None:
    """One photo's answer as a JSON file, shaped as ``effnet classify --json`` prints it."""
    document = {"results": [prediction_json(image, prediction)]}
    save_bytes(path, json.dumps(document, indent=2).encode())


def timings_text(prediction: Prediction) -> str:
    t = prediction.timings
    template = translate(
        "Results",
        "download/verify {weights:.0f} ms · load {load:.0f} ms · "
        "preprocess {preprocess:.0f} ms · inference {inference:.0f} ms",
    )
    return fill(
        template, weights=t.weights, load=t.load, preprocess=t.preprocess, inference=t.inference
    )


def duration_text(milliseconds: float) -> str:
    """ "35 ms", "2.4 s"."""
    if milliseconds < 1000:
        return fill(translate("Results", "{ms:.0f} ms"), ms=milliseconds)
    return fill(translate("Results", "{s:.1f} s"), s=milliseconds / 1000)


def prediction_text(image: str, prediction: Prediction) -> str:
    lines = [f"{image}: {prediction.model_name} on {prediction.device} ({prediction.precision})"]
    lines += [f"{t.rank}. {t.label} — {number(t.probability, '.1%')}" for t in prediction.top]
    lines.append(timings_text(prediction))
    return "\n".join(lines)


def write_csv(path: Path, answers: Mapping[Path, Prediction], top_k: int) -> None:
    """One row per photo: path, model, then label and probability for each of the top
    ``top_k``. UTF-8 with a byte-order mark, so spreadsheets read accented names right;
    ``-`` writes to standard output."""
    header = ["path", "model"]
    for rank in range(1, top_k + 1):
        header += [f"label_{rank}", f"probability_{rank}"]

    def write(stream: BinaryIO) -> None:
        # A name that is not UTF-8 is written as the bytes it is: read back the same way
        # (errors="surrogateescape"), it names the same file.
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        writer = csv.writer(text)
        writer.writerow(header)
        for photo, prediction in answers.items():
            row = [str(photo), prediction.model_id]
            for top in prediction.top[:top_k]:
                row += [top.label, f"{top.probability:.6f}"]
            writer.writerow([safe_cell(cell) for cell in row])
        text.flush()
        text.detach()  # the stream stays open for write_replacing to sync and close

    write_output(path, write)
