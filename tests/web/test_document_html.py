"""A document's outline and text as HTML: every value escaped, titles shortened as Jinja's
truncate(28, True, '…') did, runs in the order `segments` gives them."""

from __future__ import annotations

from jinja2 import Environment

from plancockpit.web.document_html import outline_items, short_title, text_runs


def test_a_title_is_shortened_as_the_template_filter_did() -> None:
    truncate = Environment().from_string("{{ s|truncate(28, True, '…') }}")
    for n in range(0, 60):
        title = "".join(chr(0x4E00 + i) for i in range(n))
        assert short_title(title) == truncate.render(s=title), n


def test_the_outline_indents_links_and_escapes() -> None:
    html = outline_items(
        [
            {"id": 7, "depth": 0, "number": "一、", "title": "总体要求"},
            {"id": 8, "depth": 3, "number": "(一)", "title": '<img src=x onerror="alert(1)">'},
        ]
    )
    assert str(html) == (
        '<li style="padding-left: 0em"><a href="#s7">一、 总体要求</a></li>'
        '<li style="padding-left: 2.4em"><a href="#s8">(一) '
        "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;</a></li>"
    )


def test_text_runs_mark_records_and_anchor_sections_and_escape() -> None:
    html = text_runs(
        [
            {"anchor": 3},
            {"text": "增长<b>"},
            {"text": "7%", "record_id": 11, "kind": "target", "state": "confirmed"},
            {"text": "&", "record_id": 12, "kind": "actual"},  # the public view: no state
            {"text": '"><script>alert(1)</script>'},
        ]
    )
    assert str(html) == (
        '<a id="s3" class="anchor"></a>增长&lt;b&gt;'
        '<mark id="r11" class="k-target st-confirmed" data-record="11">7%</mark>'
        '<mark id="r12" class="k-actual" data-record="12">&amp;</mark>'
        "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    )
