"""The load test (`make load`): not part of `make test`; see docs/performance.md#load-test."""
