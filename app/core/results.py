"""Predictions as JSON (the CLI's schema, also used by Save results) and as plain text."""

from __future__ import annotations

from typing import Any

from app.core.classifier import Prediction


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


def timings_text(prediction: Prediction) -> str:
    t = prediction.timings
    return (
        f"download/verify {t.weights:.0f} ms · load {t.load:.0f} ms · "
        f"preprocess {t.preprocess:.0f} ms · inference {t.inference:.0f} ms"
    )


def prediction_text(image: str, prediction: Prediction) -> str:
    lines = [f"{image}: {prediction.model_name} on {prediction.device} ({prediction.precision})"]
    lines += [f"{t.rank}. {t.label} — {t.probability:.1%}" for t in prediction.top]
    lines.append(timings_text(prediction))
    return "\n".join(lines)
