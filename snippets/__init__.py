"""Code that the pages show and the tests run, written once (one module per topic)."""
