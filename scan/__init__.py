"""Reading scans of the project's own ballots (the optional ``tinnhiem[scan]`` extra: OpenCV, NumPy, zxing-cpp, pypdfium2).

``scan.read`` is the public API; ``scan.decide`` (a row's mark from its boxes' ink) is pure. ``session`` and
``storage`` never import this package.
"""
