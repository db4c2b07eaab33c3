/**
 * Producer ids for idempotent producers (KIP-98), unique across the cluster without a controller:
 * each broker claims blocks of ids from ZooKeeper and hands them out itself.
 *
 * <ul>
 *   <li>{@code ProducerIdBlocks} (pure, unit-tested): the block after the latest one, and the JSON of
 *       the {@code /latest_producer_id_block} znode.</li>
 *   <li>{@code ZkProducerIdStore}: claims the next block by a versioned compare-and-set on that
 *       znode, retrying a lost race.</li>
 *   <li>{@code ProducerIdManager}: one per broker; ids from its current block, and the KIP-360 rule
 *       (same id, next epoch; a fresh id once the epoch is exhausted). The broker's
 *       {@code InitProducerIdHandler} serves it.</li>
 * </ul>
 */
package io.ferrymq.coordinator.producer;
