"""The screens from the command line: chair, projector, station, demo (Textual is imported only when one opens)."""

from __future__ import annotations

import argparse

from tui.cli.registry import command, db_args


def _screen_args(p: argparse.ArgumentParser) -> None:
    db_args(p)


@command("chair", "bàn điều hành của chủ trì / the chair console")(_screen_args)
def run_chair(a: argparse.Namespace) -> int:
    from tui.screens_entry import open_chair

    return open_chair(a.db, a.session, a.lang)


def _project_args(p: argparse.ArgumentParser) -> None:
    db_args(p)
    p.add_argument("--web", action="store_true", help="phục vụ màn chiếu cho trình duyệt / serve the projector to a browser")
    p.add_argument("--host", default="127.0.0.1",
                   help="địa chỉ lắng nghe của --web (mặc định: chỉ máy này) / where --web listens (default: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="cổng của --web (mặc định 8000) / the port of --web (default 8000)")


@command("project", "màn hình chiếu / the projector view")(_project_args)
def run_project(a: argparse.Namespace) -> int:
    if a.web:
        from tui.web import serve_projector

        return serve_projector(a.db, a.session, a.lang, a.host, a.port)
    from tui.screens_entry import open_projector

    return open_projector(a.db, a.session, a.lang)


def _station_args(p: argparse.ArgumentParser) -> None:
    db_args(p)
    p.add_argument("--name", required=True, help="voter id of the counting-team member")
    p.add_argument("--station", default="", help="tên máy (mặc định: mã thành viên) / station name (default: the member's id)")


@command("station", "máy kiểm phiếu / a counting station")(_station_args)
def run_station(a: argparse.Namespace) -> int:
    from tui.screens_entry import open_station

    return open_station(a.db, a.session, a.name, a.lang, station=a.station)


def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="where to keep the demo session (default: the user's data folder)")
    p.add_argument("--fresh", action="store_true", help="start a new demo session")


@command("demo", "mở phiên minh họa / open the demo session")(_demo_args)
def run_demo(a: argparse.Namespace) -> int:
    from tui.demo import demo_db
    from tui.screens_entry import open_chair

    return open_chair(demo_db(a.db, a.fresh), None, a.lang)
