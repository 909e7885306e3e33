"""Every command is documented: a help text, and a mention in the README."""
from pathlib import Path

from click.testing import CliRunner

from veille.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_in_the_readme():
    runner = CliRunner()
    assert main.commands, "no commands registered"
    for name, cmd in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert cmd.help and len(cmd.help.split()) >= 4, f"{name} has no real help text"
        assert f"veille {name}" in README, f"README does not show `veille {name}`"


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "veille" in result.output


def test_every_evaluation_task_is_named_in_the_help_and_the_readme():
    from veille.eval import TASKS

    import re

    text = re.sub(r"-\s+", "-", " ".join(CliRunner().invoke(main, ["eval", "--help"]).output.split()))
    for task in TASKS:
        assert task in text, f"`veille eval --help` does not name {task}"
        assert f"`{task}`" in README, f"the README's task list does not name {task}"
