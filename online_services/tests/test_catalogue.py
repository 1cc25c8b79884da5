"""manage.py import_ozg_catalogue: the real catalogue, re-imports, broken files."""

import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from online_services.catalogue import responsibility_for
from online_services.models import LeikaService, LifeSituation, OZGService, ServiceTopic

pytestmark = pytest.mark.django_db

CATALOGUE = settings.BASE_DIR.parent / "shared" / "data" / "ozg_catalogue"
needs_catalogue = pytest.mark.skipif(not CATALOGUE.is_dir(), reason="shared data missing")


def _counts():
    return (
        ServiceTopic.objects.count(),
        LifeSituation.objects.count(),
        OZGService.objects.count(),
        LeikaService.objects.count(),
        LeikaService.objects.filter(has_leika_key=False).count(),
    )


def _import(directory, capsys=None):
    call_command("import_ozg_catalogue", str(directory))
    return capsys.readouterr() if capsys else None


@needs_catalogue
def test_real_catalogue_imports_once_and_updates_on_reimport(capsys):
    output = _import(CATALOGUE, capsys)
    # 5,251 LeiKa rows, of which two test rows of the source ("Test 124") carry no
    # 14-digit key and are skipped with a warning; 436 rows are "nicht im LeiKa".
    assert _counts() == (14, 58, 557, 5249, 436)
    assert "OZG-Leistungen: 557 angelegt, 0 aktualisiert" in output.out
    assert "Zeile 5251" in output.err

    service = OZGService.objects.get(ozg_id="10513")
    assert service.name == "Abbruchgenehmigung"
    assert service.topic.name == "Bauen & Wohnen"
    leika = LeikaService.objects.get(catalogue_id=2)
    assert (leika.leika_key, leika.has_leika_key, leika.ozg_service) == (
        "99012001000000",
        True,
        service,
    )
    assert leika.responsibility == LeikaService.Responsibility.STATE
    without_key = LeikaService.objects.get(catalogue_id=1)
    assert (without_key.leika_key, without_key.has_leika_key) == ("", False)

    OZGService.objects.filter(ozg_id="10513").update(name="geändert")
    output = _import(CATALOGUE, capsys)
    assert _counts() == (14, 58, 557, 5249, 436)
    assert "OZG-Leistungen: 0 angelegt, 557 aktualisiert" in output.out
    assert OZGService.objects.get(ozg_id="10513").name == "Abbruchgenehmigung"


@pytest.mark.parametrize(
    ("leika_type", "responsibility"),
    [("1", "FEDERAL"), ("2/3", "MUNICIPAL"), ("1, 2/3", "FEDERAL"), ("4", "STATE"), ("44", "")],
)
def test_leika_type_maps_to_responsibility(leika_type, responsibility):
    assert responsibility_for(leika_type) == responsibility


def _small_catalogue(tmp_path):
    directory = tmp_path / "katalog"
    directory.mkdir()
    (directory / "themenfelder.csv").write_text("id,name\n1,Bauen & Wohnen\n", encoding="utf-8")
    (directory / "lebenslagen.csv").write_text(
        "id,themenfeld_id,themenfeld,name\n7,1,Bauen & Wohnen,Bauen & Immobilien\n",
        encoding="utf-8",
    )
    (directory / "ozg_leistungen.csv").write_text(
        "id,ozg_id,name,lebenslage_id,lebenslage,themenfeld_id,themenfeld\n"
        "1,00513,Abbruchgenehmigung,7,Bauen & Immobilien,1,Bauen & Wohnen\n",
        encoding="utf-8",
    )
    (directory / "leika_leistungen.csv").write_text(
        "id,leika_schluessel,name,leika_typ,ozg_leistung_id,ozg_id,rechtsgrundlage\n"
        "1,09012001000000,Abbruchgenehmigung,4,1,00513,§ 63 BauO NRW\n"
        "2,nicht im LeiKa,Abbruchanzeige,5,1,00513,\n",
        encoding="utf-8",
    )
    return directory


def test_keys_stay_strings_with_leading_zeros(tmp_path):
    _import(_small_catalogue(tmp_path))
    assert OZGService.objects.get().ozg_id == "00513"
    assert LeikaService.objects.get(catalogue_id=1).leika_key == "09012001000000"
    assert LeikaService.objects.get(catalogue_id=2).has_leika_key is False


def test_missing_directory_and_file_are_reported_in_german(tmp_path):
    with pytest.raises(CommandError, match=r"Das Verzeichnis .* existiert nicht"):
        _import(tmp_path / "fehlt")
    directory = _small_catalogue(tmp_path)
    (directory / "lebenslagen.csv").unlink()
    with pytest.raises(CommandError, match=r"Die Datei .*lebenslagen\.csv fehlt"):
        _import(directory)
    assert _counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,name\n1,Abbruchgenehmigung\n", "fehlen die Spalten"),
        (
            "id,leika_schluessel,name,leika_typ,ozg_leistung_id,ozg_id,rechtsgrundlage\n"
            "1,09012001000000,Abbruch,4,1,00513,\nx,09012001000001,Anzeige,4,1,00513,\n",
            "Zeile 3: „x“ in Spalte id ist keine ganze Zahl",
        ),
        (
            "id,leika_schluessel,name,leika_typ,ozg_leistung_id,ozg_id,rechtsgrundlage\n"
            "1,09012001000000,Abbruch,4,99,00513,\n",
            "ozg_leistung_id 99 verweist auf keine Zeile",
        ),
    ],
)
def test_malformed_csv_writes_nothing(tmp_path, content, message):
    directory = _small_catalogue(tmp_path)
    (directory / "leika_leistungen.csv").write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        _import(directory)
    assert _counts() == (0, 0, 0, 0, 0)


def test_a_failed_reimport_leaves_the_previous_import(tmp_path):
    directory = _small_catalogue(tmp_path)
    _import(directory)
    broken = tmp_path / "kaputt"
    shutil.copytree(directory, broken)
    text = (broken / "ozg_leistungen.csv").read_text(encoding="utf-8")
    (broken / "ozg_leistungen.csv").write_text(text.replace("00513", ""), encoding="utf-8")
    with pytest.raises(CommandError, match="die OZG-ID ist leer"):
        _import(broken)
    assert _counts() == (1, 1, 1, 2, 1)
