"""Soak tests: the real app in a fresh process, driven the way people use it, for long enough to
find what a unit test never sees (reference leaks, a layout that never settles, memory growth)."""
