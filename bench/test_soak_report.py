#!/usr/bin/env python3
"""Unit tests of bench/soak_report.py. Run: python3 -m unittest discover -s bench -p 'test_*.py'"""
import unittest

import soak_report


def rows(p99, heap=None, fds=None, threads=None, failed=None):
    n = len(p99)
    heap, fds, threads, failed = heap or [100] * n, fds or [200] * n, threads or [80] * n, failed or [0] * n
    return [{"minute": i + 1, "sent": 1000, "acked": 1000, "failed": failed[i], "p50_ms": 3, "p99_ms": p99[i],
             "p999_ms": 20, "max_ms": 50, "b0_heap_after_gc_mb": heap[i], "b0_fds": fds[i], "b0_fds_data": 40,
             "b0_threads": threads[i]} for i in range(n)]


OK = {"acked": "1000", "seen": "1000", "lost": "0", "duplicates": "0"}


class SoakReportTest(unittest.TestCase):

    def test_slope_rise_is_the_fitted_line_over_the_span(self):
        self.assertAlmostEqual(soak_report.slope_rise([1, 2, 3, 4]), 3.0)
        self.assertAlmostEqual(soak_report.slope_rise([5, 5, 5]), 0.0)
        self.assertEqual(soak_report.slope_rise([7]), 0.0)

    def test_a_flat_run_with_nothing_lost_passes(self):
        passed, findings = soak_report.verdict(rows([50, 8, 9, 8, 9, 8]), OK)
        self.assertTrue(passed, findings)

    def test_the_first_minute_is_warm_up_and_not_judged(self):
        passed, _ = soak_report.verdict(rows([500, 8, 8, 8]), OK)
        self.assertTrue(passed)

    def test_a_rising_p99_fails(self):
        passed, findings = soak_report.verdict(rows([8, 8, 12, 16, 20, 24]), OK)
        self.assertFalse(passed)
        self.assertTrue(any(f.startswith("FAIL p99") for f in findings), findings)

    def test_a_growing_heap_after_gc_fails(self):
        passed, findings = soak_report.verdict(rows([8] * 6, heap=[100, 100, 160, 220, 280, 340]), OK)
        self.assertFalse(passed)
        self.assertTrue(any("FAIL b0 heap" in f for f in findings), findings)

    def test_minutes_without_a_gc_pause_are_left_out_of_the_heap_judgement(self):
        passed, findings = soak_report.verdict(rows([8] * 5, heap=[100, 100, -1, 104, -1]), OK)
        self.assertTrue(passed, findings)
        self.assertIn("– / 200 (40) / 80", soak_report.table(rows([8], heap=[-1])))

    def test_descriptor_and_thread_growth_fail(self):
        self.assertFalse(soak_report.verdict(rows([8] * 4, fds=[200, 200, 203, 210]), OK)[0])
        self.assertFalse(soak_report.verdict(rows([8] * 4, threads=[80, 80, 82, 90]), OK)[0])

    def test_a_lost_record_or_a_missing_result_fails(self):
        self.assertFalse(soak_report.verdict(rows([8] * 4), {**OK, "lost": "1"})[0])
        self.assertFalse(soak_report.verdict(rows([8] * 4), {})[0])

    def test_a_failed_send_fails(self):
        self.assertFalse(soak_report.verdict(rows([8] * 4, failed=[0, 0, 3, 0]), OK)[0])


if __name__ == "__main__":
    unittest.main()
