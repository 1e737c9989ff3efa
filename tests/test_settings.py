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


def test_a_bad_setting_or_path_is_one_line_naming_it(monkeypatch, capsys, tmp_path):
    """Was 'unexpected ValidationError: 1 validation error for TelegramSettings', naming no variable."""
    import bot.cli

    monkeypatch.setenv("JIANCHA_RATE_LIMIT", "ten")
    assert bot.cli.main(["docs"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "JIANCHA_RATE_LIMIT='ten'" in err and "unexpected" not in err
    monkeypatch.delenv("JIANCHA_RATE_LIMIT")
    monkeypatch.setenv("JIANCHA_ALLOWED_USERS", "@zhangsan")
    assert bot.cli.main(["docs"]) == 1
    assert "numeric Telegram ids" in capsys.readouterr().err
    monkeypatch.delenv("JIANCHA_ALLOWED_USERS")
    a_file = tmp_path / "afile"
    a_file.write_text("x")
    monkeypatch.setenv("JIANCHA_DATA_DIR", str(a_file))
    assert bot.cli.main(["docs"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(a_file) in err and "JIANCHA_DATA_DIR" in err and "unexpected" not in err


def test_a_closed_pipe_ends_quietly(monkeypatch, capsys):
    """`jiancha docs | head -1` ended with 'unexpected BrokenPipeError'."""
    import bot.cli

    def closed(args):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(bot.cli, "cmd_docs", closed)
    assert bot.cli.main(["docs"]) == 0
    assert capsys.readouterr().err == ""


def test_numbers_an_admin_sets_are_checked_and_a_file_is_no_data_folder(monkeypatch, capsys, tmp_path):
    """JIANCHA_EMBED_BATCH=0 crashed ingest (range() arg 3), JIANCHA_K=0 was taken silently; a data dir that is a
    file gave 'File exists'; '担任县级以上…' tagged the criminal procedure rules as about 河北 (任县)."""
    import bot.cli
    from retrieval.search.regions import gazetteer

    for name, value in (("JIANCHA_EMBED_BATCH", "0"), ("JIANCHA_K", "-3"), ("JIANCHA_MAX_FILE_MB", "-1")):
        monkeypatch.setenv(name, value)
        assert bot.cli.main(["docs"]) == 1
        assert f"{name}='{value}'" in capsys.readouterr().err
        monkeypatch.delenv(name)
    a_file = tmp_path / "afile"
    a_file.write_text("x")
    monkeypatch.setenv("JIANCHA_DATA_DIR", str(a_file))
    assert bot.cli.main(["docs"]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    assert gazetteer().find_in_text("担任县级以上人民代表大会代表") == []
    assert [r.name for r in gazetteer().find_in_text("河北省任县人民检察院")] == ["河北省", "任县"]
