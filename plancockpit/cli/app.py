"""The Typer application every command module registers on."""

import typer

app = typer.Typer(
    name="plancockpit",
    help="Planning documents in, a tracked system of targets out. / 规划文本 → 目标跟踪体系",
    no_args_is_help=True,
    add_completion=False,
)
