"""The Sync area at 80x24, driven by its keys: e export, i import, v verify, r resolve."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Button, DataTable, Static

from duunikulma_tui.services.sync import conflicts
from duunikulma_tui.services.sync.exporter import export_bundle
from duunikulma_tui.store import records
from duunikulma_tui.tui.areas.sync import PathScreen, ResolveScreen, SyncArea
from duunikulma_tui.tui.widgets.desk_input import DeskInput

from .test_sync_support import add_client, network, send

SIZE = (80, 24)


class AreaApp(App[None]):
    """Just the area, the way the main screen hosts it (it reads `app.desk`)."""

    def __init__(self, desk) -> None:
        super().__init__()
        self.desk = desk

    def compose(self):
        yield SyncArea(id="sync-area")

    def on_mount(self) -> None:
        self.query_one("#sync-conflicts", DataTable).focus()


async def settle(app, pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def text(app, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_the_area_shows_identity_peers_and_conflicts_and_resolves_one(tmp_path):
    coord, desk = network(tmp_path, ("Koordinaattori", "Piste 1"))
    out = tmp_path / "out"
    try:
        cid = add_client(desk, "Matti", "Virtanen")
        send(desk, coord, out)
        send(coord, desk, out)
        records.update(desk.store, "client", cid, {"phone": "0401"}, None)
        records.update(coord.store, "client", cid, {"phone": "0402"}, None)
        send(desk, coord, out)
        app = AreaApp(coord)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert "Koordinaattori (koordinaattori)" in text(app, "#sync-me")
            peers = app.query_one("#sync-peers", DataTable)
            assert peers.get_row_at(0)[0] == "Piste 1"
            table = app.query_one("#sync-conflicts", DataTable)
            assert table.row_count == 1 and table.get_row_at(0)[1] == "phone"
            assert "Avoimet ristiriidat: 1" in text(app, "#sync-conflicts-title")
            # Everything fits: the conflict table's row is on screen at 80x24.
            assert table.region.bottom <= SIZE[1] and table.region.height >= 2
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ResolveScreen)
            await pilot.click("#take_other")
            await settle(app, pilot)
            assert table.row_count == 0
            assert text(app, "#sync-status") == "Ristiriita ratkaistu."
        assert conflicts.open_conflicts(coord) == []
    finally:
        coord.close()
        desk.close()


async def test_export_import_and_verify_from_the_area(tmp_path):
    coord, desk = network(tmp_path, ("Koordinaattori", "Piste 1"))
    try:
        add_client(desk, "Matti", "Virtanen")
        incoming = export_bundle(desk, tmp_path).path
        app = AreaApp(coord)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("v")
            await pilot.pause()
            assert isinstance(app.screen, PathScreen)
            app.screen.query_one(DeskInput).value = str(incoming)
            await pilot.press("enter")
            await settle(app, pilot)
            assert "Piste 1:" in text(app, "#sync-status")
            await pilot.press("i")
            await pilot.pause()
            app.screen.query_one(DeskInput).value = str(incoming)
            await pilot.click("#sync-path-ok")
            await settle(app, pilot)
            assert "Tuotu" in text(app, "#sync-status")
            await pilot.press("e")
            await settle(app, pilot)
            assert "Nippu kirjoitettu" in text(app, "#sync-status")
            assert "Viimeksi viety" in text(app, "#sync-last")
        assert coord.store.scalar("SELECT COUNT(*) FROM client") == 1
        assert list((coord.path.parent / "bundles").glob("*.age"))
    finally:
        coord.close()
        desk.close()


async def test_escape_cancels_the_questions(tmp_path):
    (alone,) = network(tmp_path, ("Yksin",))
    try:
        app = AreaApp(alone)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert "Ei vertaiskoneita" in text(app, "#sync-waiting")
            await pilot.press("i")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, PathScreen)
            await pilot.press("r")
            await settle(app, pilot)
            assert text(app, "#sync-status") == "Valitse ensin ristiriita listasta."
            await pilot.press("e")
            await settle(app, pilot)
            assert "Vertaiskoneita ei ole" in text(app, "#sync-status")
            assert not app.query(Button)
    finally:
        alone.close()
