package io.ferrymq.it.kafka.driver;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The client side of {@code KafkaClientsIT}, run in a JVM of its own on the class path of one
 * kafka-clients version (compiled against 3.9.1, using only API that 4.x kept), against a Kafka
 * listener: the Admin client creates a 6-partition topic with replication factor 3 and describes
 * it, the cluster and the topic list; the producer with its defaults (idempotent, acks=all) sends
 * {@code records} keyed records ({@code key-<i % keys>}, value {@code key-<k>#<n>}, n counting per
 * key); a consumer in a group reads them with commitSync; then the Admin client lists and describes
 * the group and its committed offsets, grows the topic to 8 partitions and deletes it. First it
 * states the kafka-clients version it runs. Every fact
 * the test checks is one stdout line, {@code <what> <fields...>}; the last is {@code done}. Any
 * failure ends the JVM with exit code 1 and the stack trace on stderr. Arguments:
 * {@code <bootstrap> <topic> <group> <records> <keys>}. Single-threaded.
 */
public final class KafkaClientsDriver {

    private static final long TIMEOUT_MS = 30_000;

    private final String bootstrap;
    private final String topic;
    private final String group;

    private KafkaClientsDriver(String bootstrap, String topic, String group) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.group = group;
    }

    public static void main(String[] args) {
        try {
            new KafkaClientsDriver(args[0], args[1], args[2]).run(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            System.exit(0);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run(int records, int keys) throws Exception {
        line("version", clientsVersion());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "driver-admin"))) {
            get(admin.createTopics(List.of(new NewTopic(topic, 6, (short) 3))).all());
            TopicDescription described = awaitPartitions(admin, 6);
            described.partitions().forEach(p -> line("partition", p.partition(), "leader=" + p.leader().id(),
                    "replicas=" + p.replicas().size(), "isr=" + p.isr().size()));
            line("listed", String.join(",", new TreeSet<>(get(admin.listTopics().names()))));
            DescribeClusterResult cluster = admin.describeCluster();
            line("cluster", "nodes=" + get(cluster.nodes()).size(), "controller=" + (get(cluster.controller()) != null),
                    "id=" + get(cluster.clusterId()));
            produce(records, keys);
            consume(admin, records);
            for (ConsumerGroupListing listing : get(admin.listConsumerGroups().all())) {
                line("group-listed", listing.groupId());
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
            committed.putAll(get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()));
            committed.forEach((tp, offset) -> line("committed", tp.partition(), offset.offset()));
            get(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(8))).all());
            line("grown", awaitPartitions(admin, 8).partitions().size());
            get(admin.deleteTopics(List.of(topic)).all());
            awaitDeleted(admin);
            line("deleted", topic);
        }
        line("done");
    }

    private void produce(int records, int keys) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "driver-producer");
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                String key = "key-" + (i % keys);
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, key + "#" + (i / keys));
                sent.add(record);
                sends.add(producer.send(record));
            }
            producer.flush();
            for (int i = 0; i < sends.size(); i++) {
                RecordMetadata meta = sends.get(i).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                line("produced", meta.partition(), meta.offset(), sent.get(i).key(), sent.get(i).value());
            }
        }
    }

    private void consume(Admin admin, int records) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "driver-consumer");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 2 * TIMEOUT_MS;
            int consumed = 0;
            while (consumed < records) {
                if (System.currentTimeMillis() > deadline) {
                    throw new TimeoutException("consumed " + consumed + " of " + records + " records");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    line("consumed", r.partition(), r.offset(), r.key(), r.value());
                    consumed++;
                }
                consumer.commitSync();
            }
            ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
            line("group", description.groupId(), "state=" + description.state(), "members=" + description.members().size(),
                    "assigned=" + description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum());
        }
    }

    private TopicDescription awaitPartitions(Admin admin, int partitions) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            TopicDescription d = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
            if (d.partitions().size() == partitions && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                return d;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new TimeoutException(topic + " never showed " + partitions + " partitions with leaders: " + d);
            }
            Thread.sleep(100);
        }
    }

    private void awaitDeleted(Admin admin) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (get(admin.listTopics().names()).contains(topic)) {
            if (System.currentTimeMillis() > deadline) {
                throw new TimeoutException(topic + " still listed after its deletion");
            }
            Thread.sleep(100);
        }
    }

    /** The version of the kafka-clients jar this JVM loaded, as the jar states it. */
    private static String clientsVersion() throws IOException {
        Properties version = new Properties();
        try (InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in == null) {
                throw new IOException("kafka-clients has no kafka/kafka-version.properties");
            }
            version.load(in);
        }
        return version.getProperty("version");
    }

    private static <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private static void line(String what, Object... fields) {
        StringBuilder out = new StringBuilder(what);
        for (Object field : fields) {
            out.append(' ').append(field);
        }
        System.out.println(out);
    }
}
