<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>PyTorch, torchvision (full edition)</source>
        <translation>PyTorch, torchvision (bản đầy đủ)</translation>
    </message>
    <message>
        <source>Class meanings come from WordNet 3.0, © 2006 Princeton University, used under the WordNet licence: “Permission to use, copy, modify and distribute this software and database and its documentation for any purpose and without fee or royalty is hereby granted, provided that you agree to comply with the following copyright notice and statements, including the disclaimer …” (Princeton University, “About WordNet”, https://wordnet.princeton.edu).</source>
        <translation>Nghĩa của các lớp lấy từ WordNet 3.0, © 2006 Đại học Princeton, dùng theo giấy phép WordNet: “Permission to use, copy, modify and distribute this software and database and its documentation for any purpose and without fee or royalty is hereby granted, provided that you agree to comply with the following copyright notice and statements, including the disclaimer …” (Princeton University, “About WordNet”, https://wordnet.princeton.edu).</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Giới thiệu {app}</translation>
    </message>
    <message>
        <source>still starting…</source>
        <translation>đang khởi động…</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>không ghi rõ</translation>
    </message>
    <message>
        <source>Classify photos with the EfficientNet family on your own computer.</source>
        <translation>Nhận dạng ảnh bằng họ mô hình EfficientNet ngay trên máy tính của bạn.</translation>
    </message>
    <message>
        <source>Free software under the {licence} licence.</source>
        <translation>Phần mềm tự do theo giấy phép {licence}.</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Model weights and their licences</source>
        <translation>Trọng số mô hình và giấy phép của chúng</translation>
    </message>
    <message>
        <source>Third-party software</source>
        <translation>Phần mềm bên thứ ba</translation>
    </message>
    <message>
        <source>Class meanings</source>
        <translation>Nghĩa của các lớp</translation>
    </message>
    <message>
        <source>Homepage</source>
        <translation>Trang chủ</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Báo lỗi</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>{version}, full edition</source>
        <translation>{version}, bản đầy đủ</translation>
    </message>
    <message>
        <source>{version}, standard edition</source>
        <translation>{version}, bản tiêu chuẩn</translation>
    </message>
</context>
<context>
    <name>AnswerFiles</name>
    <message>
        <source>Save results</source>
        <translation>Lưu kết quả</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Save image with heatmap</source>
        <translation>Lưu ảnh kèm bản đồ nhiệt</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
</context>
<context>
    <name>AnswerPanel</name>
    <message>
        <source>Answer</source>
        <translation>Câu trả lời</translation>
    </message>
    <message>
        <source>&amp;Where did it look?</source>
        <translation>Mô hình nhìn &amp;vào đâu?</translation>
    </message>
    <message>
        <source>Colour the places of the photo that led to the chosen answer</source>
        <translation>Tô màu những chỗ trong ảnh dẫn tới câu trả lời đang chọn</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>Độ đậm của bản đồ nhiệt</translation>
    </message>
    <message>
        <source>How strongly the heatmap covers the photo</source>
        <translation>Bản đồ nhiệt phủ lên ảnh đậm đến mức nào</translation>
    </message>
    <message>
        <source>&amp;Opacity:</source>
        <translation>Độ đậ&amp;m:</translation>
    </message>
    <message>
        <source>{model} answered this in an earlier run.</source>
        <translation>{model} đã trả lời ảnh này trong một lần chạy trước.</translation>
    </message>
    <message>
        <source>{model} answered in {time}.</source>
        <translation>{model} trả lời trong {time}.</translation>
    </message>
    <message>
        <source>stored from an earlier run</source>
        <translation>lưu từ một lần chạy trước</translation>
    </message>
    <message>
        <source>ONNX Runtime, optimised for this CPU</source>
        <translation>ONNX Runtime, tối ưu cho CPU này</translation>
    </message>
    <message>
        <source>OpenVINO, compiled for this CPU</source>
        <translation>OpenVINO, biên dịch cho CPU này</translation>
    </message>
    <message>
        <source>Tick to see which parts of the photo led to an answer.</source>
        <translation>Đánh dấu để xem phần nào của ảnh dẫn tới câu trả lời.</translation>
    </message>
</context>
<context>
    <name>Answers</name>
    <message>
        <source>Probably {thing}</source>
        <translation>Có lẽ là {thing}</translation>
    </message>
    <message>
        <source>Not sure — maybe {things}</source>
        <translation>Chưa chắc — có thể là {things}</translation>
    </message>
    <message>
        <source>an {label}</source>
        <translation>{label}</translation>
    </message>
    <message>
        <source>a {label}</source>
        <translation>{label}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>{these} or {that}</source>
        <translation>{these} hoặc {that}</translation>
    </message>
</context>
<context>
    <name>ClassesDialog</name>
    <message>
        <source>Dogs</source>
        <translation>Chó</translation>
    </message>
    <message>
        <source>Cats and other felines</source>
        <translation>Mèo và các loài họ mèo</translation>
    </message>
    <message>
        <source>Other mammals</source>
        <translation>Thú có vú khác</translation>
    </message>
    <message>
        <source>Birds</source>
        <translation>Chim</translation>
    </message>
    <message>
        <source>Reptiles and amphibians</source>
        <translation>Bò sát và lưỡng cư</translation>
    </message>
    <message>
        <source>Fish</source>
        <translation>Cá</translation>
    </message>
    <message>
        <source>Insects, spiders and other small animals</source>
        <translation>Côn trùng, nhện và động vật nhỏ khác</translation>
    </message>
    <message>
        <source>Food and drink</source>
        <translation>Đồ ăn và thức uống</translation>
    </message>
    <message>
        <source>Plants and fungi</source>
        <translation>Cây cối và nấm</translation>
    </message>
    <message>
        <source>Vehicles and boats</source>
        <translation>Xe cộ và tàu thuyền</translation>
    </message>
    <message>
        <source>Musical instruments</source>
        <translation>Nhạc cụ</translation>
    </message>
    <message>
        <source>Clothing and accessories</source>
        <translation>Quần áo và phụ kiện</translation>
    </message>
    <message>
        <source>Furniture</source>
        <translation>Đồ nội thất</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Đồ đựng</translation>
    </message>
    <message>
        <source>Landscapes and natural places</source>
        <translation>Phong cảnh và thiên nhiên</translation>
    </message>
    <message>
        <source>Buildings and structures</source>
        <translation>Nhà cửa và công trình</translation>
    </message>
    <message>
        <source>Tools, devices and equipment</source>
        <translation>Dụng cụ, thiết bị và máy móc</translation>
    </message>
    <message>
        <source>Other things</source>
        <translation>Những thứ khác</translation>
    </message>
    <message>
        <source>What can it recognise?</source>
        <translation>Nhận ra được những gì?</translation>
    </message>
    <message>
        <source>The built-in models tell these {count} kinds of things apart (the ImageNet classes). Anything else gets the nearest of them, usually with a low score.</source>
        <translation>Các mô hình có sẵn phân biệt được {count} loại vật sau (các lớp của ImageNet). Vật khác sẽ được gán cho loại gần nhất, thường với điểm thấp.</translation>
    </message>
    <message>
        <source>Search, e.g. cat, boat, fruit</source>
        <translation>Tìm, ví dụ cat, boat, fruit</translation>
    </message>
    <message>
        <source>Search the classes</source>
        <translation>Tìm trong các lớp</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>Nó là gì</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Các lớp</translation>
    </message>
    <message>
        <source>{shown} of {total} classes</source>
        <translation>{shown} trên {total} lớp</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Classify photos with EfficientNet (B0–B7, V2, Lite) on your CPU or GPU.</source>
        <translation>Nhận dạng ảnh bằng EfficientNet (B0–B7, V2, Lite) trên CPU hoặc GPU của bạn.</translation>
    </message>
    <message>
        <source>show the version and edition, then stop</source>
        <translation>hiện phiên bản và ấn bản rồi dừng</translation>
    </message>
    <message>
        <source>a user catalog (JSON) to add models</source>
        <translation>một danh mục riêng (JSON) để thêm mô hình</translation>
    </message>
    <message>
        <source>show tracebacks and debug logs</source>
        <translation>hiện chi tiết lỗi và nhật ký gỡ lỗi</translation>
    </message>
    <message>
        <source>time models on your CPU and GPUs</source>
        <translation>đo tốc độ các mô hình trên CPU và GPU của bạn</translation>
    </message>
    <message>
        <source>ids, comma-separated, or &apos;all&apos; (default: lite0,b0)</source>
        <translation>các mã, cách nhau bằng dấu phẩy, hoặc &apos;all&apos; (mặc định: lite0,b0)</translation>
    </message>
    <message>
        <source>e.g. cpu,cuda:0</source>
        <translation>ví dụ cpu,cuda:0</translation>
    </message>
    <message>
        <source>fp32,fp16,bf16</source>
        <translation>fp32,fp16,bf16</translation>
    </message>
    <message>
        <source>batch sizes, e.g. 1,8</source>
        <translation>các cỡ lô, ví dụ 1,8</translation>
    </message>
    <message>
        <source>torch, onnx (ONNX Runtime on the CPU), openvino (OpenVINO on the CPU), auto (the faster CPU engine here), or several: onnx,openvino</source>
        <translation>torch, onnx (ONNX Runtime trên CPU), openvino (OpenVINO trên CPU), auto (bộ máy CPU nhanh hơn ở đây), hoặc nhiều cái: onnx,openvino</translation>
    </message>
    <message>
        <source>a photo to check new ONNX exports on (ONNX Runtime with pretrained weights)</source>
        <translation>một ảnh để kiểm tra các bản xuất ONNX mới (ONNX Runtime với trọng số đã huấn luyện)</translation>
    </message>
    <message>
        <source>practice runs before timing (default %(default)s)</source>
        <translation>số lần chạy thử trước khi đo (mặc định %(default)s)</translation>
    </message>
    <message>
        <source>timed runs of each model (default %(default)s)</source>
        <translation>số lần đo mỗi mô hình (mặc định %(default)s)</translation>
    </message>
    <message>
        <source>CPU threads (default: torch&apos;s)</source>
        <translation>số luồng CPU (mặc định: của torch)</translation>
    </message>
    <message>
        <source>time models without downloaded weights using random weights</source>
        <translation>đo các mô hình chưa có trọng số tải về bằng trọng số ngẫu nhiên</translation>
    </message>
    <message>
        <source>keep this run with the window&apos;s Compare runs, to compare later runs with</source>
        <translation>giữ lần chạy này cùng các lần chạy So sánh của cửa sổ, để so với các lần sau</translation>
    </message>
    <message>
        <source>list the kept runs (newest first) and stop</source>
        <translation>liệt kê các lần chạy đã giữ (mới nhất trước) rồi dừng</translation>
    </message>
    <message>
        <source>print JSON</source>
        <translation>in ra JSON</translation>
    </message>
    <message>
        <source>also write the results as CSV (- for standard output)</source>
        <translation>ghi thêm kết quả dạng CSV (- cho đầu ra chuẩn)</translation>
    </message>
    <message>
        <source>auto is {engine} on this computer&apos;s CPU</source>
        <translation>auto là {engine} trên CPU của máy này</translation>
    </message>
    <message>
        <source>model</source>
        <translation>mô hình</translation>
    </message>
    <message>
        <source>device</source>
        <translation>thiết bị</translation>
    </message>
    <message>
        <source>engine</source>
        <translation>bộ máy chạy</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>độ chính xác số</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>lô</translation>
    </message>
    <message>
        <source>params</source>
        <translation>tham số</translation>
    </message>
    <message>
        <source>GFLOPs</source>
        <translation>GFLOPs</translation>
    </message>
    <message>
        <source>top-1</source>
        <translation>top-1</translation>
    </message>
    <message>
        <source>median ms</source>
        <translation>trung vị ms</translation>
    </message>
    <message>
        <source>p90 ms</source>
        <translation>p90 ms</translation>
    </message>
    <message>
        <source>photos/s</source>
        <translation>ảnh/giây</translation>
    </message>
    <message>
        <source>peak memory</source>
        <translation>bộ nhớ tối đa</translation>
    </message>
    <message>
        <source>load ms</source>
        <translation>nạp ms</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>trọng số</translation>
    </message>
    <message>
        <source>print the top labels of photos</source>
        <translation>in ra các nhãn hàng đầu của ảnh</translation>
    </message>
    <message>
        <source>how many labels to print (default %(default)s)</source>
        <translation>in ra bao nhiêu nhãn (mặc định %(default)s)</translation>
    </message>
    <message>
        <source>print one JSON document</source>
        <translation>in ra một tài liệu JSON</translation>
    </message>
    <message>
        <source>write a spreadsheet: one row per photo (UTF-8, for Excel and LibreOffice; - for standard output)</source>
        <translation>ghi một bảng tính: mỗi ảnh một dòng (UTF-8, cho Excel và LibreOffice; - cho đầu ra chuẩn)</translation>
    </message>
    <message>
        <source>write the labels as keywords photo managers read: photo.jpg.xmp beside each photo, or inside JPEG and PNG files</source>
        <translation>ghi các nhãn thành từ khóa mà trình quản lý ảnh đọc được: photo.jpg.xmp cạnh mỗi ảnh, hoặc bên trong tệp JPEG và PNG</translation>
    </message>
    <message>
        <source>keywords only for labels at least this probable (default %(default)s)</source>
        <translation>chỉ ghi từ khóa cho các nhãn có xác suất ít nhất bằng chừng này (mặc định %(default)s)</translation>
    </message>
    <message>
        <source>before each keyword, e.g. effnet/</source>
        <translation>thêm vào trước mỗi từ khóa, ví dụ effnet/</translation>
    </message>
    <message>
        <source>list the devices that can run models</source>
        <translation>liệt kê các thiết bị chạy được mô hình</translation>
    </message>
    <message>
        <source>label</source>
        <translation>nhãn</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>xác suất</translation>
    </message>
    <message>
        <source>{model} on {where}, answered in an earlier run</source>
        <translation>{model} trên {where}, đã trả lời trong một lần chạy trước</translation>
    </message>
    <message>
        <source>{model}, answered in an earlier run</source>
        <translation>{model}, đã trả lời trong một lần chạy trước</translation>
    </message>
    <message>
        <source>{model} on {where}, {engine}</source>
        <translation>{model} trên {where}, {engine}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>name</source>
        <translation>tên</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>dùng được</translation>
    </message>
    <message>
        <source>precisions / why not</source>
        <translation>độ chính xác số / lý do không</translation>
    </message>
    <message>
        <source>automatic: {device}</source>
        <translation>tự động: {device}</translation>
    </message>
    <message>
        <source>add the app to the desktop&apos;s menus (for pip and pipx installations)</source>
        <translation>thêm ứng dụng vào trình đơn của màn hình nền (cho bản cài bằng pip và pipx)</translation>
    </message>
    <message>
        <source>remove it again</source>
        <translation>gỡ nó ra</translation>
    </message>
    <message>
        <source>show where the model looked, as a heatmap over the photo</source>
        <translation>cho thấy mô hình đã nhìn vào đâu, bằng bản đồ nhiệt phủ lên ảnh</translation>
    </message>
    <message>
        <source>a photo</source>
        <translation>một ảnh</translation>
    </message>
    <message>
        <source>the class to explain (default: the top one)</source>
        <translation>lớp cần giải thích (mặc định: lớp hàng đầu)</translation>
    </message>
    <message>
        <source>the class to explain, by index</source>
        <translation>lớp cần giải thích, theo số thứ tự</translation>
    </message>
    <message>
        <source>write the photo with the heatmap (- for standard output)</source>
        <translation>ghi ảnh kèm bản đồ nhiệt (- cho đầu ra chuẩn)</translation>
    </message>
    <message>
        <source>print the heatmap as JSON: values in [0, 1] on a grid over the whole photo</source>
        <translation>in bản đồ nhiệt dạng JSON: các giá trị trong [0, 1] trên lưới phủ cả ảnh</translation>
    </message>
    <message>
        <source>heatmap: {file}</source>
        <translation>bản đồ nhiệt: {file}</translation>
    </message>
    <message>
        <source>it looked most at the upper left of the photo</source>
        <translation>mô hình nhìn nhiều nhất vào phía trên bên trái của ảnh</translation>
    </message>
    <message>
        <source>it looked most at the upper middle of the photo</source>
        <translation>mô hình nhìn nhiều nhất vào phía trên ở giữa của ảnh</translation>
    </message>
    <message>
        <source>it looked most at the upper right of the photo</source>
        <translation>mô hình nhìn nhiều nhất vào phía trên bên phải của ảnh</translation>
    </message>
    <message>
        <source>it looked most at the left of the photo</source>
        <translation>mô hình nhìn nhiều nhất vào bên trái của ảnh</translation>
    </message>
    <message>
        <source>it looked most at the centre of the photo</source>
        <translation>mô hình nhìn nhiều nhất vào giữa ảnh</translation>
    </message>
    <message>
        <source>it looked most at the right of the photo</source>
        <translation>mô hình nhìn nhiều nhất vào bên phải của ảnh</translation>
    </message>
    <message>
        <source>it looked most at the lower left of the photo</source>
        <translation>mô hình nhìn nhiều nhất vào phía dưới bên trái của ảnh</translation>
    </message>
    <message>
        <source>it looked most at the lower middle of the photo</source>
        <translation>mô hình nhìn nhiều nhất vào phía dưới ở giữa của ảnh</translation>
    </message>
    <message>
        <source>it looked most at the lower right of the photo</source>
        <translation>mô hình nhìn nhiều nhất vào phía dưới bên phải của ảnh</translation>
    </message>
    <message>
        <source>it looked at nothing in particular</source>
        <translation>mô hình không nhìn vào chỗ nào đặc biệt</translation>
    </message>
    <message>
        <source>list the models in the catalog</source>
        <translation>liệt kê các mô hình trong danh mục</translation>
    </message>
    <message>
        <source>keep a label set (.effnet) so --model finds it by its name from anywhere</source>
        <translation>giữ một bộ nhãn (.effnet) để --model tìm được nó theo tên từ bất cứ đâu</translation>
    </message>
    <message>
        <source>remove a label set kept by &apos;models add&apos;</source>
        <translation>gỡ một bộ nhãn đã giữ bằng &apos;models add&apos;</translation>
    </message>
    <message>
        <source>manage downloaded weights</source>
        <translation>quản lý trọng số đã tải về</translation>
    </message>
    <message>
        <source>each model&apos;s weights file and its state</source>
        <translation>tệp trọng số của mỗi mô hình và trạng thái của nó</translation>
    </message>
    <message>
        <source>download (and verify) weights now</source>
        <translation>tải về (và kiểm tra) trọng số ngay</translation>
    </message>
    <message>
        <source>add a weights file you downloaded yourself</source>
        <translation>thêm một tệp trọng số bạn tự tải về</translation>
    </message>
    <message>
        <source>delete downloaded weights</source>
        <translation>xóa trọng số đã tải về</translation>
    </message>
    <message>
        <source>print the cache folder</source>
        <translation>in ra thư mục lưu</translation>
    </message>
    <message>
        <source>id</source>
        <translation>mã</translation>
    </message>
    <message>
        <source>input</source>
        <translation>đầu vào</translation>
    </message>
    <message>
        <source>state</source>
        <translation>trạng thái</translation>
    </message>
    <message>
        <source>file</source>
        <translation>tệp</translation>
    </message>
    <message>
        <source>size</source>
        <translation>dung lượng</translation>
    </message>
    <message>
        <source>onnx</source>
        <translation>onnx</translation>
    </message>
    <message>
        <source>model id (see &apos;effnet models&apos;)</source>
        <translation>mã mô hình (xem &apos;effnet models&apos;)</translation>
    </message>
    <message>
        <source>auto, cpu, cuda, cuda:N, mps, dml, coreml</source>
        <translation>auto, cpu, cuda, cuda:N, mps, dml, coreml</translation>
    </message>
    <message>
        <source>how exactly numbers are computed: fp16 and bf16 on GPUs only</source>
        <translation>độ chính xác khi tính toán: fp16 và bf16 chỉ có trên GPU</translation>
    </message>
    <message>
        <source>auto: on the CPU the faster of ONNX Runtime and OpenVINO here (measured once), PyTorch on GPUs</source>
        <translation>auto: trên CPU, cái nhanh hơn giữa ONNX Runtime và OpenVINO ở máy này (đo một lần), PyTorch trên GPU</translation>
    </message>
    <message>
        <source>CPU threads (default: physical cores)</source>
        <translation>số luồng CPU (mặc định: số lõi vật lý)</translation>
    </message>
    <message>
        <source>files or folders</source>
        <translation>tệp hoặc thư mục</translation>
    </message>
    <message>
        <source>include subfolders</source>
        <translation>gồm cả thư mục con</translation>
    </message>
    <message>
        <source>classify every photo again, without reading or keeping stored answers</source>
        <translation>nhận dạng lại mọi ảnh, không đọc và không giữ câu trả lời đã lưu</translation>
    </message>
    <message>
        <source>{photos} photos: {stored} answers stored from earlier runs, {classified} classified, {failed} failed</source>
        <translation>{photos} ảnh: {stored} câu trả lời lưu từ các lần chạy trước, {classified} ảnh vừa nhận dạng, {failed} ảnh lỗi</translation>
    </message>
    <message>
        <source>({rate:.1f} photos a second)</source>
        <translation>({rate:.1f} ảnh mỗi giây)</translation>
    </message>
    <message>
        <source>downloading {model}</source>
        <translation>đang tải {model}</translation>
    </message>
    <message>
        <source>copy or move photos into folders named by what they show</source>
        <translation>chép hoặc chuyển ảnh vào các thư mục đặt tên theo nội dung ảnh</translation>
    </message>
    <message>
        <source>where the label folders go</source>
        <translation>nơi đặt các thư mục nhãn</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(mặc định)</translation>
    </message>
    <message>
        <source>move the photos instead of copying them</source>
        <translation>chuyển ảnh đi thay vì chép</translation>
    </message>
    <message>
        <source>print the counts, move nothing</source>
        <translation>in ra số lượng, không chuyển gì cả</translation>
    </message>
    <message>
        <source>photos whose top label is less probable go to the folder &apos;unsure&apos; (default %(default)s)</source>
        <translation>ảnh có nhãn hàng đầu kém chắc chắn hơn mức này vào thư mục &apos;chưa chắc&apos; (mặc định %(default)s)</translation>
    </message>
    <message>
        <source>put back what an earlier sort did</source>
        <translation>hoàn lại những gì một lần sắp xếp trước đã làm</translation>
    </message>
    <message>
        <source>teach your own labels from a folder with one sub-folder of photos per label</source>
        <translation>dạy nhãn riêng của bạn từ một thư mục có mỗi nhãn một thư mục con chứa ảnh</translation>
    </message>
    <message>
        <source>one sub-folder per label</source>
        <translation>mỗi nhãn một thư mục con</translation>
    </message>
    <message>
        <source>the label set file to write</source>
        <translation>tệp bộ nhãn cần ghi</translation>
    </message>
    <message>
        <source>also learn from each photo mirrored and seen closer (helps small piles)</source>
        <translation>học thêm từ mỗi ảnh lật ngang và nhìn gần hơn (giúp khi có ít ảnh)</translation>
    </message>
    <message>
        <source>check a label set on a folder with one sub-folder of photos per label</source>
        <translation>kiểm tra một bộ nhãn trên thư mục có mỗi nhãn một thư mục con chứa ảnh</translation>
    </message>
    <message>
        <source>also write each photo&apos;s label and answer as CSV (- for standard output)</source>
        <translation>ghi thêm nhãn và câu trả lời của mỗi ảnh dạng CSV (- cho đầu ra chuẩn)</translation>
    </message>
    <message>
        <source>write a label set as one ONNX model, to use in other programs</source>
        <translation>ghi một bộ nhãn thành một mô hình ONNX để dùng trong chương trình khác</translation>
    </message>
</context>
<context>
    <name>CompareChart</name>
    <message>
        <source>Accuracy against latency</source>
        <translation>Độ chính xác theo thời gian chạy</translation>
    </message>
    <message>
        <source>{points} models on {lines} lines</source>
        <translation>{points} mô hình trên {lines} đường</translation>
    </message>
    <message>
        <source>Run a comparison to see accuracy against speed</source>
        <translation>Chạy so sánh để xem độ chính xác theo tốc độ</translation>
    </message>
    <message>
        <source>hollow: random weights, published accuracy</source>
        <translation>rỗng: trọng số ngẫu nhiên, độ chính xác đã công bố</translation>
    </message>
    <message>
        <source>typical time per batch of photos, ms</source>
        <translation>thời gian thường gặp mỗi lô ảnh, ms</translation>
    </message>
    <message>
        <source>accuracy, %</source>
        <translation>độ chính xác, %</translation>
    </message>
    <message>
        <source>typical {median:.1f} ms, slowest 1 in 10: {p90:.1f} ms</source>
        <translation>thường {median:.1f} ms, chậm nhất 1 trong 10: {p90:.1f} ms</translation>
    </message>
    <message>
        <source>{rate:.1f} photos a second, accuracy {top1:.1f} %</source>
        <translation>{rate:.1f} ảnh mỗi giây, độ chính xác {top1:.1f} %</translation>
    </message>
    <message>
        <source>timed with random weights; the accuracy is the published one</source>
        <translation>đo với trọng số ngẫu nhiên; độ chính xác là số đã công bố</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Bộ máy chạy</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Câu trả lời</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Trọng số</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Độ chính xác số</translation>
    </message>
    <message>
        <source>Compare models on this computer</source>
        <translation>So sánh các mô hình trên máy này</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <source>ONNX Runtime (CPU)</source>
        <translation>ONNX Runtime (CPU)</translation>
    </message>
    <message>
        <source>Needs the full edition ({package}), which has PyTorch</source>
        <translation>Cần bản đầy đủ ({package}), có kèm PyTorch</translation>
    </message>
    <message>
        <source>Time models not yet downloaded with random weights</source>
        <translation>Đo các mô hình chưa tải về bằng trọng số ngẫu nhiên</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Bắt đầu</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <source>Benchmark results</source>
        <translation>Kết quả đo</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>So với</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Độ chính xác số:</translation>
    </message>
    <message>
        <source>Engines:</source>
        <translation>Bộ máy chạy:</translation>
    </message>
    <message>
        <source>Timed runs:</source>
        <translation>Số lần đo:</translation>
    </message>
    <message>
        <source>Typical time (ms)</source>
        <translation>Thời gian thường (ms)</translation>
    </message>
    <message>
        <source>Median time per batch of photos, in milliseconds</source>
        <translation>Trung vị thời gian cho mỗi lô ảnh, tính bằng mili giây</translation>
    </message>
    <message>
        <source>Photos a second</source>
        <translation>Ảnh mỗi giây</translation>
    </message>
    <message>
        <source>Accuracy %</source>
        <translation>Độ chính xác %</translation>
    </message>
    <message>
        <source>ImageNet top-1 accuracy, as published</source>
        <translation>Độ chính xác top-1 trên ImageNet, theo số đã công bố</translation>
    </message>
    <message>
        <source>Slowest 1 in 10 (ms)</source>
        <translation>Chậm nhất 1 trong 10 (ms)</translation>
    </message>
    <message>
        <source>90th percentile (p90) of the times, in milliseconds</source>
        <translation>Phân vị thứ 90 (p90) của các lần đo, tính bằng mili giây</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Bộ nhớ (MB)</translation>
    </message>
    <message>
        <source>Peak memory while it ran</source>
        <translation>Bộ nhớ dùng nhiều nhất khi chạy</translation>
    </message>
    <message>
        <source>Start-up (ms)</source>
        <translation>Khởi động (ms)</translation>
    </message>
    <message>
        <source>Time to load the model before its first photo</source>
        <translation>Thời gian nạp mô hình trước ảnh đầu tiên</translation>
    </message>
    <message>
        <source>Photos at a time</source>
        <translation>Số ảnh mỗi lượt</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Cỡ lô (batch size)</translation>
    </message>
    <message>
        <source>OpenVINO (CPU)</source>
        <translation>OpenVINO (CPU)</translation>
    </message>
    <message>
        <source>Devices:</source>
        <translation>Thiết bị:</translation>
    </message>
    <message>
        <source>Photos at a time:</source>
        <translation>Số ảnh mỗi lượt:</translation>
    </message>
    <message>
        <source>Practice runs (not timed):</source>
        <translation>Chạy thử (không tính giờ):</translation>
    </message>
    <message>
        <source>Batch size: photos the model takes in one go</source>
        <translation>Cỡ lô (batch size): số ảnh mô hình xử lý trong một lượt</translation>
    </message>
    <message>
        <source>How many times each model is timed</source>
        <translation>Mỗi mô hình được đo bao nhiêu lần</translation>
    </message>
    <message>
        <source>Warm-up runs: the first runs are slower while the model settles in</source>
        <translation>Lượt khởi động (warm-up): những lần đầu chậm hơn trong khi mô hình ổn định</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>&amp;Bảng</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Xuất &amp;CSV…</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>Xuất &amp;JSON…</translation>
    </message>
    <message>
        <source>Save chart as &amp;PNG…</source>
        <translation>Lưu biểu đồ thành &amp;PNG…</translation>
    </message>
    <message>
        <source>&amp;Open results…</source>
        <translation>&amp;Mở kết quả…</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>So với:</translation>
    </message>
    <message>
        <source>Choose at least one model, device, precision and engine.</source>
        <translation>Hãy chọn ít nhất một mô hình, thiết bị, độ chính xác số và bộ máy chạy.</translation>
    </message>
    <message>
        <source>Running… the window stays usable; Cancel stops after the current run.</source>
        <translation>Đang chạy… cửa sổ vẫn dùng được; Hủy sẽ dừng sau lần chạy hiện tại.</translation>
    </message>
    <message>
        <source>&amp;Where each model looked ({count})</source>
        <translation>&amp;Nơi mỗi mô hình nhìn vào ({count})</translation>
    </message>
    <message>
        <source>With a photo open, each pretrained model&apos;s heatmap for its top answer (models timed with random weights have none)</source>
        <translation>Khi có ảnh đang mở: bản đồ nhiệt của mỗi mô hình đã huấn luyện cho câu trả lời hàng đầu (mô hình đo bằng trọng số ngẫu nhiên thì không có)</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Đã dừng.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Xong.</translation>
    </message>
    <message>
        <source>⚠ The timings of {models} varied a lot between runs: the computer was busy. Close other programs and run again for figures you can compare.</source>
        <translation>⚠ Thời gian của {models} dao động nhiều giữa các lần chạy: máy đang bận. Hãy đóng các chương trình khác rồi chạy lại để có số liệu so sánh được.</translation>
    </message>
    <message>
        <source>The comparison failed: {message}</source>
        <translation>So sánh thất bại: {message}</translation>
    </message>
    <message>
        <source>pretrained</source>
        <translation>đã huấn luyện</translation>
    </message>
    <message>
        <source>random</source>
        <translation>ngẫu nhiên</translation>
    </message>
    <message>
        <source>Runs varied a lot: the computer was busy</source>
        <translation>Các lần chạy dao động nhiều: máy đang bận</translation>
    </message>
    <message>
        <source>Timed with random weights: the accuracy is the published one</source>
        <translation>Đo bằng trọng số ngẫu nhiên: độ chính xác là số đã công bố</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <source>Open results</source>
        <translation>Mở kết quả</translation>
    </message>
    <message>
        <source>Benchmark results (*.json)</source>
        <translation>Kết quả đo (*.json)</translation>
    </message>
    <message>
        <source>Dashed: the run {name}, on {hardware}.</source>
        <translation>Nét đứt: lần chạy {name}, trên {hardware}.</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Xuất kết quả</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Lưu biểu đồ</translation>
    </message>
</context>
<context>
    <name>ConfidenceChart</name>
    <message>
        <source>Classification results</source>
        <translation>Kết quả nhận dạng</translation>
    </message>
    <message>
        <source>No results yet</source>
        <translation>Chưa có kết quả</translation>
    </message>
</context>
<context>
    <name>ConfusionTable</name>
    <message>
        <source>Photos of each label, and what they were taken for</source>
        <translation>Ảnh của từng nhãn, và chúng bị nhận là gì</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Classifying {count} photos…</source>
        <translation>Đang nhận dạng {count} ảnh…</translation>
    </message>
    <message>
        <source>Fetching {name}…</source>
        <translation>Đang lấy {name}…</translation>
    </message>
    <message>
        <source>Getting ready… your photo is next</source>
        <translation>Đang chuẩn bị… sắp đến ảnh của bạn</translation>
    </message>
    <message>
        <source>Open a photo first: drop one on the window, paste one (Ctrl+V) or choose File ▸ Open (Ctrl+O).</source>
        <translation>Hãy mở một ảnh trước: thả ảnh vào cửa sổ, dán ảnh (Ctrl+V) hoặc chọn Tệp ▸ Mở (Ctrl+O).</translation>
    </message>
    <message>
        <source>Stopped fetching the picture.</source>
        <translation>Đã ngừng lấy ảnh.</translation>
    </message>
    <message>
        <source>Checking and installing {file}…</source>
        <translation>Đang kiểm tra và cài {file}…</translation>
    </message>
    <message>
        <source>Checking the weights of {name}…</source>
        <translation>Đang kiểm tra trọng số của {name}…</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>Đang nạp {name}…</translation>
    </message>
    <message>
        <source>Preparing the photo…</source>
        <translation>Đang chuẩn bị ảnh…</translation>
    </message>
    <message>
        <source>Classifying with {name}…</source>
        <translation>Đang nhận dạng bằng {name}…</translation>
    </message>
    <message>
        <source>Stopped. What was downloaded is kept: press F5 or choose the model again to resume.</source>
        <translation>Đã dừng. Phần đã tải được giữ lại: nhấn F5 hoặc chọn lại mô hình để tải tiếp.</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>Removed {count} files from {folder}</source>
        <translation>Đã xoá {count} tệp khỏi {folder}</translation>
    </message>
    <message>
        <source>{app} is in the desktop&apos;s menus ({entry})</source>
        <translation>{app} đã có trong trình đơn của màn hình nền ({entry})</translation>
    </message>
</context>
<context>
    <name>DevicePicker</name>
    <message>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Automatic (best available)</source>
        <translation>Tự động (tốt nhất hiện có)</translation>
    </message>
    <message>
        <source>{count} threads</source>
        <translation>{count} luồng</translation>
    </message>
    <message>
        <source>{gb:.0f} GB</source>
        <translation>{gb:.0f} GB</translation>
    </message>
</context>
<context>
    <name>DownloadsDialog</name>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Fast CPU copy</source>
        <translation>Bản chạy nhanh trên CPU</translation>
    </message>
    <message>
        <source>ONNX Runtime&apos;s and OpenVINO&apos;s copies of the model, made for this computer&apos;s processor the first time the model runs on the CPU.</source>
        <translation>Bản sao của mô hình cho ONNX Runtime và OpenVINO, làm riêng cho bộ xử lý của máy này vào lần đầu mô hình chạy trên CPU.</translation>
    </message>
    <message>
        <source>Manage downloads</source>
        <translation>Quản lý tải về</translation>
    </message>
    <message>
        <source>Model weights</source>
        <translation>Trọng số mô hình</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Tải về</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation>&amp;Nhập tệp…</translation>
    </message>
    <message>
        <source>Copy &amp;address</source>
        <translation>Chép đị&amp;a chỉ</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Mở thư mục</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>Đổ&amp;i…</translation>
    </message>
    <message>
        <source>Cache folder:</source>
        <translation>Thư mục lưu:</translation>
    </message>
    <message>
        <source>{mb:.0f} MB used on disk</source>
        <translation>Đang dùng {mb:.0f} MB trên đĩa</translation>
    </message>
    <message>
        <source>The file: {file}&lt;br&gt;Its address: {url}</source>
        <translation>Tệp: {file}&lt;br&gt;Địa chỉ: {url}</translation>
    </message>
    <message>
        <source>working…</source>
        <translation>đang xử lý…</translation>
    </message>
    <message>
        <source>failed (see below)</source>
        <translation>thất bại (xem bên dưới)</translation>
    </message>
    <message>
        <source>not downloaded</source>
        <translation>chưa tải về</translation>
    </message>
    <message>
        <source>paused at {mb:.1f} MB</source>
        <translation>tạm dừng ở {mb:.1f} MB</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>đã tải về</translation>
    </message>
    <message>
        <source>downloaded, verified</source>
        <translation>đã tải về, đã kiểm tra</translation>
    </message>
    <message>
        <source>not verified (imported or mirrored)</source>
        <translation>chưa được xác minh (nhập vào hoặc tải từ máy nhân bản)</translation>
    </message>
    <message>
        <source>included with the app</source>
        <translation>có sẵn trong ứng dụng</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>&amp;Hủy tải</translation>
    </message>
    <message>
        <source>Import weights for {name}</source>
        <translation>Nhập trọng số cho {name}</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt);;All files (*)</source>
        <translation>Trọng số PyTorch (*.pth *.pt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Cache folder</source>
        <translation>Thư mục lưu</translation>
    </message>
    <message>
        <source>No file manager could open the folder. It is here:</source>
        <translation>Không trình quản lý tệp nào mở được thư mục. Nó nằm ở đây:</translation>
    </message>
    <message>
        <source>&amp;Copy path</source>
        <translation>&amp;Chép đường dẫn</translation>
    </message>
</context>
<context>
    <name>EnginePicker</name>
    <message>
        <source>Engine</source>
        <translation>Bộ máy chạy</translation>
    </message>
    <message>
        <source>Automatic (fastest available)</source>
        <translation>Tự động (nhanh nhất hiện có)</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <source>ONNX Runtime (CPU)</source>
        <translation>ONNX Runtime (CPU)</translation>
    </message>
    <message>
        <source>OpenVINO (CPU)</source>
        <translation>OpenVINO (CPU)</translation>
    </message>
    <message>
        <source>On the CPU, ONNX Runtime or OpenVINO, whichever this computer ran faster when it was measured (once); PyTorch on GPUs</source>
        <translation>Trên CPU, ONNX Runtime hoặc OpenVINO, tùy cái nào chạy nhanh hơn trên máy này khi được đo (một lần); PyTorch trên GPU</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>error</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>đã bị ngắt</translation>
    </message>
    <message>
        <source>something went wrong ({error}); the details are in {log}</source>
        <translation>đã có lỗi ({error}); chi tiết nằm trong {log}</translation>
    </message>
    <message>
        <source>expected a comma-separated list</source>
        <translation>cần một danh sách phân cách bằng dấu phẩy</translation>
    </message>
    <message>
        <source>batch sizes are whole numbers, e.g. 1,8</source>
        <translation>cỡ lô là số nguyên, ví dụ 1,8</translation>
    </message>
    <message>
        <source>batch sizes must be 1 or more</source>
        <translation>cỡ lô phải từ 1 trở lên</translation>
    </message>
    <message>
        <source>unknown precision or engine {name}</source>
        <translation>không rõ độ chính xác số hay bộ máy chạy {name}</translation>
    </message>
    <message>
        <source>--runs must be 1 or more</source>
        <translation>--runs phải từ 1 trở lên</translation>
    </message>
    <message>
        <source>kept as {name} ({path})</source>
        <translation>đã giữ với tên {name} ({path})</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>không ghi được {path}: {reason}</translation>
    </message>
    <message>
        <source>--json and --out - both need standard output</source>
        <translation>--json và --out - đều cần đầu ra chuẩn</translation>
    </message>
    <message>
        <source>--index must be between 0 and {last} for {name}</source>
        <translation>--index phải từ 0 đến {last} với {name}</translation>
    </message>
    <message>
        <source>&apos;{label}&apos; names several classes ({listed}); choose one with --index</source>
        <translation>&apos;{label}&apos; là tên của nhiều lớp ({listed}); hãy chọn một lớp bằng --index</translation>
    </message>
    <message>
        <source>; did you mean {names}?</source>
        <translation>; có phải ý bạn là {names}?</translation>
    </message>
    <message>
        <source>{name} has no class &apos;{label}&apos;{hint}</source>
        <translation>{name} không có lớp &apos;{label}&apos;{hint}</translation>
    </message>
    <message>
        <source>must be 1 or more</source>
        <translation>phải từ 1 trở lên</translation>
    </message>
    <message>
        <source>must be between 1 and {most} (this computer has {cpus} logical CPUs)</source>
        <translation>phải từ 1 đến {most} (máy này có {cpus} CPU logic)</translation>
    </message>
    <message>
        <source>{folder} is not a folder</source>
        <translation>{folder} không phải là thư mục</translation>
    </message>
    <message>
        <source>must be between 0 and 1</source>
        <translation>phải từ 0 đến 1</translation>
    </message>
    <message>
        <source>no photos found</source>
        <translation>không tìm thấy ảnh nào</translation>
    </message>
    <message>
        <source>{count} photos put back</source>
        <translation>đã đưa {count} ảnh về chỗ cũ</translation>
    </message>
    <message>
        <source>sort needs photos or folders, and --into DIR</source>
        <translation>sort cần ảnh hoặc thư mục, và --into THƯ_MỤC</translation>
    </message>
    <message>
        <source>cannot sort into {into}: {path} is not a folder</source>
        <translation>không thể sắp xếp vào {into}: {path} không phải là thư mục</translation>
    </message>
    <message>
        <source>{error} (left where it is)</source>
        <translation>{error} (để nguyên chỗ cũ)</translation>
    </message>
    <message>
        <source>dry run: nothing was moved</source>
        <translation>chạy thử: không có gì bị di chuyển</translation>
    </message>
    <message>
        <source>dry run: nothing was copied</source>
        <translation>chạy thử: không có gì được sao chép</translation>
    </message>
    <message>
        <source>{count} photos moved; to undo: effnet sort --undo {journal}</source>
        <translation>đã di chuyển {count} ảnh; để hoàn tác: effnet sort --undo {journal}</translation>
    </message>
    <message>
        <source>{count} photos copied; to undo: effnet sort --undo {journal}</source>
        <translation>đã sao chép {count} ảnh; để hoàn tác: effnet sort --undo {journal}</translation>
    </message>
    <message>
        <source>{path}: cannot read ({strerror})</source>
        <translation>{path}: không đọc được ({strerror})</translation>
    </message>
    <message>
        <source>{path}: not a benchmark results file ({error})</source>
        <translation>{path}: không phải tệp kết quả đo ({error})</translation>
    </message>
    <message>
        <source>{id} cannot run {precision}</source>
        <translation>{id} không chạy được {precision}</translation>
    </message>
    <message>
        <source>OpenVINO runs the built-in architectures only, not {name}</source>
        <translation>OpenVINO chỉ chạy các kiến trúc có sẵn, không chạy {name}</translation>
    </message>
    <message>
        <source>{engine} is timed on the CPU in fp32 here</source>
        <translation>Ở đây {engine} được đo giờ trên CPU với fp32</translation>
    </message>
    <message>
        <source>unknown model &apos;{model_id}&apos;; choose one of: {models}</source>
        <translation>không có mô hình &apos;{model_id}&apos;; hãy chọn một trong: {models}</translation>
    </message>
    <message>
        <source>{error}: a catalog must be a JSON file</source>
        <translation>{error}: danh mục phải là tệp JSON</translation>
    </message>
    <message>
        <source>{path}: catalog file not found</source>
        <translation>{path}: không tìm thấy tệp danh mục</translation>
    </message>
    <message>
        <source>{path}: cannot read the catalog ({strerror})</source>
        <translation>{path}: không đọc được danh mục ({strerror})</translation>
    </message>
    <message>
        <source>{path}: not valid JSON ({error})</source>
        <translation>{path}: JSON không hợp lệ ({error})</translation>
    </message>
    <message>
        <source>{path}: {error} is not a number JSON allows</source>
        <translation>{path}: {error} không phải số mà JSON cho phép</translation>
    </message>
    <message>
        <source>{path}: the JSON is nested too deeply to be a catalog</source>
        <translation>{path}: JSON lồng quá sâu, không thể là danh mục</translation>
    </message>
    <message>
        <source>{path}: expected {{&quot;models&quot;: [{{…}}, …]}}</source>
        <translation>{path}: cần dạng {{&quot;models&quot;: [{{…}}, …]}}</translation>
    </message>
    <message>
        <source>{where}, field &apos;{key}&apos;: {message}</source>
        <translation>{where}, trường &apos;{key}&apos;: {message}</translation>
    </message>
    <message>
        <source>{source}: every model needs an &apos;id&apos; (up to 64 letters, digits, . _ -)</source>
        <translation>{source}: mỗi mô hình cần một &apos;id&apos; (tối đa 64 chữ cái, chữ số, . _ -)</translation>
    </message>
    <message>
        <source>a tensor without a storage</source>
        <translation>một tensor không có vùng lưu</translation>
    </message>
    <message>
        <source>a tensor with an impossible size or offset ({value!r:.40})</source>
        <translation>một tensor có kích thước hay vị trí không thể có ({value!r:.40})</translation>
    </message>
    <message>
        <source>it changes a tensor after making it</source>
        <translation>nó thay đổi một tensor sau khi đã tạo</translation>
    </message>
    <message>
        <source>a tensor with an impossible shape</source>
        <translation>một tensor có hình dạng không thể có</translation>
    </message>
    <message>
        <source>its pickle is longer than a state dict&apos;s</source>
        <translation>phần pickle của nó dài hơn của một state dict</translation>
    </message>
    <message>
        <source>its pickle refers to objects it never made</source>
        <translation>phần pickle của nó trỏ tới đối tượng chưa từng được tạo</translation>
    </message>
    <message>
        <source>it asks to run {module}.{name}, which a weights file never does</source>
        <translation>nó đòi chạy {module}.{name}, điều mà tệp trọng số không bao giờ làm</translation>
    </message>
    <message>
        <source>it holds something other than tensors (a whole model?)</source>
        <translation>nó chứa thứ khác ngoài tensor (cả một mô hình?)</translation>
    </message>
    <message>
        <source>it uses storage views, which state dicts do not</source>
        <translation>nó dùng storage view, điều mà state dict không dùng</translation>
    </message>
    <message>
        <source>a storage of an unknown type</source>
        <translation>một vùng lưu có kiểu không rõ</translation>
    </message>
    <message>
        <source>storage {key} is described twice, differently</source>
        <translation>vùng lưu {key} được mô tả hai lần, khác nhau</translation>
    </message>
    <message>
        <source>{path} is not a weights file that can be loaded ({error})</source>
        <translation>{path} không phải tệp trọng số nạp được ({error})</translation>
    </message>
    <message>
        <source>cannot read {path} ({strerror})</source>
        <translation>không đọc được {path} ({strerror})</translation>
    </message>
    <message>
        <source>{path} is not a weights file that can be loaded ({reason})</source>
        <translation>{path} không phải tệp trọng số nạp được ({reason})</translation>
    </message>
    <message>
        <source>a zip file, but not one torch.save wrote</source>
        <translation>là tệp zip, nhưng không phải do torch.save ghi</translation>
    </message>
    <message>
        <source>a TorchScript program, not a weights file</source>
        <translation>là chương trình TorchScript, không phải tệp trọng số</translation>
    </message>
    <message>
        <source>big-endian tensors are not supported</source>
        <translation>không hỗ trợ tensor big-endian</translation>
    </message>
    <message>
        <source>storage {key} is missing</source>
        <translation>thiếu vùng lưu {key}</translation>
    </message>
    <message>
        <source>a zip file that names an entry twice</source>
        <translation>một tệp zip có một mục được ghi hai lần</translation>
    </message>
    <message>
        <source>a damaged zip file</source>
        <translation>một tệp zip bị hỏng</translation>
    </message>
    <message>
        <source>zip entries that overlap</source>
        <translation>các mục zip chồng lên nhau</translation>
    </message>
    <message>
        <source>compressed entries, which torch.save never writes</source>
        <translation>có mục nén, điều mà torch.save không bao giờ ghi</translation>
    </message>
    <message>
        <source>storage {key} has the wrong length</source>
        <translation>vùng lưu {key} có độ dài sai</translation>
    </message>
    <message>
        <source>storage {key} ends too early</source>
        <translation>vùng lưu {key} kết thúc quá sớm</translation>
    </message>
    <message>
        <source>{filename} is larger than expected</source>
        <translation>{filename} lớn hơn dự kiến</translation>
    </message>
    <message>
        <source>it is larger than the model&apos;s weights could be</source>
        <translation>nó lớn hơn mức trọng số của mô hình có thể có</translation>
    </message>
    <message>
        <source>not a PyTorch checkpoint</source>
        <translation>không phải checkpoint PyTorch</translation>
    </message>
    <message>
        <source>its list of storages does not match its tensors</source>
        <translation>danh sách vùng lưu không khớp với các tensor</translation>
    </message>
    <message>
        <source>storage {key} holds {count} values, not {numel}</source>
        <translation>vùng lưu {key} chứa {count} giá trị, không phải {numel}</translation>
    </message>
    <message>
        <source>the file ends too early</source>
        <translation>tệp kết thúc quá sớm</translation>
    </message>
    <message>
        <source>it does not hold a state dict (tensors by name)</source>
        <translation>nó không chứa state dict (các tensor theo tên)</translation>
    </message>
    <message>
        <source>a tensor whose shape and strides disagree</source>
        <translation>một tensor có hình dạng và bước nhảy không khớp</translation>
    </message>
    <message>
        <source>a tensor reaches past the end of its storage</source>
        <translation>một tensor vượt quá cuối vùng lưu của nó</translation>
    </message>
    <message>
        <source>its tensors claim more storage than the model&apos;s weights need</source>
        <translation>các tensor của nó đòi nhiều vùng lưu hơn trọng số của mô hình cần</translation>
    </message>
    <message>
        <source>none of the photos could be opened</source>
        <translation>không mở được ảnh nào</translation>
    </message>
    <message>
        <source>{id} cannot run {precision}; choose {precisions}</source>
        <translation>{id} không chạy được {precision}; hãy chọn {precisions}</translation>
    </message>
    <message>
        <source>unknown engine &apos;{engine}&apos;; choose {engines}</source>
        <translation>không có bộ máy chạy &apos;{engine}&apos;; hãy chọn {engines}</translation>
    </message>
    <message>
        <source>ONNX Runtime runs models on the CPU here; choose PyTorch for GPUs</source>
        <translation>Ở đây ONNX Runtime chạy mô hình trên CPU; hãy chọn PyTorch cho GPU</translation>
    </message>
    <message>
        <source>{name} has no ONNX graph here; choose PyTorch</source>
        <translation>{name} chưa có đồ thị ONNX ở đây; hãy chọn PyTorch</translation>
    </message>
    <message>
        <source>{name} runs models with ONNX Runtime, not PyTorch</source>
        <translation>{name} chạy mô hình bằng ONNX Runtime, không phải PyTorch</translation>
    </message>
    <message>
        <source>{name} runs on the CPU or with PyTorch, not here</source>
        <translation>{name} chạy trên CPU hoặc bằng PyTorch, không chạy ở đây</translation>
    </message>
    <message>
        <source>OpenVINO is not installed here; choose ONNX Runtime</source>
        <translation>OpenVINO chưa được cài ở đây; hãy chọn ONNX Runtime</translation>
    </message>
    <message>
        <source>OpenVINO runs models on the CPU here; choose PyTorch for GPUs</source>
        <translation>Ở đây OpenVINO chạy mô hình trên CPU; hãy chọn PyTorch cho GPU</translation>
    </message>
    <message>
        <source>{name} has no built-in graph for OpenVINO; choose ONNX Runtime</source>
        <translation>{name} không có đồ thị có sẵn cho OpenVINO; hãy chọn ONNX Runtime</translation>
    </message>
    <message>
        <source>{error}; it was moved aside to {file}</source>
        <translation>{error}; tệp đã được chuyển sang {file}</translation>
    </message>
    <message>
        <source>{id} ran out of memory running {name}: {advice}</source>
        <translation>{id} hết bộ nhớ khi chạy {name}: {advice}</translation>
    </message>
    <message>
        <source>{name} is too large to process with the memory available</source>
        <translation>{name} quá lớn để xử lý với bộ nhớ hiện có</translation>
    </message>
    <message>
        <source>needs the full edition ({package}), which has PyTorch</source>
        <translation>cần bản đầy đủ ({package}), có kèm PyTorch</translation>
    </message>
    <message>
        <source>needs macOS 12.3 or later on Apple silicon</source>
        <translation>cần macOS 12.3 trở lên trên chip Apple</translation>
    </message>
    <message>
        <source>this PyTorch build has no CUDA support; install a CUDA build</source>
        <translation>bản PyTorch này không hỗ trợ CUDA; hãy cài bản có CUDA</translation>
    </message>
    <message>
        <source>no NVIDIA GPU found, or its driver is not installed</source>
        <translation>không tìm thấy GPU NVIDIA, hoặc chưa cài driver</translation>
    </message>
    <message>
        <source>{id} cannot be used: {reason}</source>
        <translation>không dùng được {id}: {reason}</translation>
    </message>
    <message>
        <source>no device &apos;{requested}&apos; on this computer; available: {kinds}</source>
        <translation>máy này không có thiết bị &apos;{requested}&apos;; hiện có: {kinds}</translation>
    </message>
    <message>
        <source>{source}: file not found</source>
        <translation>{source}: không tìm thấy tệp</translation>
    </message>
    <message>
        <source>{source}: cannot read ({strerror})</source>
        <translation>{source}: không đọc được ({strerror})</translation>
    </message>
    <message>
        <source>the server refused to resume {url}</source>
        <translation>máy chủ từ chối tải tiếp {url}</translation>
    </message>
    <message>
        <source>the server sent a wrong range for {url}</source>
        <translation>máy chủ gửi sai đoạn dữ liệu cho {url}</translation>
    </message>
    <message>
        <source>the download was interrupted ({error})</source>
        <translation>việc tải về bị gián đoạn ({error})</translation>
    </message>
    <message>
        <source>the connection closed after {done} of {total} bytes</source>
        <translation>kết nối bị đóng sau {done} trên {total} byte</translation>
    </message>
    <message>
        <source>the server sent more than the expected {limit:,} bytes</source>
        <translation>máy chủ gửi nhiều hơn {limit:,} byte dự kiến</translation>
    </message>
    <message>
        <source>the disk holding {parent} is full ({free} MB free)</source>
        <translation>ổ đĩa chứa {parent} đã đầy (còn trống {free} MB)</translation>
    </message>
    <message>
        <source>cannot write to {parent}: choose another cache folder</source>
        <translation>không ghi được vào {parent}: hãy chọn thư mục lưu khác</translation>
    </message>
    <message>
        <source>cannot write {path} ({strerror})</source>
        <translation>không ghi được {path} ({strerror})</translation>
    </message>
    <message>
        <source>cannot download from {url}</source>
        <translation>không tải được từ {url}</translation>
    </message>
    <message>
        <source>cannot find {host}: you seem to be offline</source>
        <translation>không tìm thấy {host}: có vẻ bạn đang không có mạng</translation>
    </message>
    <message>
        <source>cannot connect to {netloc} ({error})</source>
        <translation>không kết nối được tới {netloc} ({error})</translation>
    </message>
    <message>
        <source>too many redirects for {url}</source>
        <translation>quá nhiều lần chuyển hướng cho {url}</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>không tìm thấy</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>không có quyền truy cập</translation>
    </message>
    <message>
        <source>not permitted</source>
        <translation>không được phép</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>ổ đĩa đã đầy</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>ổ đĩa chỉ cho phép đọc</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>đó là một thư mục</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>một phần của đường dẫn không phải là thư mục</translation>
    </message>
    <message>
        <source>the disk could not be read or written</source>
        <translation>không thể đọc hoặc ghi ổ đĩa</translation>
    </message>
    <message>
        <source>the server answered HTTP {status} for {url}</source>
        <translation>máy chủ trả lời HTTP {status} cho {url}</translation>
    </message>
    <message>
        <source>{what} failed its integrity check: expected sha256 {expected}, got {actual}</source>
        <translation>{what} không qua được kiểm tra toàn vẹn: cần sha256 {expected}, nhận được {actual}</translation>
    </message>
    <message>
        <source>cannot write {out}: {strerror}</source>
        <translation>không ghi được {out}: {strerror}</translation>
    </message>
    <message>
        <source>the exported graph has no initializer {weight}</source>
        <translation>đồ thị đã xuất không có initializer {weight}</translation>
    </message>
    <message>
        <source>{weights} does not fit {arch}: {mismatch}</source>
        <translation>{weights} không khớp với {arch}: {mismatch}</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>ảnh</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes)</source>
        <translation>{name} trống (0 byte)</translation>
    </message>
    <message>
        <source>{name} is too large to open with the memory available</source>
        <translation>{name} quá lớn để mở với bộ nhớ hiện có</translation>
    </message>
    <message>
        <source>{name} is too large to open safely (a decompression bomb?)</source>
        <translation>{name} quá lớn để mở an toàn (một quả bom giải nén?)</translation>
    </message>
    <message>
        <source>{name} is damaged or truncated ({error})</source>
        <translation>{name} bị hỏng hoặc bị cắt cụt ({error})</translation>
    </message>
    <message>
        <source>{path}: file not found</source>
        <translation>{path}: không tìm thấy tệp</translation>
    </message>
    <message>
        <source>{path}: permission denied</source>
        <translation>{path}: không có quyền truy cập</translation>
    </message>
    <message>
        <source>{name} is a HEIC/HEIF photo: install pillow-heif to open it</source>
        <translation>{name} là ảnh HEIC/HEIF: hãy cài pillow-heif để mở</translation>
    </message>
    <message>
        <source>{name} is not an image, or in a format that is not supported</source>
        <translation>{name} không phải ảnh, hoặc có định dạng chưa được hỗ trợ</translation>
    </message>
    <message>
        <source>exporting {name} to ONNX failed: {error}</source>
        <translation>xuất {name} sang ONNX thất bại: {error}</translation>
    </message>
    <message>
        <source>the copy of {name} differs from the original</source>
        <translation>bản sao của {name} khác bản gốc</translation>
    </message>
    <message>
        <source>is no longer there</source>
        <translation>không còn ở đó nữa</translation>
    </message>
    <message>
        <source>lies outside the folders this sort was made in</source>
        <translation>nằm ngoài các thư mục mà lần sắp xếp này đã dùng</translation>
    </message>
    <message>
        <source>its folder is now a link; it is left alone</source>
        <translation>thư mục của nó giờ là một liên kết; nó được giữ nguyên</translation>
    </message>
    <message>
        <source>is no longer a plain file; it is left alone</source>
        <translation>không còn là một tệp thường; nó được giữ nguyên</translation>
    </message>
    <message>
        <source>was changed since it was sorted; it is kept</source>
        <translation>đã bị thay đổi từ khi được sắp xếp; nó được giữ lại</translation>
    </message>
    <message>
        <source>the journal cannot be written ({reason}); sorting stopped here</source>
        <translation>không thể ghi nhật ký ({reason}); việc sắp xếp dừng tại đây</translation>
    </message>
    <message>
        <source>the file of {name} could not be verified: only the first digits of its checksum are known, which a forged file can match. It is used; download it within the app to have it verified.</source>
        <translation>không thể xác minh tệp của {name}: chỉ biết vài chữ số đầu của mã kiểm tra, mà một tệp giả mạo có thể trùng. Tệp vẫn được dùng; hãy tải nó trong ứng dụng để được xác minh.</translation>
    </message>
    <message>
        <source>The cached weights of {name} were damaged; they were moved to {file} and are downloaded again.</source>
        <translation>Trọng số đã lưu của {name} bị hỏng; tệp đã được chuyển sang {file} và đang được tải lại.</translation>
    </message>
    <message>
        <source>The download of {name}</source>
        <translation>Bản tải về của {name}</translation>
    </message>
    <message>
        <source>{name} ships with the app; there is nothing to import</source>
        <translation>{name} có sẵn trong ứng dụng; không cần nhập gì</translation>
    </message>
    <message>
        <source>{source} is not the weights file of {name}: it holds {size}, the right file {expected}</source>
        <translation>{source} không phải tệp trọng số của {name}: tệp này có {size}, tệp đúng có {expected}</translation>
    </message>
    <message>
        <source>cannot copy {source} ({strerror})</source>
        <translation>không sao chép được {source} ({strerror})</translation>
    </message>
    <message>
        <source>{name} ships with the app and cannot be removed</source>
        <translation>{name} có sẵn trong ứng dụng và không xóa được</translation>
    </message>
    <message>
        <source>the cache folder {cache_dir} is a file, not a folder</source>
        <translation>thư mục lưu {cache_dir} là một tệp, không phải thư mục</translation>
    </message>
    <message>
        <source>cannot remove files from {cache_dir} ({strerror})</source>
        <translation>không xóa được tệp trong {cache_dir} ({strerror})</translation>
    </message>
    <message>
        <source>cannot remove {path} ({strerror})</source>
        <translation>không xóa được {path} ({strerror})</translation>
    </message>
    <message>
        <source>The bundled weights of {name}</source>
        <translation>Trọng số đi kèm của {name}</translation>
    </message>
    <message>
        <source>cannot create the cache folder {cache_dir} ({strerror})</source>
        <translation>không tạo được thư mục lưu {cache_dir} ({strerror})</translation>
    </message>
    <message>
        <source>{photo} is no longer there</source>
        <translation>{photo} không còn ở đó nữa</translation>
    </message>
    <message>
        <source>cannot read {sidecar}: {strerror}</source>
        <translation>không đọc được {sidecar}: {strerror}</translation>
    </message>
    <message>
        <source>{sidecar} is too large to be an XMP sidecar</source>
        <translation>{sidecar} quá lớn để là tệp XMP đi kèm</translation>
    </message>
    <message>
        <source>{name}: keywords go inside JPEG, PNG and TIFF files; use a sidecar</source>
        <translation>{name}: từ khóa chỉ ghi vào trong tệp JPEG, PNG và TIFF; hãy dùng tệp XMP đi kèm</translation>
    </message>
    <message>
        <source>{name} is a link (or has other names); keywords go beside it: use a sidecar</source>
        <translation>{name} là một liên kết (hoặc có tên khác); từ khóa được đặt bên cạnh: hãy dùng tệp sidecar</translation>
    </message>
    <message>
        <source>cannot read {photo}: {strerror}</source>
        <translation>không đọc được {photo}: {strerror}</translation>
    </message>
    <message>
        <source>{name} is not the JPEG, PNG or TIFF its name says</source>
        <translation>{name} không phải JPEG, PNG hay TIFF như tên của nó</translation>
    </message>
    <message>
        <source>{source} holds XMP that cannot be read; it was left as it is</source>
        <translation>{source} chứa XMP không đọc được; tệp được giữ nguyên</translation>
    </message>
    <message>
        <source>{name}: its XMP would not fit in one JPEG segment</source>
        <translation>{name}: XMP của nó không vừa một đoạn JPEG</translation>
    </message>
    <message>
        <source>{name} is a damaged PNG</source>
        <translation>{name} là tệp PNG bị hỏng</translation>
    </message>
    <message>
        <source>{name} is a damaged TIFF</source>
        <translation>{name} là tệp TIFF bị hỏng</translation>
    </message>
    <message>
        <source>cannot write {target}: {strerror}</source>
        <translation>không ghi được {target}: {strerror}</translation>
    </message>
    <message>
        <source>something went wrong ({kind}: {error})</source>
        <translation>đã có lỗi ({kind}: {error})</translation>
    </message>
    <message>
        <source>no label set {id} is kept</source>
        <translation>không có bộ nhãn {id} nào được giữ</translation>
    </message>
    <message>
        <source>Fetch {file} from {url} on a computer with internet, then install it here with: effnet weights import {id} {file}</source>
        <translation>Hãy tải {file} từ {url} trên một máy có internet, rồi cài vào đây bằng: effnet weights import {id} {file}</translation>
    </message>
    <message>
        <source>{path} was removed during the run; answers from now on are not kept</source>
        <translation>{path} đã bị xóa trong lúc chạy; các câu trả lời từ giờ sẽ không được lưu</translation>
    </message>
    <message>
        <source>it was written by a newer version of the app</source>
        <translation>nó được ghi bởi một phiên bản mới hơn của ứng dụng</translation>
    </message>
    <message>
        <source>it was moved to {aside}</source>
        <translation>nó đã được chuyển sang {aside}</translation>
    </message>
    <message>
        <source>cannot use the stored answers in {path} ({reason}); this run goes on without them</source>
        <translation>không thể dùng các câu trả lời đã lưu trong {path} ({reason}); lần chạy này tiếp tục mà không có chúng</translation>
    </message>
    <message>
        <source>cannot read {journal}: {strerror}</source>
        <translation>không thể đọc {journal}: {strerror}</translation>
    </message>
    <message>
        <source>{journal} is not a sorting journal this app wrote for you here; nothing was changed</source>
        <translation>{journal} không phải là nhật ký sắp xếp mà ứng dụng này đã ghi cho bạn ở đây; không có gì bị thay đổi</translation>
    </message>
    <message>
        <source>line {number} is not a step of this journal; skipped</source>
        <translation>dòng {number} không phải là một bước của nhật ký này; đã bỏ qua</translation>
    </message>
    <message>
        <source>line {number} was cut short (a crash while writing?); skipped</source>
        <translation>dòng {number} bị cắt ngắn (ứng dụng bị dừng khi đang ghi?); đã bỏ qua</translation>
    </message>
    <message>
        <source>could not save {path}: {reason}</source>
        <translation>không lưu được {path}: {reason}</translation>
    </message>
    <message>
        <source>could not keep this run: {reason}</source>
        <translation>không giữ được lần chạy này: {reason}</translation>
    </message>
    <message>
        <source>the label set file&apos;s name ends in {suffix}</source>
        <translation>tên tệp bộ nhãn phải kết thúc bằng {suffix}</translation>
    </message>
    <message>
        <source>{photo} was left out: {reason}</source>
        <translation>{photo} đã bị bỏ qua: {reason}</translation>
    </message>
    <message>
        <source>{model} is not a label set</source>
        <translation>{model} không phải bộ nhãn</translation>
    </message>
    <message>
        <source>this label set expects {count} features; {model} gives {given}</source>
        <translation>bộ nhãn này cần {count} đặc trưng; {model} cho {given}</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>không tìm thấy tệp</translation>
    </message>
    <message>
        <source>not a label set file</source>
        <translation>không phải tệp bộ nhãn</translation>
    </message>
    <message>
        <source>made by a newer version of the app</source>
        <translation>được tạo bởi phiên bản mới hơn của ứng dụng</translation>
    </message>
    <message>
        <source>the model&apos;s weights digest is not a sha256</source>
        <translation>mã băm trọng số của mô hình không phải sha256</translation>
    </message>
    <message>
        <source>it was taught on {model}, which this app does not have</source>
        <translation>nó được dạy trên {model}, mà ứng dụng này không có</translation>
    </message>
    <message>
        <source>it was taught on other weights of {model}</source>
        <translation>nó được dạy trên bộ trọng số khác của {model}</translation>
    </message>
    <message>
        <source>a label is text of 1 to 64 characters</source>
        <translation>nhãn là văn bản dài từ 1 đến 64 ký tự</translation>
    </message>
    <message>
        <source>the label {label} cannot name a folder</source>
        <translation>nhãn {label} không thể dùng làm tên thư mục</translation>
    </message>
    <message>
        <source>a label set has between 2 and {most} labels</source>
        <translation>một bộ nhãn có từ 2 đến {most} nhãn</translation>
    </message>
    <message>
        <source>two labels have the same name</source>
        <translation>hai nhãn trùng tên</translation>
    </message>
    <message>
        <source>its training summary does not fit its labels</source>
        <translation>phần tóm tắt huấn luyện không khớp với các nhãn</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is missing or wrong</source>
        <translation>&apos;{key}&apos; bị thiếu hoặc sai</translation>
    </message>
    <message>
        <source>its head is not readable</source>
        <translation>không đọc được phần đầu phân loại</translation>
    </message>
    <message>
        <source>its head does not fit its labels</source>
        <translation>phần đầu phân loại không khớp với các nhãn</translation>
    </message>
    <message>
        <source>its head holds numbers that are not usable</source>
        <translation>phần đầu phân loại chứa các số không dùng được</translation>
    </message>
    <message>
        <source>{path}: cannot use this label set: {reason}</source>
        <translation>{path}: không dùng được bộ nhãn này: {reason}</translation>
    </message>
    <message>
        <source>cannot read {folder}: {reason}</source>
        <translation>không đọc được {folder}: {reason}</translation>
    </message>
    <message>
        <source>{folder} needs a sub-folder of photos for each label, at least two</source>
        <translation>{folder} cần một thư mục con chứa ảnh cho mỗi nhãn, ít nhất hai</translation>
    </message>
    <message>
        <source>each label needs at least {least} photos; {labels}</source>
        <translation>mỗi nhãn cần ít nhất {least} ảnh; {labels}</translation>
    </message>
    <message>
        <source>{model} has no label {labels}</source>
        <translation>{model} không có nhãn {labels}</translation>
    </message>
    <message>
        <source>exporting to ONNX needs the onnx package: pip install onnx</source>
        <translation>xuất ra ONNX cần gói onnx: pip install onnx</translation>
    </message>
</context>
<context>
    <name>FolderActions</name>
    <message>
        <source>Export a spreadsheet</source>
        <translation>Xuất bảng tính</translation>
    </message>
    <message>
        <source>CSV spreadsheet (*.csv)</source>
        <translation>Bảng tính CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Xuất kết quả</translation>
    </message>
    <message>
        <source>Sort the photos into folders in…</source>
        <translation>Xếp ảnh vào các thư mục trong…</translation>
    </message>
    <message>
        <source>Sort into folders</source>
        <translation>Xếp vào thư mục</translation>
    </message>
    <message>
        <source>{count} photos go into these folders in {folder}:</source>
        <translation>{count} ảnh sẽ vào các thư mục sau trong {folder}:</translation>
    </message>
    <message>
        <source>&amp;Copy them</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>&amp;Move them</source>
        <translation>&amp;Di chuyển</translation>
    </message>
    <message>
        <source>Saved {count} answers to {path}</source>
        <translation>Đã lưu {count} câu trả lời vào {path}</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>Đang lưu {name}…</translation>
    </message>
    <message>
        <source>{written} keyword files written; {count} failed, first: {first}</source>
        <translation>Đã ghi {written} tệp từ khóa; {count} tệp lỗi, tệp đầu tiên: {first}</translation>
    </message>
    <message>
        <source>Keywords written beside {count} photos (photo.jpg.xmp), for your photo manager</source>
        <translation>Đã ghi từ khóa cạnh {count} ảnh (photo.jpg.xmp) cho trình quản lý ảnh của bạn</translation>
    </message>
    <message>
        <source>Writing keywords…</source>
        <translation>Đang ghi từ khóa…</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>đã di chuyển</translation>
    </message>
    <message>
        <source>copied</source>
        <translation>đã sao chép</translation>
    </message>
    <message>
        <source>{done} photos {verb} into {into}; File ▸ Undo sort puts them back</source>
        <translation>{done} ảnh {verb} vào {into}; Tệp ▸ Hoàn tác sắp xếp sẽ đưa chúng về</translation>
    </message>
    <message>
        <source> ({count} left where they were: {first})</source>
        <translation> ({count} ảnh để nguyên chỗ cũ: {first})</translation>
    </message>
    <message>
        <source>Sorting {count} photos…</source>
        <translation>Đang xếp {count} ảnh…</translation>
    </message>
    <message>
        <source>{done} photos put back</source>
        <translation>Đã đưa {done} ảnh về chỗ cũ</translation>
    </message>
    <message>
        <source>Putting the photos back…</source>
        <translation>Đang đưa ảnh về chỗ cũ…</translation>
    </message>
    <message>
        <source>could not write{where}: {error}</source>
        <translation>không ghi được{where}: {error}</translation>
    </message>
</context>
<context>
    <name>FolderModel</name>
    <message>
        <source>Photo</source>
        <translation>Ảnh</translation>
    </message>
    <message>
        <source>Top label</source>
        <translation>Nhãn hàng đầu</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Độ tin cậy</translation>
    </message>
    <message>
        <source>could not be classified</source>
        <translation>không nhận dạng được</translation>
    </message>
</context>
<context>
    <name>FolderPanel</name>
    <message>
        <source>Photos and their answers</source>
        <translation>Ảnh và câu trả lời</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Tạm &amp;dừng</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Hủ&amp;y</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>X&amp;uất</translation>
    </message>
    <message>
        <source>A spreadsheet, keywords for your photo manager, or folders by label</source>
        <translation>Bảng tính, từ khóa cho trình quản lý ảnh, hoặc thư mục theo nhãn</translation>
    </message>
    <message>
        <source>Include &amp;subfolders</source>
        <translation>Gồm cả thư mục c&amp;on</translation>
    </message>
    <message>
        <source>Filter by label</source>
        <translation>Lọc theo nhãn</translation>
    </message>
    <message>
        <source>&amp;Unsure only</source>
        <translation>Chỉ ảnh chư&amp;a chắc</translation>
    </message>
    <message>
        <source>Photos whose top answer is below {share:.0%}, and those that failed</source>
        <translation>Ảnh có câu trả lời hàng đầu dưới {share:.0%}, và ảnh bị lỗi</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>Tiế&amp;p tục</translation>
    </message>
    <message>
        <source>{total} photos, {rate:.1f} photos/s</source>
        <translation>{total} ảnh, {rate:.1f} ảnh/giây</translation>
    </message>
    <message>
        <source>{done} of {total} · {rate:.1f} photos/s · {left:.0f} s left</source>
        <translation>{done} trên {total} · {rate:.1f} ảnh/giây · còn {left:.0f} giây</translation>
    </message>
</context>
<context>
    <name>FolderView</name>
    <message>
        <source>Looking for photos in {name}…</source>
        <translation>Đang tìm ảnh trong {name}…</translation>
    </message>
    <message>
        <source>no images found there</source>
        <translation>không có ảnh nào ở đó</translation>
    </message>
    <message>
        <source>Paused. The answers so far are kept; Resume goes on.</source>
        <translation>Đã tạm dừng. Các câu trả lời đến giờ được giữ lại; Tiếp tục để chạy tiếp.</translation>
    </message>
    <message>
        <source>Stopped at {done} of {total} photos.</source>
        <translation>Đã dừng ở {done} trên {total} ảnh.</translation>
    </message>
    <message>
        <source>Could not start: {reason}</source>
        <translation>Không thể bắt đầu: {reason}</translation>
    </message>
    <message>
        <source>{classified} classified ({rate:.1f} photos/s)</source>
        <translation>{classified} ảnh vừa nhận dạng ({rate:.1f} ảnh/giây)</translation>
    </message>
    <message>
        <source>{stored} answered by earlier runs</source>
        <translation>{stored} ảnh đã có câu trả lời từ trước</translation>
    </message>
    <message>
        <source>{failed} could not be classified</source>
        <translation>{failed} ảnh không nhận dạng được</translation>
    </message>
    <message>
        <source>{count} photos: {parts}.</source>
        <translation>{count} ảnh: {parts}.</translation>
    </message>
</context>
<context>
    <name>HeatmapStrip</name>
    <message>
        <source>Where each model looked</source>
        <translation>Nơi mỗi mô hình nhìn vào</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <source>Where it looked is shown once the folder is done.</source>
        <translation>Vùng mô hình đã nhìn sẽ được hiển thị khi thư mục xong.</translation>
    </message>
    <message>
        <source>Drawing the heatmap…</source>
        <translation>Đang vẽ bản đồ nhiệt…</translation>
    </message>
    <message>
        <source>Yellow marks what counted most for “{label}”, dark purple what did not count.</source>
        <translation>Màu vàng là chỗ quan trọng nhất cho “{label}”, tím sẫm là chỗ không đáng kể.</translation>
    </message>
    <message>
        <source>The model looks at the centre square of the photo: the grey edges were not seen.</source>
        <translation>Mô hình chỉ nhìn hình vuông ở giữa ảnh: phần viền xám không được nhìn tới.</translation>
    </message>
    <message>
        <source>Click another answer to see its map.</source>
        <translation>Bấm vào câu trả lời khác để xem bản đồ của nó.</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>Đang lưu {name}…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Đã lưu {path}</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>Photo</source>
        <translation>Ảnh</translation>
    </message>
    <message>
        <source>Drop a photo here
or press Ctrl+O to open one, Ctrl+V to paste</source>
        <translation>Thả ảnh vào đây
hoặc nhấn Ctrl+O để mở, Ctrl+V để dán</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Classify</source>
        <translation>Nhận dạng</translation>
    </message>
    <message>
        <source>Classify the photo again (F5)</source>
        <translation>Nhận dạng lại ảnh (F5)</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>Thiết &amp;bị:</translation>
    </message>
    <message>
        <source>Show de&amp;tails</source>
        <translation>Hiện ch&amp;i tiết</translation>
    </message>
    <message>
        <source>Mode&amp;l:</source>
        <translation>Mô hì&amp;nh:</translation>
    </message>
    <message>
        <source>Pre&amp;cision:</source>
        <translation>Độ chính xác &amp;số:</translation>
    </message>
    <message>
        <source>En&amp;gine:</source>
        <translation>Bộ máy &amp;chạy:</translation>
    </message>
    <message>
        <source>Dropped image</source>
        <translation>Ảnh được thả vào</translation>
    </message>
    <message>
        <source>Open photos</source>
        <translation>Mở ảnh</translation>
    </message>
    <message>
        <source>Images ({patterns});;All files (*)</source>
        <translation>Ảnh ({patterns});;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Open a folder of photos</source>
        <translation>Mở một thư mục ảnh</translation>
    </message>
    <message>
        <source>Pasted image</source>
        <translation>Ảnh được dán</translation>
    </message>
    <message>
        <source>the clipboard holds no image or image file</source>
        <translation>bộ nhớ tạm không có ảnh hay tệp ảnh</translation>
    </message>
    <message>
        <source>Working on it. Meanwhile this is still {model}’s answer.</source>
        <translation>Đang xử lý. Trong lúc chờ, đây vẫn là câu trả lời của {model}.</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Sẵn sàng.</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>Đang mở {name}…</translation>
    </message>
    <message>
        <source>{wanted} could not answer (see below). This is still {model}’s answer.</source>
        <translation>{wanted} không trả lời được (xem bên dưới). Đây vẫn là câu trả lời của {model}.</translation>
    </message>
    <message>
        <source>{model} comes with the app.</source>
        <translation>{model} có sẵn trong ứng dụng.</translation>
    </message>
    <message>
        <source>Weights file for {model} ({file})</source>
        <translation>Tệp trọng số cho {model} ({file})</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt);;All files (*)</source>
        <translation>Trọng số PyTorch (*.pth *.pt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>{model} is installed.</source>
        <translation>Đã cài {model}.</translation>
    </message>
    <message>
        <source>The language changes when you start the app again.</source>
        <translation>Ngôn ngữ sẽ đổi khi bạn mở lại ứng dụng.</translation>
    </message>
    <message>
        <source>This photo could not be opened</source>
        <translation>Không mở được ảnh này</translation>
    </message>
    <message>
        <source>Input size, parameters, accuracy, precision, engine and timings</source>
        <translation>Cỡ ảnh vào, số tham số, độ chính xác, độ chính xác số, bộ máy chạy và thời gian</translation>
    </message>
    <message>
        <source>Address copied: paste it into a browser on a computer with internet.</source>
        <translation>Đã chép địa chỉ: hãy dán vào trình duyệt trên một máy có mạng.</translation>
    </message>
</context>
<context>
    <name>MirrorSetting</name>
    <message>
        <source>Advanced</source>
        <translation>Nâng cao</translation>
    </message>
    <message>
        <source>A mirror serves the same files under another address (a company or university server). Used from the next start; empty for the usual address.</source>
        <translation>Máy chủ gương cung cấp cùng các tệp ở địa chỉ khác (máy chủ của công ty hay trường học). Có hiệu lực từ lần mở sau; để trống để dùng địa chỉ thông thường.</translation>
    </message>
    <message>
        <source>Download &amp;mirror:</source>
        <translation>&amp;Máy chủ gương:</translation>
    </message>
    <message>
        <source>“{address}” is not a web address (https://…); it was not saved.</source>
        <translation>“{address}” không phải địa chỉ web (https://…); chưa được lưu.</translation>
    </message>
    <message>
        <source>Saved. Used from the next start.</source>
        <translation>Đã lưu. Có hiệu lực từ lần mở sau.</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>{size} px</source>
        <translation>{size} px</translation>
    </message>
    <message>
        <source>{millions:.1f} M params</source>
        <translation>{millions:.1f} triệu tham số</translation>
    </message>
    <message>
        <source>{gflops:.2f} GFLOPs</source>
        <translation>{gflops:.2f} GFLOPs</translation>
    </message>
    <message>
        <source>ImageNet top-1 {top1:.1f} %</source>
        <translation>top-1 ImageNet {top1:.1f} %</translation>
    </message>
    <message>
        <source>{count} labels · from {model}</source>
        <translation>{count} nhãn · từ {model}</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>nhanh</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>cân bằng</translation>
    </message>
    <message>
        <source>more accurate, slower</source>
        <translation>chính xác hơn, chậm hơn</translation>
    </message>
    <message>
        <source>most accurate, slow</source>
        <translation>chính xác nhất, chậm</translation>
    </message>
    <message>
        <source>included</source>
        <translation>có sẵn</translation>
    </message>
    <message>
        <source>file not verified</source>
        <translation>tệp chưa được xác minh</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>đã tải về</translation>
    </message>
    <message>
        <source>download needed</source>
        <translation>cần tải về</translation>
    </message>
    <message>
        <source>{mb:.0f} MB download</source>
        <translation>tải {mb:.0f} MB</translation>
    </message>
    <message>
        <source>ready, but its file could not be verified (imported or mirrored)</source>
        <translation>sẵn sàng, nhưng tệp của nó chưa thể xác minh (nhập vào hoặc tải từ máy nhân bản)</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <source>{mb:.0f} MB to download</source>
        <translation>còn {mb:.0f} MB phải tải</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>My labels: {labels} — from {model}</source>
        <translation>Nhãn của tôi: {labels} — từ {model}</translation>
    </message>
</context>
<context>
    <name>PilesTable</name>
    <message>
        <source>Label</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Ảnh</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Ví dụ</translation>
    </message>
    <message>
        <source>Labels and their example photos</source>
        <translation>Các nhãn và ảnh ví dụ của chúng</translation>
    </message>
</context>
<context>
    <name>PrecisionPicker</name>
    <message>
        <source>Precision</source>
        <translation>Độ chính xác số</translation>
    </message>
    <message>
        <source>This device runs FP32 only</source>
        <translation>Thiết bị này chỉ chạy FP32</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
        <translation>%1
Không tìm thấy thư mục.
Hãy kiểm tra lại tên thư mục.</translation>
    </message>
    <message>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation>%1
Không tìm thấy tệp.
Hãy kiểm tra lại tên tệp.</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 đã có.
Bạn có muốn thay thế nó không?</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Chọn</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Tìm trong:</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Thư mục &amp;mới</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Đổi &amp;tên</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is write protected.
Do you want to delete it anyway?</source>
        <translation>&apos;%1&apos; đang được bảo vệ chống ghi.
Bạn vẫn muốn xóa nó?</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Bí danh</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+Up</translation>
    </message>
    <message>
        <source>Are you sure you want to delete &apos;%1&apos;?</source>
        <translation>Bạn có chắc muốn xóa &apos;%1&apos;?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Lùi lại</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Chuyển sang xem chi tiết</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Chuyển sang xem danh sách</translation>
    </message>
    <message>
        <source>Could not delete directory.</source>
        <translation>Không xóa được thư mục.</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Tạo thư mục mới</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Tạo một thư mục mới</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Xem chi tiết</translation>
    </message>
    <message>
        <source>Directories</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Thư mục:</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Ổ đĩa</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Tên tệp:</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Loại tệp:</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <translation>Tìm thư mục</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Tiến tới</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Đi tiếp</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Lên thư mục cha</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Xem danh sách</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Danh sách nơi chốn và dấu trang</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>Tìm trong:</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Thư mục mới</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Thư mục cha</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <translation>Nơi mở gần đây</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Lối tắt</translation>
    </message>
    <message>
        <source>Show </source>
        <translation>Hiện </translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Hiện tệp ẩ&amp;n</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Thanh bên</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Không rõ</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Computer</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Ngày sửa</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Kiểu</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
</context>
<context>
    <name>Results</name>
    <message>
        <source>download/verify {weights:.0f} ms · load {load:.0f} ms · preprocess {preprocess:.0f} ms · inference {inference:.0f} ms</source>
        <translation>tải/kiểm tra {weights:.0f} ms · nạp {load:.0f} ms · tiền xử lý {preprocess:.0f} ms · suy luận {inference:.0f} ms</translation>
    </message>
    <message>
        <source>{ms:.0f} ms</source>
        <translation>{ms:.0f} ms</translation>
    </message>
    <message>
        <source>{s:.1f} s</source>
        <translation>{s:.1f} giây</translation>
    </message>
</context>
<context>
    <name>Sorting</name>
    <message>
        <source>unsure</source>
        <translation>chưa chắc</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Choose another photo.</source>
        <translation>Hãy chọn ảnh khác.</translation>
    </message>
    <message>
        <source>Check your connection and retry. Without internet here, download the file below on another computer and import it.</source>
        <translation>Hãy kiểm tra kết nối rồi thử lại. Nếu máy này không có mạng, hãy tải tệp bên dưới trên máy khác rồi nhập vào.</translation>
    </message>
    <message>
        <source>The file is not the expected one: retry, or import a good copy.</source>
        <translation>Tệp không đúng như mong đợi: hãy thử lại, hoặc nhập một bản tốt.</translation>
    </message>
    <message>
        <source>Try a smaller model, or the CPU.</source>
        <translation>Hãy thử mô hình nhỏ hơn, hoặc dùng CPU.</translation>
    </message>
    <message>
        <source>Use the CPU instead.</source>
        <translation>Hãy dùng CPU thay thế.</translation>
    </message>
    <message>
        <source>Check the model&apos;s entry in your catalog, or use Lite0.</source>
        <translation>Hãy kiểm tra mục của mô hình trong danh mục, hoặc dùng Lite0.</translation>
    </message>
    <message>
        <source>Details are in the log file (Help ▸ About).</source>
        <translation>Chi tiết có trong tệp nhật ký (Trợ giúp ▸ Giới thiệu).</translation>
    </message>
    <message>
        <source>Choose another folder or name.</source>
        <translation>Hãy chọn thư mục hoặc tên khác.</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Import weights file…</source>
        <translation>Nhập tệp trọng số…</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Chép địa chỉ</translation>
    </message>
    <message>
        <source>Use CPU</source>
        <translation>Dùng CPU</translation>
    </message>
    <message>
        <source>Use Lite0</source>
        <translation>Dùng Lite0</translation>
    </message>
    <message>
        <source>Downloading {name}: {done:.1f} of {total:.1f} MB ({rate:.1f} MB/s)</source>
        <translation>Đang tải {name}: {done:.1f} trên {total:.1f} MB ({rate:.1f} MB/giây)</translation>
    </message>
    <message>
        <source>Downloading {name}: {done:.1f} MB ({rate:.1f} MB/s)</source>
        <translation>Đang tải {name}: {done:.1f} MB ({rate:.1f} MB/giây)</translation>
    </message>
    <message>
        <source>The file: {file}&lt;br&gt;Its address: {url}</source>
        <translation>Tệp: {file}&lt;br&gt;Địa chỉ: {url}</translation>
    </message>
</context>
<context>
    <name>Teach</name>
    <message>
        <source>{id}: kept; use it anywhere with --model {id}</source>
        <translation>{id}: đã giữ; dùng ở bất cứ đâu với --model {id}</translation>
    </message>
    <message>
        <source>{id}: removed</source>
        <translation>{id}: đã xoá</translation>
    </message>
    <message>
        <source>Right {accuracy:.0%} of the time on photos it had not learned from ({folds}-fold cross-validation). Written to {path}</source>
        <translation>Đúng {accuracy:.0%} số lần trên những ảnh nó chưa được học ({folds} phần kiểm định chéo). Đã ghi vào {path}</translation>
    </message>
    <message>
        <source>{count} × “{truth}” looked like “{answer}”</source>
        <translation>{count} × “{truth}” trông giống “{answer}”</translation>
    </message>
    <message>
        <source>Accuracy: {accuracy:.1%} of {photos} photos</source>
        <translation>Độ chính xác: {accuracy:.1%} trên {photos} ảnh</translation>
    </message>
    <message>
        <source>Answered wrongly:</source>
        <translation>Trả lời sai:</translation>
    </message>
    <message>
        <source>{id}: written to {path}</source>
        <translation>{id}: đã ghi vào {path}</translation>
    </message>
    <message>
        <source>label</source>
        <translation>nhãn</translation>
    </message>
    <message>
        <source>photos</source>
        <translation>ảnh</translation>
    </message>
    <message>
        <source>recognised</source>
        <translation>nhận ra</translation>
    </message>
    <message>
        <source>answers right</source>
        <translation>trả lời đúng</translation>
    </message>
    <message>
        <source>label ↓ answer →</source>
        <translation>nhãn ↓ trả lời →</translation>
    </message>
    <message>
        <source>“{label}” has only {count} photos; give it at least {few}</source>
        <translation>“{label}” chỉ có {count} ảnh; hãy cho ít nhất {few}</translation>
    </message>
    <message>
        <source>the piles are very unequal ({most} and {fewest} photos): the answers will lean towards the larger ones</source>
        <translation>các nhóm ảnh chênh lệch nhiều ({most} và {fewest} ảnh): câu trả lời sẽ nghiêng về nhóm lớn hơn</translation>
    </message>
</context>
<context>
    <name>TeachDialog</name>
    <message>
        <source>Teach your own labels</source>
        <translation>Dạy nhãn của riêng bạn</translation>
    </message>
    <message>
        <source>&amp;Piles</source>
        <translation>Các &amp;nhóm ảnh</translation>
    </message>
    <message>
        <source>&amp;Results</source>
        <translation>&amp;Kết quả</translation>
    </message>
    <message>
        <source>&amp;Teach</source>
        <translation>&amp;Dạy</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Give each label example photos, at least 5 and the more the better: drop photos or folders on a label, or open a folder with one sub-folder per label. The app learns to tell the labels apart.</source>
        <translation>Cho mỗi nhãn vài ảnh ví dụ, ít nhất 5 ảnh và càng nhiều càng tốt: thả ảnh hoặc thư mục lên một nhãn, hoặc mở một thư mục có mỗi nhãn một thư mục con. Ứng dụng sẽ học cách phân biệt các nhãn.</translation>
    </message>
    <message>
        <source>Add a &amp;label…</source>
        <translation>&amp;Thêm nhãn…</translation>
    </message>
    <message>
        <source>Add p&amp;hotos…</source>
        <translation>Thêm &amp;hình ảnh…</translation>
    </message>
    <message>
        <source>&amp;Open a folder of labels…</source>
        <translation>Mở thư mục &amp;các nhãn…</translation>
    </message>
    <message>
        <source>Re&amp;move label</source>
        <translation>&amp;Xoá nhãn</translation>
    </message>
    <message>
        <source>my labels</source>
        <translation>nhãn của tôi</translation>
    </message>
    <message>
        <source>Helps when a label has only a few photos; takes longer</source>
        <translation>Có ích khi một nhãn chỉ có ít ảnh; mất nhiều thời gian hơn</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>Tên &amp;bộ nhãn:</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Ảnh</translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation>Nhận ra</translation>
    </message>
    <message>
        <source>Rows: the photos of each label. Columns: what they were taken for.</source>
        <translation>Hàng: ảnh của từng nhãn. Cột: chúng bị nhận là gì.</translation>
    </message>
    <message>
        <source>Photos it got wrong</source>
        <translation>Những ảnh bị nhận sai</translation>
    </message>
    <message>
        <source>Mo&amp;ve to this label</source>
        <translation>Chu&amp;yển sang nhãn này</translation>
    </message>
    <message>
        <source>{count} × “{truth}” looked like “{answer}”</source>
        <translation>{count} × “{truth}” trông giống “{answer}”</translation>
    </message>
    <message>
        <source>Also learn from each photo mirrored and seen &amp;closer</source>
        <translation>Học thêm từ mỗi ảnh khi lật ngang và nhìn &amp;gần hơn</translation>
    </message>
    <message>
        <source>Learn on mo&amp;del:</source>
        <translation>Học trên &amp;mô hình:</translation>
    </message>
    <message>
        <source>Remove from its pil&amp;e</source>
        <translation>&amp;Loại khỏi nhóm ảnh</translation>
    </message>
    <message>
        <source>&amp;Use these labels</source>
        <translation>Dùng các nhãn này (&amp;U)</translation>
    </message>
    <message>
        <source>A folder with one sub-folder of photos per label</source>
        <translation>Một thư mục có mỗi nhãn một thư mục con chứa ảnh</translation>
    </message>
    <message>
        <source>New label</source>
        <translation>Nhãn mới</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Nhãn:</translation>
    </message>
    <message>
        <source>Choose the label the photos show first.</source>
        <translation>Hãy chọn trước nhãn mà các ảnh thể hiện.</translation>
    </message>
    <message>
        <source>Photos of {label}</source>
        <translation>Ảnh của {label}</translation>
    </message>
    <message>
        <source>Add at least two labels.</source>
        <translation>Hãy thêm ít nhất hai nhãn.</translation>
    </message>
    <message>
        <source>Two labels have the same name.</source>
        <translation>Hai nhãn trùng tên.</translation>
    </message>
    <message>
        <source>Give {labels} at least {least} photos each.</source>
        <translation>Hãy cho {labels} mỗi nhãn ít nhất {least} ảnh.</translation>
    </message>
    <message>
        <source>No model&apos;s weights are here to learn on.</source>
        <translation>Chưa có trọng số của mô hình nào để học trên đó.</translation>
    </message>
    <message>
        <source>Looking at the photos…</source>
        <translation>Đang xem các ảnh…</translation>
    </message>
    <message>
        <source>Learning the labels…</source>
        <translation>Đang học các nhãn…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was learned; Teach starts again.</source>
        <translation>Đã dừng. Chưa học được gì; nhấn Dạy để bắt đầu lại.</translation>
    </message>
    <message>
        <source>{count} photos could not be read and were left out.</source>
        <translation>{count} ảnh không đọc được và đã bị bỏ qua.</translation>
    </message>
    <message>
        <source>Right {accuracy:.0%} of the time on photos it had not learned from (each photo was held out once while it learned from the others).</source>
        <translation>Đúng {accuracy:.0%} số lần trên những ảnh nó chưa được học (mỗi ảnh được để riêng một lần trong khi nó học từ các ảnh khác).</translation>
    </message>
    <message>
        <source>It recognised every photo.</source>
        <translation>Nó nhận ra mọi ảnh.</translation>
    </message>
    <message>
        <source>{name}: a “{truth}” taken for “{answer}” ({probability:.0%})</source>
        <translation>{name}: một ảnh “{truth}” bị nhận là “{answer}” ({probability:.0%})</translation>
    </message>
    <message>
        <source>Moved. Teach again to learn from the change.</source>
        <translation>Đã chuyển. Hãy dạy lại để học từ thay đổi này.</translation>
    </message>
    <message>
        <source>Removed. Teach again to learn from the change.</source>
        <translation>Đã bỏ. Hãy dạy lại để học từ thay đổi này.</translation>
    </message>
    <message>
        <source>Replace?</source>
        <translation>Thay thế?</translation>
    </message>
    <message>
        <source>A label set named {name} is kept already. Replace it?</source>
        <translation>Đã có một bộ nhãn tên {name}. Thay thế nó?</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Mở…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>Mở &amp;thư mục…</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>&amp;Save results…</source>
        <translation>&amp;Lưu kết quả…</translation>
    </message>
    <message>
        <source>&amp;Copy results</source>
        <translation>&amp;Chép kết quả</translation>
    </message>
    <message>
        <source>Save &amp;image with heatmap…</source>
        <translation>Lưu ảnh kèm bản đồ &amp;nhiệt…</translation>
    </message>
    <message>
        <source>&amp;Undo sort</source>
        <translation>&amp;Hoàn tác sắp xếp</translation>
    </message>
    <message>
        <source>New &amp;label set…</source>
        <translation>&amp;Bộ nhãn mới…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Classify again</source>
        <translation>&amp;Nhận dạng lại</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Dừng</translation>
    </message>
    <message>
        <source>&amp;Manage downloads…</source>
        <translation>&amp;Quản lý tải về…</translation>
    </message>
    <message>
        <source>&amp;Import weights file…</source>
        <translation>N&amp;hập tệp trọng số…</translation>
    </message>
    <message>
        <source>C&amp;ompare models…</source>
        <translation>&amp;So sánh các mô hình…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
    <message>
        <source>&amp;What can it recognise?</source>
        <translation>&amp;Nhận ra được những gì?</translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>&amp;Báo lỗi…</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Hiện &amp;chi tiết</translation>
    </message>
    <message>
        <source>&amp;Spreadsheet (CSV)…</source>
        <translation>&amp;Bảng tính (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Results (JSON)…</source>
        <translation>&amp;Kết quả (JSON)…</translation>
    </message>
    <message>
        <source>&amp;Keywords for photo managers (XMP beside each photo)</source>
        <translation>&amp;Từ khóa cho trình quản lý ảnh (XMP cạnh mỗi ảnh)</translation>
    </message>
    <message>
        <source>S&amp;ort into folders by label…</source>
        <translation>&amp;Xếp vào thư mục theo nhãn…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Mở &amp;gần đây</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>Mô &amp;hình</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Xóa danh sách</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>Ngôn ngữ của &amp;hệ thống</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>cách dùng: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>tham số vị trí</translation>
    </message>
    <message>
        <source>options</source>
        <translation>tùy chọn</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>hiện trợ giúp này rồi dừng</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>tham số %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>tham số không nhận ra: %s</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>tùy chọn mơ hồ: %(option)s có thể là %(matches)s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>lựa chọn không hợp lệ: %(value)r (chọn trong %(choices)s)</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>không mở được &apos;%(filename)s&apos;: %(error)s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>cần đúng một giá trị</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>cần nhiều nhất một giá trị</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>cần ít nhất một giá trị</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>cần %s giá trị</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>cần %s giá trị</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>giá trị %(type)s không hợp lệ: %(value)r</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>thiếu các tham số bắt buộc: %s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>cần một trong các tham số %s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>không dùng được cùng tham số %s</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>bỏ qua giá trị %r</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>không có lệnh %(parser_name)r (các lệnh: %(choices)s)</translation>
    </message>
</context>
</TS>
