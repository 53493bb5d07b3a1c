"""``python -m benchmarks`` (``make bench``): every benchmark, ratios measured side by side."""

from benchmarks import agreement, draft_error, engine, speed, weights

weights.main()
engine.main()
draft_error.main()
agreement.main()
speed.main()
