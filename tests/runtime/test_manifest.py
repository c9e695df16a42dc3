"""manifest.yml is a valid Slack app manifest and registers exactly the contract's commands."""

from __future__ import annotations

import json

import yaml

from handlers.usage import USAGE
from tests.conftest import ROOT, shared_path


def _manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text())


def test_manifest_validates_against_slacks_schema():
    import jsonschema

    manifest = _manifest()
    major = manifest["_metadata"]["major_version"]
    schema = json.loads(shared_path("slack-manifest-schema", "schemas", f"manifest.schema.{major}.0.0.json").read_text())
    jsonschema.validate(manifest, schema)


def test_manifest_registers_the_five_commands_with_scopes_the_features_need():
    manifest = _manifest()
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert commands == set(USAGE)
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "im:write", "users:read"} <= scopes
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert {"app_home_opened", "app_uninstalled", "tokens_revoked"} <= set(manifest["settings"]["event_subscriptions"]["bot_events"])
    for c in manifest["features"]["slash_commands"]:
        assert c["url"].endswith("/slack/events")
