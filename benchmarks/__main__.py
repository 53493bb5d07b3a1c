"""``python -m benchmarks`` (``make bench``): every benchmark, ratios measured side by side."""

from benchmarks import (
    agreement,
    draft_error,
    engine,
    explain,
    folder_limit,
    folders,
    speed,
    torch_free,
    weights,
)

weights.main()
engine.main()
draft_error.main()
agreement.main()
torch_free.main()
speed.main()
explain.main()
folders.main()
folder_limit.main()
