package io.ferrymq.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.client.producer.RecordMetadata;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.common.record.Header;
import io.ferrymq.it.groups.InProcessCli;
import io.ferrymq.it.harness.FerryCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (headless chromium) against a real 3-broker cluster: every
 * page loads without a browser console error, each page is read from a different broker and still
 * shows the whole cluster, the topic and group numbers are those {@code ferry topics describe} and
 * {@code ferry groups describe} print, a produced message (gzip, with a header) shows up in the
 * message browser, and a broker killed with SIGKILL shows as down within 10 s. With
 * {@code -Dferry.docs.update=true} it also writes the screenshots in {@code docs/console/}.
 * Skips, saying why, only where chromium or chromedriver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {

    private static final String TOPIC = "console-demo";
    private static final String GROUP = "console-readers";
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("..", "docs", "console");
    private static final String MEMBER_CLIENT = "console-it-member";
    /** A member line of {@code ferry groups describe}: member id, then its assignment in brackets. */
    private static final Pattern MEMBER_LINE = Pattern.compile("(?m)^(" + MEMBER_CLIENT + "\\S*)\\s.*\\[(.+)]\\s*$");

    @TempDir
    static Path work;

    private static FerryCluster cluster;
    private static HeadlessChromium browser;

    @BeforeAll
    static void startClusterAndBrowser() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.unavailable().isEmpty(),
                () -> "web console browser test skipped: " + HeadlessChromium.unavailable().orElseThrow());
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(3)
                .brokerConfig("group.initial.rebalance.delay.ms", "0").start();
        TopicAdmin.createTopic(cluster.bootstrapServers(), new TopicSpec(TOPIC, 3, (short) 3, Map.of()), Duration.ofSeconds(30));
        TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), TOPIC, 3, Duration.ofSeconds(60));
        produce(60);
        consumeAndCommit(30);
        browser = HeadlessChromium.start(Files.createDirectories(work.resolve("browser")));
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    @Order(1)
    void clusterPageShowsEveryBrokerUpWithItsLeadersAndTheCounts() {
        open(cluster.broker(1), "cluster");

        page().untilAsserted(() -> {
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#brokers tbody tr"));
            assertThat(rows).hasSize(3);
            assertThat(rows).allSatisfy(r -> assertThat(r.findElement(By.cssSelector("td.status")).getText()).isEqualTo("up"));
            assertThat(rows).allSatisfy(r -> assertThat(r.findElement(By.cssSelector("td.zk")).getText()).isEqualTo("CONNECTED"));
            assertThat(text("count-partitions")).isEqualTo(String.valueOf(partitionsOfEveryTopic()));
            assertThat(text("count-under-replicated")).isEqualTo("0");
            assertThat(text("count-offline")).isEqualTo("0");
            assertThat(rows.stream().mapToInt(r -> Integer.parseInt(r.findElement(By.cssSelector("td.leaders")).getText())).sum())
                    .isEqualTo(partitionsOfEveryTopic());
        });
        finishPage("cluster");
    }

    @Test
    @Order(2)
    void topicsPageMatchesTopicsDescribeAndShowsSizesAndLiveRates() throws Exception {
        Map<Integer, String> described = describedPartitions();
        open(cluster.broker(2), "topics");

        page().untilAsserted(() -> {
            for (int p = 0; p < 3; p++) {
                WebElement row = browser.driver().findElement(By.cssSelector("tr[data-topic='" + TOPIC + "'][data-partition='" + p + "']"));
                String shown = "Leader: " + cell(row, "leader") + "\tReplicas: " + cell(row, "replicas") + "\tIsr: "
                        + cell(row, "isr") + "\tLeaderEpoch: " + cell(row, "epoch");
                assertThat(shown).isEqualTo(described.get(p));
                assertThat(cell(row, "size")).matches("\\d+(\\.\\d)? (B|KiB)").isNotEqualTo("0 B");
            }
        });
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produceUntil(producing), "console-it-producer");
        producer.start();
        try {
            page().untilAsserted(() -> assertThat(Double.parseDouble(browser.driver()
                    .findElement(By.cssSelector("div.topic[data-topic='" + TOPIC + "']")).getDomAttribute("data-messages-in")))
                    .as("produce rate shown while producing").isPositive());
            finishPage("topics");
        } finally {
            producing.set(false);
            producer.join(30_000);
        }
    }

    @Test
    @Order(3)
    void aProducedMessageShowsUpInTheMessageBrowserWithHeadersAndCodec() throws Exception {
        RecordMetadata sent = produceOne("browse-key", "hello from the console test", Header.of("trace", "abc-123"));
        open(cluster.broker(3), "messages");
        page().until(() -> !new Select(browser.driver().findElement(By.id("msg-topic"))).getOptions().isEmpty());

        new Select(browser.driver().findElement(By.id("msg-topic"))).selectByValue(TOPIC);
        type("msg-partition", String.valueOf(sent.partition()));
        type("msg-from", String.valueOf(sent.offset()));
        browser.driver().findElement(By.id("msg-load")).click();

        page().untilAsserted(() -> {
            WebElement row = browser.driver().findElement(By.cssSelector("#messages tr[data-offset='" + sent.offset() + "']"));
            assertThat(cell(row, "key")).isEqualTo("browse-key");
            assertThat(cell(row, "value")).isEqualTo("hello from the console test");
            assertThat(cell(row, "headers")).isEqualTo("trace=abc-123");
            assertThat(cell(row, "compression")).isEqualTo("gzip");
        });
        finishPage("messages");

        new Select(browser.driver().findElement(By.id("msg-mode"))).selectByValue("timestamp");
        type("msg-from", String.valueOf(sent.timestamp()));
        type("msg-limit", "1");
        browser.driver().findElement(By.id("msg-load")).click();
        page().untilAsserted(() -> {
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#messages tbody tr"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getDomAttribute("data-offset")).as("first offset at or after the timestamp")
                    .isEqualTo(String.valueOf(sent.offset()));
        });
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(4)
    void groupPagesMatchGroupsDescribeWithAnActiveMemberAndChartTheLag() throws Exception {
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread member = new Thread(() -> pollWithoutCommitting(polling), "console-it-member");
        member.start();
        try {
            AtomicReference<String> describe = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                describe.set(describeGroup());
                return describe.get().contains("STATE Stable") && MEMBER_LINE.matcher(describe.get()).find();
            });
            Map<String, String> described = partitionOffsets(describe.get());
            Matcher memberLine = MEMBER_LINE.matcher(describe.get());
            assertThat(memberLine.find()).isTrue();

            open(cluster.broker(1), "groups");
            page().untilAsserted(() -> {
                WebElement row = browser.driver().findElement(By.cssSelector("#groups tr[data-group='" + GROUP + "']"));
                assertThat(cell(row, "lag")).isEqualTo(String.valueOf(totalLag(described)));
                assertThat(cell(row, "state")).isEqualTo("Stable");
                assertThat(cell(row, "members")).isEqualTo("1");
            });
            finishPage("groups");

            open(cluster.broker(2), "group/" + GROUP);
            page().untilAsserted(() -> {
                for (int p = 0; p < 3; p++) {
                    WebElement row = browser.driver().findElement(By.cssSelector("#group-partitions tr[data-partition='" + p + "']"));
                    assertThat(cell(row, "committed") + " " + cell(row, "end") + " " + cell(row, "lag"))
                            .isEqualTo(described.get(TOPIC + "-" + p));
                    assertThat(cell(row, "owner")).isEqualTo(memberLine.group(1));
                }
                WebElement shown = browser.driver().findElement(By.cssSelector("#group-members tr[data-member='" + memberLine.group(1) + "']"));
                assertThat(cell(shown, "assignment")).isEqualTo(memberLine.group(2).replace(" ", ""));
                assertThat(browser.driver().findElements(By.cssSelector("#lag-chart polyline.lag-line"))).hasSize(1);
                assertThat(browser.driver().findElement(By.id("lag-chart")).getDomAttribute("data-last-lag"))
                        .isEqualTo(String.valueOf(totalLag(described)));
            });
            finishPage("group");
        } finally {
            polling.set(false);
            member.join(30_000);
        }
    }

    @Test
    @Order(5)
    void withSecurityOffTheConsoleIsReadOnlyAndNamesABadRequest() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + cluster.broker(1).adminPort();

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/api/topics/" + TOPIC + "/delete"))
                .header("X-Ferry-Console", "1").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> create = http.send(HttpRequest.newBuilder(URI.create(base + "/api/topics"))
                .header("X-Ferry-Console", "1").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"topic\":\"not-made\",\"partitions\":1,\"replicationFactor\":1}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("X-Ferry-Console", "1").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/api/alter"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> badOffset = http.send(HttpRequest.newBuilder(URI.create(base + "/api/messages?topic=" + TOPIC
                + "&offset=x")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(List.of(post, create, login)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).isEqualTo("{\"error\":\"the console is read-only unless security is on\"}");
        });
        InProcessCli.Result topics = InProcessCli.run("topics", "list", "--bootstrap-server", cluster.bootstrapServers());
        assertThat(topics.exitCode()).as(topics.toString()).isZero();
        assertThat(topics.stdout()).contains(TOPIC).doesNotContain("not-made");
        open(cluster.broker(1), "topics");
        page().untilAsserted(() -> assertThat(browser.driver().findElements(By.cssSelector("div.topic"))).isNotEmpty());
        assertThat(text("refreshed")).startsWith("read-only");
        assertThat(browser.driver().findElements(By.cssSelector("#session *, #alter-topics *, form.alter, #login"))).isEmpty();
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"no such console endpoint: /api/alter\"}");
        assertThat(badOffset.statusCode()).isEqualTo(400);
        assertThat(badOffset.body()).contains("offset must be an integer, was 'x'");
    }

    @Test
    @Order(6)
    void aKilledBrokerShowsAsDownWithinTenSeconds() {
        open(cluster.broker(1), "cluster");
        page().until(() -> browser.driver().findElements(By.cssSelector("#brokers td.status.up")).size() == 3);

        cluster.kill9(3);

        page().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(browser.driver().findElement(By.cssSelector("#brokers tr[data-broker-id='3'] td.status")).getText())
                        .isEqualTo("down"));
    }

    /** A bounded wait on the page; rows it re-renders meanwhile may be missing or stale for a moment. */
    private static ConditionFactory page() {
        return await().atMost(PAGE_WAIT).ignoreExceptionsInstanceOf(WebDriverException.class);
    }

    private static void open(BrokerProcess broker, String page) {
        browser.driver().get("http://127.0.0.1:" + broker.adminPort() + "/console/#" + page);
    }

    /** No browser console error on the page; its screenshot when docs are being updated. */
    private static void finishPage(String name) {
        if (Boolean.getBoolean("ferry.docs.update")) {
            browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
        }
        assertThat(browser.consoleErrors()).as("browser console errors on the " + name + " page").isEmpty();
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static String cell(WebElement row, String cls) {
        return row.findElement(By.cssSelector("td." + cls)).getText();
    }

    private static void type(String id, String value) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Partitions of every topic (the group offsets topic included), as the console counts them. */
    private static int partitionsOfEveryTopic() {
        InProcessCli.Result r = InProcessCli.run("topics", "describe", "--bootstrap-server", cluster.bootstrapServers());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return (int) r.stdout().lines().filter(l -> l.contains("\tPartition: ")).count();
    }

    /** {@code ferry topics describe --topic T}: per partition the line from Leader on. */
    private static Map<Integer, String> describedPartitions() {
        InProcessCli.Result r = InProcessCli.run("topics", "describe", "--bootstrap-server", cluster.bootstrapServers(),
                "--topic", TOPIC);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<Integer, String> lines = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^Topic: " + TOPIC + "\\tPartition: (\\d+)\\t(Leader: .*)$").matcher(r.stdout());
        while (m.find()) {
            lines.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        assertThat(lines).as(r.stdout()).hasSize(3);
        return lines;
    }

    private static String describeGroup() {
        InProcessCli.Result r = InProcessCli.run("groups", "describe", "--bootstrap-server", cluster.bootstrapServers(),
                "--group", GROUP);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdout();
    }

    /** Per topic-partition "committed end lag", from {@code ferry groups describe}'s output. */
    private static Map<String, String> partitionOffsets(String describe) {
        Map<String, String> offsets = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^" + TOPIC + "\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)").matcher(describe);
        while (m.find()) {
            offsets.put(TOPIC + "-" + m.group(1), m.group(2) + " " + m.group(3) + " " + m.group(4));
        }
        assertThat(offsets).as(describe).hasSize(3);
        return offsets;
    }

    private static long totalLag(Map<String, String> described) {
        return described.values().stream().mapToLong(v -> Long.parseLong(v.split(" ")[2])).sum();
    }

    private static Producer<String, String> producer() {
        return new FerryProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers(), "acks", "all",
                "compression.type", "gzip"), new StringSerializer(), new StringSerializer());
    }

    private static void produce(int messages) throws Exception {
        try (Producer<String, String> producer = producer()) {
            for (int i = 0; i < messages; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 3, "k" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    /** Sends a few records every 50 ms until {@code producing} is cleared (the live-rate check). */
    private static void produceUntil(AtomicBoolean producing) {
        try (Producer<String, String> producer = producer()) {
            int i = 0;
            while (producing.get()) {
                producer.send(new ProducerRecord<>(TOPIC, i % 3, "live" + i, "live-" + i));
                i++;
                if (i % 5 == 0) {
                    producer.flush();
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RecordMetadata produceOne(String key, String value, Header header) throws Exception {
        try (Producer<String, String> producer = producer()) {
            return producer.send(new ProducerRecord<>(TOPIC, OptionalInt.of(1), OptionalLong.empty(), key, value,
                    List.of(header))).get(30, TimeUnit.SECONDS);
        }
    }

    /** A member of the group that polls (so it keeps its assignment) and never commits. */
    private static void pollWithoutCommitting(AtomicBoolean polling) {
        try (Consumer<String, String> consumer = new FerryConsumer<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "group.id", GROUP, "client.id", MEMBER_CLIENT, "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            while (polling.get()) {
                consumer.poll(Duration.ofMillis(200));
            }
        }
    }

    /** Reads {@code count} records in the group and commits them, leaving the rest as lag. */
    private static void consumeAndCommit(int count) {
        try (Consumer<String, String> consumer = new FerryConsumer<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "group.id", GROUP, "auto.offset.reset", "earliest", "enable.auto.commit", "false",
                "max.poll.records", "5"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            int[] read = {0};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                read[0] += consumer.poll(Duration.ofMillis(200)).count();
                return read[0] >= count;
            });
            consumer.commitSync();
        }
    }
}
