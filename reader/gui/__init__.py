"""The desktop reader (PySide6). It renders core results and holds no matching logic."""
