#!/usr/bin/env python3
"""Unit tests of bench/tables.py on sittings written to a temporary directory.

Run: python3 -m unittest discover -s bench -p 'test_*.py'
"""
import os
import shutil
import tempfile
import unittest

import tables


def write(directory, name, prefix, values):
    with open(os.path.join(directory, name), "w") as f:
        f.write(f"=== {prefix} summary ===\n")
        for key, value in values.items():
            f.write(f"{prefix}.{key}={value}\n")


class TablesTest(unittest.TestCase):

    def sitting(self, ferry, default, c1, cpus=2):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        write(d, "ferry.out", "ferry", ferry)
        write(d, "kafka-default.out", "anchor", default)
        if c1 is not None:
            write(d, "kafka-c1.out", "anchor", c1)
        with open(os.path.join(d, "env.txt"), "w") as f:
            f.write(f"cpus_online={cpus}\n")
        return tables.load_sitting(d)

    def test_throughput_ratio_is_taken_against_the_faster_kafka_run(self):
        s = self.sitting({"produce_acks_all.records_per_s": "300000"},
                         {"produce_acks_all.records_per_s": "50000"}, {"produce_acks_all.records_per_s": "100000"})
        self.assertEqual(tables.better_kafka(s, "produce_acks_all.records_per_s", True), ("c1", 100000.0))
        self.assertAlmostEqual(tables.ratio(s, "produce_acks_all.records_per_s", True), 3.0)

    def test_latency_ratio_is_taken_against_the_lower_kafka_latency(self):
        s = self.sitting({"produce_acks_all_20k.latency_p99_ms": "8"},
                         {"produce_acks_all_20k.latency_p99_ms": "14"}, {"produce_acks_all_20k.latency_p99_ms": "58"})
        self.assertEqual(tables.better_kafka(s, "produce_acks_all_20k.latency_p99_ms", False), ("default", 14.0))
        self.assertAlmostEqual(tables.ratio(s, "produce_acks_all_20k.latency_p99_ms", False), 8 / 14)
        self.assertFalse(tables.meets(8 / 14, False, 0.5))
        self.assertTrue(tables.meets(0.5, False, 0.5))

    def test_cpu_per_thousand_records_is_busy_share_times_cpus_times_wall_over_records(self):
        run = {"consume.machine_cpu_busy_pct": "50", "consume.wall_s": "4", "consume.records": "2000000"}
        s = self.sitting(run, {"consume.machine_cpu_busy_pct": "80", "consume.wall_s": "10", "consume.records": "2000000"},
                         None, cpus=4)
        # 0.5 x 4 CPUs x 4 s = 8 CPU-s over 2,000 thousand records = 4 ms; Kafka 0.8 x 4 x 10 = 32 CPU-s = 16 ms
        self.assertAlmostEqual(tables.figure(s["ferry"], "cpu:consume", s["cpus"]), 4.0)
        self.assertAlmostEqual(tables.ratio(s, "cpu:consume", False), 0.25)

    def test_a_missing_figure_gives_no_ratio_and_does_not_meet_its_target(self):
        s = self.sitting({"produce_acks_1.status": "FAILED"}, {"produce_acks_1.records_per_s": "1000"}, None)
        self.assertIsNone(tables.ratio(s, "produce_acks_1.records_per_s", True))
        self.assertFalse(tables.meets(None, True, 2.5))
        self.assertIn("| b) acks=1, records/s | ≥ 2.5× | - | 1,000 | - | **no** |", tables.sitting_table(s))

    def test_a_sitting_whose_kafka_run_failed_says_so(self):
        s = self.sitting({"produce_acks_1.records_per_s": "300"}, {}, {"produce_acks_1.records_per_s": "100"})
        self.assertEqual(list(s["kafka"]), ["c1"])
        self.assertIn("no figures from: Kafka default JIT", tables.sitting_table(s))

    def test_an_older_sitting_with_one_kafka_run_counts_it_as_the_default_jit(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        write(d, "kafka.out", "anchor", {"produce_acks_1.records_per_s": "100"})
        write(d, "ferry.out", "ferry", {"produce_acks_1.records_per_s": "300"})
        s = tables.load_sitting(d)
        self.assertEqual(list(s["kafka"]), ["default"])
        self.assertAlmostEqual(tables.ratio(s, "produce_acks_1.records_per_s", True), 3.0)

    def test_summary_counts_the_sittings_that_meet_each_target(self):
        good = self.sitting({"produce_acks_all.records_per_s": "400"}, {"produce_acks_all.records_per_s": "100"}, None)
        bad = self.sitting({"produce_acks_all.records_per_s": "200"}, {"produce_acks_all.records_per_s": "100"}, None)
        row = [line for line in tables.summary_table([good, bad]).splitlines() if line.startswith("| a)")][0]
        self.assertIn("| 4.00 / 2.00 | 1 of 2 |", row)


if __name__ == "__main__":
    unittest.main()
