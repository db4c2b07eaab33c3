package io.ferrymq.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.ClusterScram;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.SharedClusterTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * The console with security on, in a real browser: one broker with TLS and SASL/SCRAM listeners,
 * {@code authorizer.class.name} set and {@code admin.http.ssl.enable=true}, so the console is
 * served over HTTPS (the browser accepts the test CA's certificate) and logs users in against
 * the SCRAM credentials in ZooKeeper. {@code console-admin} may create topics (CREATE on the
 * cluster) and alter them; {@code console-viewer} may only describe. A wrong password is refused;
 * the admin creates a topic and adds a partition through the page, which the Admin client then
 * sees; the viewer's attempt is refused 403 naming the missing ALTER; a POST without the console
 * header is refused as forged. The cluster page, whose metrics poller reads the admin port over
 * HTTPS too, shows the broker up. Skips, saying why, only where chromium is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredConsoleIT {

    private static final String ADMIN_USER = "console-admin";
    private static final String ADMIN_PASSWORD = "admin-secret-1";
    private static final String VIEWER_USER = "console-viewer";
    private static final String VIEWER_PASSWORD = "viewer-secret-1";
    private static final String TOPIC = "made-in-console";
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path work;

    private static FerryCluster cluster;
    private static HeadlessChromium browser;
    private static HttpClient http;
    private static String base;

    @BeforeAll
    static void startSecuredClusterAndBrowser() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.unavailable().isEmpty(),
                () -> "secured web console browser test skipped: " + HeadlessChromium.unavailable().orElseThrow());
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(1)
                .tls(SharedClusterTls.get()).scram(new ClusterScram())
                .brokerConfig("authorizer.class.name", "kafka.security.authorizer.AclAuthorizer")
                .brokerConfig("super.users", "User:" + ClusterScram.BROKER_USER + ";User:" + ClusterScram.CLIENT_USER)
                .brokerConfig("admin.http.ssl.enable", "true")
                .start();
        try (Admin admin = admin()) {
            admin.upsertUserScramCredential(ADMIN_USER, ScramMechanism.SCRAM_SHA_512, 4096, ADMIN_PASSWORD);
            admin.upsertUserScramCredential(VIEWER_USER, ScramMechanism.SCRAM_SHA_256, 4096, VIEWER_PASSWORD);
            admin.createAcls(List.of(
                    allow(ResourcePattern.cluster(), ADMIN_USER, AclOperation.CREATE),
                    allow(ResourcePattern.literal(ResourceType.TOPIC, "*"), ADMIN_USER, AclOperation.ALTER),
                    allow(ResourcePattern.literal(ResourceType.TOPIC, "*"), ADMIN_USER, AclOperation.DESCRIBE),
                    allow(ResourcePattern.literal(ResourceType.TOPIC, "*"), VIEWER_USER, AclOperation.DESCRIBE)));
        }
        http = HttpClient.newBuilder().sslContext(trustingTheTestCa()).connectTimeout(Duration.ofSeconds(5)).build();
        base = "https://127.0.0.1:" + cluster.broker(1).adminPort();
        browser = HeadlessChromium.start(Files.createDirectories(work.resolve("browser")), true);
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
    void theAdminPortSpeaksOnlyTlsAndTheConsoleOffersALoginButNoControlsBeforeIt() throws Exception {
        HttpResponse<String> session = get("/api/session");
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).isEqualTo("{\"alter\":true}");
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(base.replace("https:", "http:") + "/api/session"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

        browser.driver().get(base + "/console/#cluster");
        page().untilAsserted(() -> assertThat(browser.driver().findElement(By.cssSelector(
                "#brokers tr[data-broker-id='1'] td.status")).getText()).isEqualTo("up"));
        page().untilAsserted(() -> assertThat(browser.driver().findElements(By.id("login-submit"))).hasSize(1));
        assertThat(browser.driver().findElement(By.id("refreshed")).getText()).startsWith("log in to alter");
        assertThat(browser.driver().findElements(By.id("create-topic"))).isEmpty();
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefused() throws Exception {
        logIn(ADMIN_USER, "not-the-password");

        page().untilAsserted(() -> assertThat(browser.driver().findElement(By.id("error")).getText())
                .isEqualTo("Login: invalid username or password"));
        assertThat(browser.driver().findElements(By.id("create-topic"))).isEmpty();
        assertThat(post("/api/login", "{\"username\":\"" + VIEWER_USER + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null)
                .statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void theAdminCreatesATopicAndAddsAPartitionThroughThePage() throws Exception {
        logIn(ADMIN_USER, ADMIN_PASSWORD);
        page().untilAsserted(() -> assertThat(browser.driver().findElement(By.id("principal")).getText())
                .isEqualTo("User:" + ADMIN_USER));

        type("create-topic-name", TOPIC);
        type("create-topic-partitions", "1");
        type("create-topic-rf", "1");
        browser.driver().findElement(By.id("create-topic-submit")).click();
        page().untilAsserted(() -> assertThat(browser.driver().findElement(By.id("alter-result")).getText())
                .isEqualTo("Create topic " + TOPIC + ": done"));
        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(partitions(TOPIC)).isEqualTo(1));

        type("add-partitions-topic", TOPIC);
        type("add-partitions-total", "2");
        browser.driver().findElement(By.id("add-partitions-submit")).click();
        page().untilAsserted(() -> assertThat(browser.driver().findElement(By.id("alter-result")).getText())
                .isEqualTo("Add partitions to " + TOPIC + ": done"));
        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(partitions(TOPIC)).isEqualTo(2));
        page().untilAsserted(() -> assertThat(browser.driver().findElements(
                By.cssSelector("tr[data-topic='" + TOPIC + "']"))).hasSize(2));
    }

    @Test
    @Order(4)
    void aPrincipalWithoutAlterIsRefused403NamingThePermission() throws Exception {
        HttpResponse<String> login = post("/api/login",
                "{\"username\":\"" + VIEWER_USER + "\",\"password\":\"" + VIEWER_PASSWORD + "\"}", null);
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Secure").contains("SameSite=Strict");
        String cookie = setCookie.split(";")[0];

        HttpResponse<String> grow = post("/api/topics/" + TOPIC + "/partitions", "{\"totalPartitions\":3}", cookie);
        HttpResponse<String> create = post("/api/topics", "{\"topic\":\"viewer-topic\",\"partitions\":1,\"replicationFactor\":1}",
                cookie);

        assertThat(grow.statusCode()).isEqualTo(403);
        assertThat(grow.body()).contains("User:" + VIEWER_USER + " is not authorized: needs ALTER on Topic '" + TOPIC + "'");
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).contains("needs CREATE on Cluster 'kafka-cluster' or CREATE on Topic 'viewer-topic'");
        assertThat(partitions(TOPIC)).isEqualTo(2);
        try (Admin admin = admin()) {
            assertThat(admin.listTopics()).doesNotContain("viewer-topic");
        }
    }

    @Test
    @Order(5)
    void aPostWithoutTheConsoleHeaderOrWithoutASessionIsRefused() throws Exception {
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base + "/api/topics/" + TOPIC + "/delete"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = post("/api/topics/" + TOPIC + "/delete", "{}", null);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("X-Ferry-Console");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        try (Admin admin = admin()) {
            assertThat(admin.listTopics()).contains(TOPIC);
        }
    }

    private static void logIn(String user, String password) {
        browser.driver().get(base + "/console/#topics");
        page().untilAsserted(() -> assertThat(browser.driver().findElements(By.id("login-submit"))).hasSize(1));
        type("login-user", user);
        type("login-password", password);
        browser.driver().findElement(By.id("login-submit")).click();
    }

    private static void type(String id, String value) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static ConditionFactory page() {
        return await().atMost(PAGE_WAIT).ignoreExceptionsInstanceOf(WebDriverException.class);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("X-Ferry-Console", "1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int partitions(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(Set.of(topic)).get(topic).partitions().size();
        }
    }

    private static Admin admin() {
        Map<String, Object> settings = new HashMap<>(cluster.clientSettings());
        settings.put("bootstrap.servers", cluster.bootstrapServers());
        return FerryAdmin.create(settings);
    }

    private static AclBinding allow(ResourcePattern pattern, String user, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    /** The JDK client trusting the cluster's test CA (the admin port's certificate is signed by it). */
    private static SSLContext trustingTheTestCa() throws Exception {
        Map<String, String> tls = SharedClusterTls.get().clientSettings();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(tls.get("ssl.truststore.location")))) {
            trust.load(in, tls.get("ssl.truststore.password").toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
