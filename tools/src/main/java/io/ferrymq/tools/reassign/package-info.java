/**
 * {@code ferry reassign-partitions} (Kafka's {@code kafka-reassign-partitions.sh}): the command and
 * its pure parts, the plan JSON ({@link io.ferrymq.tools.reassign.ReassignmentPlan}), the proposal
 * ({@link io.ferrymq.tools.reassign.ReassignmentProposal}) and the verification report
 * ({@link io.ferrymq.tools.reassign.ReassignmentStatus}).
 */
package io.ferrymq.tools.reassign;
