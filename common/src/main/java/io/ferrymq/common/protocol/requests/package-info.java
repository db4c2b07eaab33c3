/**
 * One immutable record per request of the wire protocol, each named after its Kafka API; their
 * javadoc states what the fields mean on the wire. Every one is registered with a fixed id in
 * {@code KryoRegistry}.
 */
package io.ferrymq.common.protocol.requests;
