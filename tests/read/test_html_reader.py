"""HTML: article text as lines, page chrome and navigation dropped, headings kept as hints."""

from __future__ import annotations

from plancockpit.read import read_bytes

PAGE = """<html><head><meta charset="gbk"><title>报告</title><style>p{}</style></head><body>
<header>萧山区人民政府门户网站</header><nav>首页 | 政务公开</nav>
<div class="tools">字号：<a>大</a> <a>中</a> <a>小</a></div>
<h1>2026年政府工作报告</h1>
<p>今年主要预期目标是：地区生产总值增长<strong>5.5%</strong>左右。</p>
<p>城镇新增就业<br>2万人以上。</p>
<table><tr><th>序号</th><th>指标</th></tr><tr><td>1</td><td>GDP</td></tr></table>
<div>【打印本页】【关闭窗口】</div><div>分享到：微信 微博</div>
<script>var x = "分享";</script><footer>版权所有</footer></body></html>"""


def test_blocks_become_lines_and_chrome_is_dropped() -> None:
    doc = read_bytes("report.html", PAGE.encode("gbk"))
    assert doc.text.splitlines() == [
        "2026年政府工作报告",
        "今年主要预期目标是：地区生产总值增长5.5%左右。",
        "城镇新增就业",
        "2万人以上。",
        "序号 | 指标 |",
        "1 | GDP |",
    ]
    assert doc.encoding == "gbk"
    (heading,) = doc.headings
    assert doc.text[heading.start : heading.end] == "2026年政府工作报告" and heading.level == 1


def test_htm_extension_is_html() -> None:
    doc = read_bytes("a.HTM", "<p>正文一段。</p>".encode())
    assert doc.format == "html" and doc.text == "正文一段。"


def test_a_page_nested_thousands_deep_is_read() -> None:
    page = (
        "<html><body>"
        + "<div>" * 5000
        + "<p>到2025年，全区生产总值达到100亿元。</p>"
        + "</div>" * 5000
        + "<h2>二、任务</h2><table><tr><td>甲</td><td>1</td></tr></table></body></html>"
    )
    text = read_bytes("deep.html", page.encode("utf-8")).text
    assert "全区生产总值达到100亿元" in text and "二、任务" in text and "甲 | 1" in text
