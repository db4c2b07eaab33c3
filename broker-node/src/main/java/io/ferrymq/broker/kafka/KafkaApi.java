package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * One Kafka API served on a Kafka listener: the versions it advertises in ApiVersions, and the
 * translation between Kafka's generated message classes (kafka-clients, pinned in the parent POM)
 * and Ferry's protocol-neutral request and response records, which the handlers serve unchanged.
 *
 * <p>{@link #toFerry} receives the request as Kafka's message class read at {@code version}; it
 * fills every field that version carries and refuses, with an
 * {@link io.ferrymq.common.errors.ApiException} naming what, anything Ferry does not implement
 * (a transactional id, for example): the codec then answers the whole request with that error in
 * the API's own response format. {@link #toKafka} builds the response message for the same
 * version; record bytes stay {@link io.ferrymq.common.protocol.RecordSource}s wrapped by
 * {@link FerryRecords}, so fetched file slices still go out with zero copy.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <Q> Kafka's request data class, e.g. {@code ProduceRequestData}
 * @param <R> Kafka's response data class, e.g. {@code ProduceResponseData}
 */
public interface KafkaApi<Q extends ApiMessage, R extends ApiMessage> {

    /** The API this translates. */
    ApiKeys key();

    /** The lowest version advertised and accepted. */
    short minVersion();

    /** The highest version advertised and accepted. */
    short maxVersion();

    /** The request, read at {@code version}, as the Ferry request its handler serves. */
    ApiRequest toFerry(Q request, short version);

    /**
     * The handler's response to {@code request} as Kafka's response message at {@code version}. The
     * request is the one {@link #toFerry} translated (an incremental fetch needs it, for example).
     */
    R toKafka(Q request, ApiResponse response, short version);
}
