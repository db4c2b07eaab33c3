/**
 * Key and value serializers and deserializers (byte arrays and UTF-8 strings, as in Kafka);
 * {@code null} stays {@code null}. The provided ones are stateless and thread-safe.
 */
package io.ferrymq.client.common.serialization;
