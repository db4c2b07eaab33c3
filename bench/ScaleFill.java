import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes {@code rounds} one-record batches to every partition of a topic with Kafka's producer
 * (against Kafka, or Ferry's Kafka listener): round r sends one record to each partition and waits
 * for all of them, so each partition gets one batch per round. With the topic's
 * {@code segment.bytes=200} (one 100-byte record is a 170-byte batch) every batch after the first rolls a segment, so a partition ends with
 * {@code rounds} segments. Usage: {@code java -cp <kafka-clients> bench/ScaleFill.java <bootstrap>
 * <topic> <partitions> <rounds>}. Prints {@code fill_s=<seconds> records=<n> failed=<n>}.
 */
public class ScaleFill {

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        props.put("acks", "1");
        props.put("linger.ms", "0");
        props.put("max.in.flight.requests.per.connection", "5");
        props.put("delivery.timeout.ms", "300000");
        props.put("request.timeout.ms", "60000");
        String topic = args[1];
        int partitions = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        byte[] value = new byte[100];
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int r = 0; r < rounds; r++) {
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(topic, p, null, value), (metadata, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, error);
                        }
                    });
                }
                producer.flush();
            }
        }
        System.out.printf("fill_s=%.1f records=%d failed=%d%n", (System.nanoTime() - start) / 1e9,
                (long) partitions * rounds, failed.get());
        if (firstError.get() != null) {
            System.out.println("first_error=" + firstError.get());
        }
    }
}
