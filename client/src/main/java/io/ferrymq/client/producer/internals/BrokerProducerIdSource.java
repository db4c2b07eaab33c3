package io.ferrymq.client.producer.internals;

import io.ferrymq.client.common.internals.Metadata;
import io.ferrymq.client.common.internals.RequestChannel;
import io.ferrymq.client.common.internals.Requests;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
import io.ferrymq.common.protocol.responses.InitProducerIdResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Producer ids from the cluster: sends InitProducerId to the next broker the metadata knows (the
 * bootstrap list until one is known); any broker answers, as for Kafka's idempotent-only producers.
 * An error answer fails the future with an {@link ApiException} carrying the broker's code, so the
 * initializer retries what is retriable. Thread-safe.
 */
public final class BrokerProducerIdSource implements ProducerIdSource {

    private final RequestChannel channel;
    private final Metadata metadata;

    public BrokerProducerIdSource(RequestChannel channel, Metadata metadata) {
        this.channel = channel;
        this.metadata = metadata;
    }

    @Override
    public CompletableFuture<ProducerIdAndEpoch> initProducerId(Optional<ProducerIdAndEpoch> current) {
        InitProducerIdRequest request = current.map(c -> InitProducerIdRequest.bumpEpoch(c.producerId(), c.epoch()))
                .orElseGet(InitProducerIdRequest::newProducer);
        return Requests.send(channel, metadata.nextAddress(), request).thenApply(response -> {
            if (response instanceof ErrorResponse error) {
                throw new ApiException(error.error(), error.errorMessage());
            }
            InitProducerIdResponse answer = (InitProducerIdResponse) response;
            if (answer.error() != ErrorCode.NONE) {
                throw new ApiException(answer.error(), answer.errorMessage());
            }
            return new ProducerIdAndEpoch(answer.producerId(), answer.producerEpoch());
        });
    }
}
