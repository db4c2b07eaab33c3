/**
 * Ferry's wire protocol, protocol-neutral part: {@link io.ferrymq.common.protocol.ApiKey}, the request
 * and response records ({@code requests}, {@code responses}), {@link io.ferrymq.common.errors.ErrorCode},
 * headers, and the {@link io.ferrymq.common.protocol.WireCodec} seam. Handlers work on records only;
 * {@link io.ferrymq.common.protocol.kryo.KryoCodec} is the one codec today.
 *
 * <h2>Frames</h2>
 * Every frame is an int32 big-endian length (bytes that follow) and then:
 * <pre>
 * request:  apiKey int16 | apiVersion int16 | correlationId int32 | clientId (int16 length, -1 = none; UTF-8)
 *           | bodyLength int32 | body (Kryo) | raw record bytes
 * response: correlationId int32 | bodyLength int32 | body (Kryo: registration id, then the record) | raw record bytes
 * </pre>
 * Record batches (Kafka record batch v2) never pass through Kryo: a {@link io.ferrymq.common.protocol.RecordSource}
 * component is written as its byte count, and the bytes follow the body in the order the counts appear,
 * so the broker appends produce bytes as received and sends fetch bytes from segment files with
 * {@code sendfile}. Responses on a connection come in request order, matched by correlation id.
 *
 * <h2>Choices</h2>
 * <ul>
 * <li>Per-partition data are flat lists keyed by {@link io.ferrymq.common.TopicPartition}, not
 *     Kafka's topic then partition nesting: a few bytes more per partition, one shape for every handler.</li>
 * <li>All APIs are at version 0; a new field means a new version and a new record (or a version-aware
 *     codec), because records are written component by component without tags.</li>
 * <li>An unknown API key or version is answered with {@link io.ferrymq.common.protocol.ErrorResponse}
 *     and the connection stays open; a frame that does not parse closes its connection only.</li>
 * </ul>
 */
package io.ferrymq.common.protocol;

import io.ferrymq.common.errors.ErrorCode;
