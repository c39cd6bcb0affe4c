"""A 专栏's closing "(牵头单位:…)" is the whole box's, even when the layout joins it to the
last item's line (a line as long as the one before it reads as a broken line); an item's own
inline lead statement stays the item's."""

from __future__ import annotations

from plancockpit.layout import clean_source
from plancockpit.outline import Node, build_outline
from plancockpit.read import SourceDocument

BOX = """第三章 建设现代产业体系
专栏1 先进制造业重点工程
1.智能装备产业园：建成智能装备产业园二期，新增用地800亩，引进重点项目20个。
2.企业技术改造：每年实施技术改造项目100项以上，工业投资年均增长8%。
(牵头单位:区经信局、区发改局)

二、发展现代服务业
"""


def _outline(text: str) -> Node:
    source = SourceDocument(name="t.txt", text=text, format="txt")
    return build_outline(source, clean_source(source))


def test_a_closing_lead_line_goes_to_the_box() -> None:
    root = _outline(BOX)
    box = next(n for n in root.walk() if n.kind == "box")
    items = [n for n in box.walk() if n.kind == "item"]
    assert box.lead_units == ["区经信局", "区发改局"]
    assert len(items) == 2 and all(not i.lead_units for i in items)


def test_an_items_own_lead_units_stay_its_own() -> None:
    text = BOX.replace("增长8%。\n(牵头单位", "增长8%。(牵头单位")
    root = _outline(text)
    box = next(n for n in root.walk() if n.kind == "box")
    items = [n for n in box.walk() if n.kind == "item"]
    assert items[-1].lead_units == ["区经信局", "区发改局"]
    assert not items[0].lead_units and not box.lead_units


def test_the_examples_box_joined_by_the_layout() -> None:
    from plancockpit.read import read_file
    from plancockpit.services.ingest.run import example_paths

    plan = next(p for p in example_paths() if "plan" in p.name)
    source = read_file(plan)
    root = build_outline(source, clean_source(source))
    box = next(n for n in root.walk() if n.kind == "box")
    assert box.lead_units == ["区经信局", "区发改局"]
    assert [i.lead_units for i in box.walk() if i.kind == "item"] == [[], []]
