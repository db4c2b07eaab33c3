/**
 * {@code ferry perf-produce} and {@code ferry perf-consume}: load generators whose output has the exact
 * shape of Kafka's {@code ProducerPerformance} and {@code ConsumerPerformance}, so the same parsers read
 * both; latencies are recorded in an HdrHistogram ({@link io.ferrymq.tools.perf.LatencyStats}) and the
 * send rate is held by {@link io.ferrymq.tools.perf.ThroughputThrottler}.
 */
package io.ferrymq.tools.perf;
