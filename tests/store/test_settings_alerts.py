import pytest

from liftcalm.store import Store
from liftcalm.store.settings import SettingsRepository

SWITCHES = ("sound_on", "countdown_beeps", "notifications", "taskbar_alert", "tray_time")


def test_rest_alerts_are_all_on_by_default_at_80_percent(store):
    assert all(getattr(store.settings, key) is True for key in SWITCHES)
    assert store.settings.volume == 80


@pytest.mark.parametrize("key", SWITCHES)
def test_a_switch_survives_reopening(tmp_path, key):
    with Store(tmp_path / "a.db") as store:
        setattr(store.settings, key, False)
    with Store(tmp_path / "a.db") as store:
        assert getattr(store.settings, key) is False
        assert all(getattr(store.settings, other) for other in SWITCHES if other != key)
        setattr(store.settings, key, True)
        assert getattr(store.settings, key) is True


def test_volume_survives_reopening(tmp_path):
    with Store(tmp_path / "a.db") as store:
        store.settings.volume = 0
        assert store.settings.volume == 0
        store.settings.volume = 100
    with Store(tmp_path / "a.db") as store:
        assert store.settings.volume == 100


@pytest.mark.parametrize("value", [-1, 101, 55.5, "50", None, True])
def test_volume_refuses_anything_but_a_whole_number_from_0_to_100(store, value):
    with pytest.raises(ValueError, match="Volume must be"):
        store.settings.volume = value
    assert store.settings.volume == 80


@pytest.mark.parametrize("value", [1, 0, "1", "on", None])
def test_switches_refuse_anything_but_a_bool(store, value):
    with pytest.raises(ValueError, match="must be on or off"):
        store.settings.countdown_beeps = value
    assert store.settings.countdown_beeps is True


def test_a_damaged_volume_reads_as_the_default_or_clamped(store):
    store.settings.set("volume", "loud")
    assert store.settings.volume == 80
    store.settings.set("volume", "250")
    assert store.settings.volume == 100


def test_every_alert_setting_has_a_default():
    assert set(SWITCHES) | {"volume"} <= set(SettingsRepository.DEFAULTS)
