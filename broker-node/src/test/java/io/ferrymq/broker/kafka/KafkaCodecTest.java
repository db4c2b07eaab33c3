package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.RecordSource;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frame writer: records become frame parts of their own, file slices untouched, and the bytes read back as Kafka's. */
class KafkaCodecTest {

    @TempDir
    Path dir;

    @Test
    void fetchRecordsFromAFileAreFramePartsAndTheWholeFrameParsesAsKafkasFetchResponse() throws IOException {
        MemoryRecords first = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("k1".getBytes(), "v1".getBytes()));
        MemoryRecords second = MemoryRecords.withRecords(7L, Compression.NONE, new SimpleRecord("k2".getBytes(), "v2".getBytes()));
        Path segment = dir.resolve("00000000000000000000.log");
        Files.write(segment, concat(first.buffer(), second.buffer()));
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            RecordSource slice = RecordSource.ofFile(channel, first.sizeInBytes(), second.sizeInBytes());
            for (short version : new short[] {4, 11, 12, 15}) {
                FetchResponseData data = new FetchResponseData();
                FetchResponseData.FetchableTopicResponse topic = new FetchResponseData.FetchableTopicResponse()
                        .setTopic(version < 13 ? "orders" : "").setTopicId(version < 13
                                ? org.apache.kafka.common.Uuid.ZERO_UUID : org.apache.kafka.common.Uuid.randomUuid());
                topic.partitions().add(partition(0, new FerryRecords(RecordSource.of(first.buffer()))));
                topic.partitions().add(partition(1, new FerryRecords(slice)));
                topic.partitions().add(partition(2, new FerryRecords(RecordSource.EMPTY)));
                data.responses().add(topic);

                EncodedFrame frame = KafkaCodec.frame(99, ApiKeys.FETCH, version, data, UnpooledByteBufAllocator.DEFAULT);

                assertThat(frame.records()).contains(slice);
                ByteBuffer all = ByteBuffer.allocate((int) frame.totalBytes());
                all.put(frame.head().nioBuffer());
                frame.records().forEach(part -> all.put(part.toByteBuffer()));
                frame.release();
                all.flip();
                assertThat(all.getInt()).isEqualTo(all.remaining());
                assertThat(all.getInt()).isEqualTo(99);
                if (ApiKeys.FETCH.responseHeaderVersion(version) > 0) {
                    assertThat(all.get()).as("no tagged fields in the header").isZero();
                }
                FetchResponseData read = new FetchResponseData();
                read.read(new ByteBufferAccessor(all), version);
                assertThat(all.hasRemaining()).isFalse();
                List<FetchResponseData.PartitionData> partitions = read.responses().get(0).partitions();
                assertThat(records(partitions.get(0).records())).isEqualTo(first.buffer());
                assertThat(records(partitions.get(1).records())).isEqualTo(second.buffer());
                assertThat(partitions.get(2).records().sizeInBytes()).isZero();
                assertThat(partitions.get(1).highWatermark()).isEqualTo(1001);
            }
        }
    }

    private static FetchResponseData.PartitionData partition(int index, FerryRecords records) {
        return new FetchResponseData.PartitionData().setPartitionIndex(index).setHighWatermark(1000 + index)
                .setLastStableOffset(1000 + index).setLogStartOffset(0).setRecords(records);
    }

    private static ByteBuffer records(org.apache.kafka.common.record.BaseRecords records) {
        return ((Records) records) instanceof MemoryRecords memory ? memory.buffer() : ByteBuffer.allocate(0);
    }

    private static byte[] concat(ByteBuffer a, ByteBuffer b) {
        byte[] out = new byte[a.remaining() + b.remaining()];
        a.duplicate().get(out, 0, a.remaining());
        b.duplicate().get(out, a.remaining(), b.remaining());
        return out;
    }
}
