/**
 * Broker metrics: every metric in one Dropwizard registry ({@link io.ferrymq.broker.metrics.BrokerMetrics}),
 * named once in {@link io.ferrymq.broker.metrics.BrokerMetricNames} after Kafka's JMX names, exposed
 * as JMX, Prometheus text and JSON. Components update meters through the accessors; gauges such as
 * {@link io.ferrymq.broker.metrics.ReplicaStateView} are read on every scrape, on the admin HTTP thread,
 * so they must be cheap and thread-safe.
 */
package io.ferrymq.broker.metrics;
