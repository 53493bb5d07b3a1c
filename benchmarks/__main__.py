"""``python -m benchmarks`` (``make bench``): every benchmark, ratios measured side by side."""

from benchmarks import agreement, engine, speed, weights

weights.main()
engine.main()
agreement.main()
speed.main()
