"""Settings: every field described, every variable documented in .env.example, the environment obeyed."""

from conftest import ROOT
from retrieval.settings import Settings


def _fields():
    for group_name, group_field in Settings.model_fields.items():
        assert group_field.description, group_name
        for name, field in group_field.default_factory.model_fields.items():
            yield f"{group_name}.{name}", field


def test_every_setting_has_a_description_and_is_in_env_example():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name, field in _fields():
        assert field.description, name
        alias = field.validation_alias.choices[0]
        assert f"# {alias}=" in example, f"{alias} missing from .env.example (run scripts/gen_env_example.py)"


def test_environment_variables_reach_the_groups(monkeypatch, tmp_path):
    monkeypatch.setenv("JIANCHA_DATA_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    settings = Settings()
    assert settings.store.data_dir == tmp_path / "elsewhere"
    assert settings.store.chroma_host == "127.0.0.1"
    assert settings.llm.configured
