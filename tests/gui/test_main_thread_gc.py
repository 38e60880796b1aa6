"""Cycles are collected on the GUI thread, never in a worker that happens to allocate.

A worker thread (reading a PDF, indexing) allocates far more than the window. With
Python's automatic collection on, the collections ran there and freed the GUI
thread's Qt objects from the wrong thread: an abort now and then in the GUI tests.
"""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from reader.gui import main_thread_gc


class _Node:
    """A plain object that can sit in a cycle and be watched with a weak reference."""

    def __init__(self) -> None:
        self.me = self


def test_install_turns_automatic_collection_off_once(qapp) -> None:  # type: ignore[no-untyped-def]
    collector = main_thread_gc.install(qapp)
    assert not gc.isenabled()
    assert main_thread_gc.install(qapp) is collector
    assert collector.parent() is qapp
    assert collector.thresholds[0] > 0


def test_check_collects_the_generation_due(qapp) -> None:  # type: ignore[no-untyped-def]
    collector = main_thread_gc.install(qapp)
    gc.collect()
    assert collector.check() is None
    garbage = [_Node() for _ in range(collector.thresholds[0] + 50)]
    del garbage
    assert collector.check() == 0
    assert gc.get_count()[0] < collector.thresholds[0]


def test_a_busy_worker_never_collects_and_its_cycles_are_freed_on_the_gui_thread(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    main_thread_gc.install(qapp)
    collected_in: list[str] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected_in.append(threading.current_thread().name)

    watched: list[weakref.ref[_Node]] = []
    qt_objects: list[weakref.ref[QObject]] = []
    made: list[list[int]] = []

    def work() -> None:
        # Many new container objects kept, as reading a 500-page PDF makes: together they cross the
        # young generation's threshold many times over.
        for _ in range(50):
            node = _Node()
            watched.append(weakref.ref(node))
            del node
            made.extend([i] for i in range(2000))
        holder = _Node()
        holder.obj = QObject()  # type: ignore[attr-defined]
        qt_objects.append(weakref.ref(holder))
        del holder

    gc.callbacks.append(watch)
    try:
        worker = threading.Thread(target=work, name="busy worker")
        worker.start()
        worker.join()
        assert all(ref() is not None for ref in watched)  # nothing collected in the worker
        qtbot.waitUntil(lambda: all(ref() is None for ref in watched + qt_objects), timeout=5000)
    finally:
        gc.callbacks.remove(watch)
    assert collected_in and set(collected_in) == {"MainThread"}
