/**
 * {@code ferry groups list|describe|reset-offsets|delete} and {@code ferry verifiable-consumer}:
 * consumer-group tools modelled on Kafka's, talking to brokers only (never ZooKeeper). The reset plan is
 * pure ({@link io.ferrymq.tools.groups.ResetPlanner}: offsets clamped into the log's bounds).
 */
package io.ferrymq.tools.groups;
