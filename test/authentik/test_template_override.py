"""The /templates override: a same-name `base/skeleton.html` that extends authentik's original.

Rendered by Django's real template engine, configured the way authentik searches templates: the
mounted /templates folder (ours) first, then authentik's own templates (a minimal stand-in here).
"""

from __future__ import annotations

import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.template import engines

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "src" / "authentik" / "templates"
OVERRIDE = OURS / "base" / "skeleton.html"

AUTHENTIK_SKELETON = """<!DOCTYPE html>
<html>
    <head>
        <title>{% block title %}authentik{% endblock %}</title>
        <script src="/static/dist/poly.js" type="module"></script>
        {% block head %}{% endblock %}
    </head>
    <body>
        {% block body %}{% endblock %}
        {% block scripts %}<script src="/static/dist/original.js" type="module"></script>{% endblock %}
    </body>
</html>
"""
AUTHENTIK_FLOW_PAGE = """{% extends "base/skeleton.html" %}
{% block head %}<link rel="stylesheet" href="/static/dist/flow.css">{% endblock %}
{% block body %}<ak-flow-executor flowSlug="{{ flow_slug }}"></ak-flow-executor>{% endblock %}
"""
BRIDGE_TAG = re.compile(r'\n<script type="module" src="(?P<src>[^"]+)"(?P<data>[^>]*)></script>\n')


@pytest.fixture(scope="module")
def authentik_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("authentik-templates")
    (folder / "base").mkdir()
    (folder / "base" / "skeleton.html").write_text(AUTHENTIK_SKELETON, encoding="utf-8")
    (folder / "if").mkdir()
    (folder / "if" / "flow.html").write_text(AUTHENTIK_FLOW_PAGE, encoding="utf-8")
    return folder


def engine(*dirs: Path):
    """A DjangoTemplates backend (cached loader, as in production) searching `dirs` in order."""
    if not settings.configured:
        settings.configure(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "NAME": "unused"}])
        django.setup()
    from django.template.backends.django import DjangoTemplates

    return DjangoTemplates({"NAME": f"engine-{len(dirs)}-{id(dirs)}", "DIRS": [str(d) for d in dirs], "APP_DIRS": False, "OPTIONS": {}})


def render(template_engine, name: str) -> str:
    return template_engine.get_template(name).render({"flow_slug": "default-user-settings-flow"})


def test_the_override_extends_the_original_and_only_appends_to_the_scripts_block(authentik_templates):
    original = render(engine(authentik_templates), "base/skeleton.html")
    overridden = render(engine(OURS, authentik_templates), "base/skeleton.html")

    tags = BRIDGE_TAG.findall(overridden)
    assert len(tags) == 1, "the bridge script must be added exactly once (no recursion)"
    assert BRIDGE_TAG.sub("", overridden) == original, "everything else of authentik's page is unchanged"
    assert overridden.index("original.js") < overridden.index("bridge.js") < overridden.index("</body>")


def test_every_authentik_page_built_on_the_skeleton_gets_the_bridge(authentik_templates):
    original = render(engine(authentik_templates), "if/flow.html")
    overridden = render(engine(OURS, authentik_templates), "if/flow.html")

    assert "flow.css" in overridden and "<ak-flow-executor" in overridden
    assert BRIDGE_TAG.sub("", overridden) == original


def test_without_authentiks_original_behind_it_the_override_cannot_render():
    """Proves the override really resolves to the next template of the same name, not to itself."""
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        render(engine(OURS), "base/skeleton.html")


def test_the_bridge_tag_is_a_module_script_whose_data_attributes_match_the_blueprint_prompts():
    source = OVERRIDE.read_text(encoding="utf-8")
    assert source.startswith('{% extends "base/skeleton.html" %}\n')
    assert re.findall(r"{% block (\w+) %}", source) == ["scripts"], "only the scripts block is overridden"
    assert "{% block scripts %}{{ block.super }}\n" in source, "authentik's own scripts come first"

    tag = BRIDGE_TAG.search(source)
    assert tag, "one <script type=module src=...> line"
    assert re.fullmatch(r"https://[^/]+/bridge\.js", tag["src"]), "a placeholder the admin replaces with PUBLIC_URL + /bridge.js"
    data = dict(re.findall(r'data-([\w-]+)="([^"]*)"', tag["data"]))
    assert data == {
        "avatar-field": "attributes.avatar",
        "reset-field": "attributes.avatar_reset",
        "fallback": "https://avatars.example.org/identicon/%(mail_hash)s.png",  # avatars_setting.py's default, after "attributes.avatar,"
        "size": "1024",
    }


def test_the_comment_explains_the_url_to_edit_and_the_copy_the_template_fallback():
    comment = OVERRIDE.read_text(encoding="utf-8").split("{% endcomment %}")[0]
    assert "EDIT the URL" in comment
    assert "/authentik/core/templates/base/skeleton.html" in comment
    assert "after every upgrade" in comment
