package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.RecordSource;
import java.util.Objects;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.RecordsSend;

/**
 * Ferry's record bytes (memory, or a segment-file slice) where Kafka's message classes expect
 * {@link BaseRecords}, e.g. {@code FetchResponseData.PartitionData.setRecords}. {@link KafkaCodec}
 * writes them as their own {@link RecordSource} of the encoded frame, so file slices still go out with
 * {@code sendfile}; nothing here copies them. Immutable.
 */
public record FerryRecords(RecordSource source) implements BaseRecords {

    public FerryRecords {
        Objects.requireNonNull(source, "source");
    }

    @Override
    public int sizeInBytes() {
        return source.sizeInBytes();
    }

    /** Not used: Ferry writes records through its own frame writer ({@link KafkaCodec}). */
    @Override
    public RecordsSend<? extends BaseRecords> toSend() {
        throw new UnsupportedOperationException("Ferry's records are written by KafkaCodec, not as Kafka Sends");
    }
}
