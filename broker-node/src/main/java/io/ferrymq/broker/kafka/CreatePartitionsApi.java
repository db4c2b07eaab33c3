package io.ferrymq.broker.kafka;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * CreatePartitions 0-3: grows topics to a total count, with Ferry assigning the new partitions'
 * replicas. A request with a manual assignment of the new partitions is refused as a whole with
 * {@code INVALID_REPLICA_ASSIGNMENT} (Ferry's CreatePartitions has no assignment). Stateless.
 */
final class CreatePartitionsApi implements KafkaApi<CreatePartitionsRequestData, CreatePartitionsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.CREATE_PARTITIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 3;
    }

    @Override
    public ApiRequest toFerry(CreatePartitionsRequestData request, short version) {
        for (CreatePartitionsTopic topic : request.topics()) {
            if (topic.assignments() != null) {
                throw ErrorCode.INVALID_REPLICA_ASSIGNMENT.exception("topic " + topic.name()
                        + ": Ferry assigns new partitions itself; manual assignments are not supported");
            }
        }
        return new CreatePartitionsRequest(request.topics().stream()
                .map(t -> new CreatePartitionsRequest.TopicSpec(t.name(), t.count())).toList(),
                request.timeoutMs(), request.validateOnly());
    }

    @Override
    public CreatePartitionsResponseData toKafka(CreatePartitionsRequestData request, ApiResponse response,
                                                short version) {
        CreatePartitionsResponseData out = new CreatePartitionsResponseData();
        for (CreatePartitionsResponse.TopicResult topic : ((CreatePartitionsResponse) response).topics()) {
            out.results().add(new CreatePartitionsTopicResult().setName(topic.name())
                    .setErrorCode(topic.error().code()).setErrorMessage(ErrorMessages.orNull(topic.errorMessage())));
        }
        return out;
    }
}
