<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify photos with the EfficientNet family on your own computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareChart</name>
    <message>
        <source>Accuracy against latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} models on {lines} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a comparison to see accuracy against speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>median latency per batch, ms (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet top-1, %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare models on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX Runtime (CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time models not yet downloaded with random weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engines:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed runs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up runs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart as &amp;PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one model, device, precision and engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running… the window stays usable; Cancel stops after the current run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Where each model looked ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a photo open, each pretrained model&apos;s heatmap for its top answer (models timed with random weights have none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The comparison failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not keep this run: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark results (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing with {file}: {hardware}, torch {torch}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save {path}: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Classifying {count} photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting ready… your photo is next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped fetching the picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the weights of {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifying with {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. What was downloaded is kept: press F5 or choose the model again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicePicker</name>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (best available)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadsDialog</name>
    <message>
        <source>Manage downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused at {mb:.1f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloaded, verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>included with the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import weights for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnginePicker</name>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (fastest available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX Runtime (CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX Runtime on the CPU once the model is exported (that happens in the background after its first answer); PyTorch on GPUs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderActions</name>
    <message>
        <source>Export a spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV spreadsheet (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort the photos into folders in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort into folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} photos go into these folders in {folder}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {count} answers to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{written} keyword files written; {count} failed, first: {first}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keywords written beside {count} photos (photo.jpg.xmp), for your photo manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing keywords…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} photos {verb} into {into}; File ▸ Undo sort puts them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({count} left where they were: {first})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorting {count} photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} photos put back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting the photos back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write{where}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderModel</name>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be classified</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderPanel</name>
    <message>
        <source>Photos and their answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A spreadsheet, keywords for your photo manager, or folders by label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include &amp;subfolders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unsure only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos whose top answer is below {share:.0%}, and those that failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total} photos, {rate:.1f} photos/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {total} · {rate:.1f} photos/s · {left:.0f} s left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeatmapStrip</name>
    <message>
        <source>Where each model looked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a photo here
or press Ctrl+O to open one, Ctrl+V to paste</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Classify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify the photo again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Where did it look?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour the places of the photo that led to the chosen answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strongly the heatmap covers the photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Opacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;image with heatmap…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo sort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Spreadsheet (CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Results (JSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keywords for photo managers (XMP beside each photo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ort into folders by label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Classify again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manage downloads…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ompare models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images ({patterns});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a folder of photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no images found there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the clipboard holds no image or image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} photos: {stored} answers from earlier runs, {classified} classified ({rate:.1f} photos/s), {failed} could not be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. The answers so far are kept; Resume goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX Runtime, optimised for this CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This photo could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick to see which parts of the photo led to an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing the heatmap…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yellow marks what counted most for “{label}”, dark purple what did not count. Click another answer to see its map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save image with heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not save {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrecisionPicker</name>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device runs FP32 only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsChart</name>
    <message>
        <source>Classification results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No results yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Choose another photo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your connection and retry, or import the weights file by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not the expected one: retry, or import a good copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try a smaller model, or the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the CPU instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the model&apos;s entry in your catalog, or use Lite0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details are in the log file (Help ▸ About).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another folder or name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import weights file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Lite0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name}: {done:.1f} of {total:.1f} MB ({rate:.1f} MB/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name}: {done:.1f} MB ({rate:.1f} MB/s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
