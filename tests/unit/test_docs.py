"""The documentation site's sources: generated pages current, every page in the nav, no link outside the repo."""

import re

import pytest

from tests.conftest import REPO, load_script
from toolkit.annotate.codebook import DECISION_RULES, codebook_markdown
from toolkit.taxonomy import load_taxonomy, taxonomy_from_dict


@pytest.fixture(scope="module")
def reference():
    return load_script("docs_reference")


@pytest.mark.parametrize("page", ["cli.md", "codebook.md"])
def test_generated_page_is_current(reference, page):
    committed = (REPO / "docs" / page).read_text(encoding="utf-8")
    assert committed == reference.PAGES[page](), (
        f"docs/{page} is stale: run `python scripts/docs_reference.py` (or `make docs`) and commit it")


def test_cli_reference_shows_every_command_and_option(reference):
    import click

    from toolkit.cli import cli

    page = reference.cli_page()
    for path, command in reference.walk(cli):
        assert f"## `barriers {' '.join(path)}`" in page
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.opts[0] in page, f"barriers {' '.join(path)}: {param.opts[0]} missing from docs/cli.md"


def test_check_mode_reports_a_stale_page(reference, tmp_path, monkeypatch, capsys):
    for name in reference.PAGES:
        (tmp_path / name).write_text("old\n")
    monkeypatch.setattr(reference, "DOCS", tmp_path)
    monkeypatch.setattr(reference, "REPO", tmp_path.parent)
    assert reference.main(["--check"]) == 1
    assert "stale: docs/cli.md, docs/codebook.md" in capsys.readouterr().err
    assert reference.main([]) == 0 and reference.main(["--check"]) == 0


def nav_pages(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [p for value in node.values() for p in nav_pages(value)]
    return [p for item in node for p in nav_pages(item)]


def test_every_docs_page_is_in_the_nav():
    yaml = pytest.importorskip("yaml")
    # mkdocs.yml has no custom tags, so the safe loader reads it.
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    in_nav = nav_pages(config["nav"])
    pages = sorted(p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md"))
    assert sorted(in_nav) == pages
    assert all((REPO / "docs" / page).is_file() for page in in_nav)


def test_no_docs_page_points_outside_the_repository():
    for page in (REPO / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "shared/codebook" not in text, f"{page.name} names the codebook outside the repo; link codebook.md"
        for target in re.findall(r"\]\(([^)#]+)", text):
            if not target.startswith(("http://", "https://", "mailto:")):
                assert (page.parent / target).resolve().is_relative_to(REPO / "docs"), f"{page.name} -> {target}"


def test_codebook_page_carries_every_label_and_the_decision_rules():
    page = (REPO / "docs" / "codebook.md").read_text(encoding="utf-8")
    for label in load_taxonomy().labels:
        assert f"## `{label.id}`: {label.name}" in page
    assert "## Decision rules" in page and DECISION_RULES[-1] in page


def test_decision_rules_only_for_the_default_taxonomy():
    custom = taxonomy_from_dict({"name": "mine", "labels": [{"id": "a", "name": "A", "definition": "d"}]})
    assert "Decision rules" not in codebook_markdown(custom)
    assert "Decision rules" in codebook_markdown(load_taxonomy())
