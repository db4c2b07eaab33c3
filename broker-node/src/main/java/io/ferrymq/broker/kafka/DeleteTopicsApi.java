package io.ferrymq.broker.kafka;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * DeleteTopics 1-6: by name, and from v6 by name or by topic id. {@link #toFerry} resolves each id
 * through {@link TopicIds} and writes the name it found into the request's topic entry, so that the
 * answer names the topic even once its deletion has completed; an id no topic has is answered
 * {@code UNKNOWN_TOPIC_ID} without reaching the handler. Stateless.
 */
final class DeleteTopicsApi implements KafkaApi<DeleteTopicsRequestData, DeleteTopicsResponseData> {

    private final TopicIds topicIds;

    DeleteTopicsApi(TopicIds topicIds) {
        this.topicIds = topicIds;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.DELETE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public ApiRequest toFerry(DeleteTopicsRequestData request, short version) {
        if (version < 6) {
            return new DeleteTopicsRequest(request.topicNames(), request.timeoutMs());
        }
        List<String> names = new ArrayList<>();
        for (DeleteTopicState topic : request.topics()) {
            if (topic.name() == null) {
                if (isZero(topic.topicId())) {
                    throw ErrorCode.INVALID_REQUEST.exception("a DeleteTopics topic needs a name or a topic id");
                }
                topicIds.nameOf(topic.topicId()).ifPresent(topic::setName);
            }
            if (topic.name() != null) {
                names.add(topic.name());
            }
        }
        return new DeleteTopicsRequest(names, request.timeoutMs());
    }

    @Override
    public DeleteTopicsResponseData toKafka(DeleteTopicsRequestData request, ApiResponse response, short version) {
        DeleteTopicsResponseData out = new DeleteTopicsResponseData();
        DeleteTopicsResponse ferry = (DeleteTopicsResponse) response;
        for (DeleteTopicsResponse.TopicResult topic : ferry.topics()) {
            DeletableTopicResult result = result(topic.name(), topic.error(), topic.errorMessage(), version);
            if (version >= 6) {
                result.setTopicId(idAsked(request, topic.name()));
            }
            out.responses().add(result);
        }
        if (version >= 6) {
            for (DeleteTopicState topic : request.topics()) {
                if (topic.name() == null) {
                    out.responses().add(new DeletableTopicResult().setName(null).setTopicId(topic.topicId())
                            .setErrorCode(Errors.UNKNOWN_TOPIC_ID.code())
                            .setErrorMessage("no topic has id " + topic.topicId()));
                }
            }
        }
        return out;
    }

    private static DeletableTopicResult result(String name, ErrorCode error, String message, short version) {
        DeletableTopicResult result = new DeletableTopicResult().setName(name).setErrorCode(error.code());
        if (version >= 5) {
            result.setErrorMessage(ErrorMessages.orNull(message));
        }
        return result;
    }

    /** The id the request named the topic by, else its current id (zero once it is gone). */
    private Uuid idAsked(DeleteTopicsRequestData request, String name) {
        return request.topics().stream().filter(t -> name.equals(t.name()) && !isZero(t.topicId()))
                .map(DeleteTopicState::topicId).findFirst().orElseGet(() -> topicIds.idOf(name));
    }

    private static boolean isZero(Uuid id) {
        return id == null || Uuid.ZERO_UUID.equals(id);
    }
}
