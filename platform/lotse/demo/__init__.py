"""Demo, load-test and benchmark data and their commands (seed_demo, build_load_data, …).

The top layer: it may import every app, and no app imports it. Production settings leave it out,
so its commands do not exist there.
"""
