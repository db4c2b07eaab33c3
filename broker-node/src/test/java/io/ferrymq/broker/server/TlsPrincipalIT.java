package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.broker.security.Principal;
import io.ferrymq.broker.server.handler.ApiVersionsHandler;
import io.ferrymq.client.network.BrokerConnection;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.ferrymq.common.protocol.requests.ApiVersionsRequest;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslConfigKeys;
import io.ferrymq.common.security.SslEngineFactory;
import io.ferrymq.common.security.SslSettings;
import io.ferrymq.common.security.TestCertificates;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real TLS listener ({@code ssl.client.auth=requested}) of the {@link SocketServer}: each request's
 * context carries {@code User:<subject DN>} of the client certificate, {@code User:ANONYMOUS} for a
 * client without one, and the listener's name.
 */
class TlsPrincipalIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestCertificates certs = TestCertificates.shared();
    private final LinkedBlockingQueue<RequestContext> seen = new LinkedBlockingQueue<>();
    private RequestExecutor executor;
    private SocketServer server;

    @BeforeEach
    void start() {
        executor = new RequestExecutor(1);
        RequestDispatcher dispatcher = new RequestDispatcher(List.of(new Recording()), executor);
        Endpoint listener = new Endpoint("CLIENTS", SecurityProtocol.SSL, "127.0.0.1", 0);
        Map<String, String> ssl = new HashMap<>(certs.brokerSsl(TestCertificates.BROKER));
        ssl.put(SslConfigKeys.SSL_CLIENT_AUTH, "requested");
        SslSettings settings = SslSettings.forServer(SslConfigKeys.BROKER.parse(ssl));
        server = new SocketServer(new ServerSettings(List.of(listener), 1, 1 << 20, -1, -1, Duration.ofMinutes(1), 8),
                List.of(ListenerSecurity.of(listener, name -> settings, Optional.empty())), new KryoCodec(), dispatcher);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        executor.close();
    }

    private RequestContext requestAs(String keyStore) throws Exception {
        ConfigDefinition definition = SslConfigKeys.defineInto(new ConfigDefinition(), "test");
        ClientSecurity security = ClientSecurity.ssl(new SslEngineFactory(SslSettings.forClient(
                definition.parse(certs.clientSsl(keyStore)))));
        try (NetworkClient client = new NetworkClient(NetworkConfig.defaults("principal-test").withSecurity(security))) {
            BrokerConnection connection = client.connect("localhost", server.boundAddresses().get(0).getPort())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            connection.send(new ApiVersionsRequest("test", "1")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        return seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aClientCertificateBecomesTheUserPrincipalOfItsSubject() throws Exception {
        RequestContext context = requestAs(TestCertificates.CLIENT);

        assertThat(context.principal()).isEqualTo(Principal.user(TestCertificates.CLIENT_DN));
        assertThat(context.listenerName()).isEqualTo("CLIENTS");
    }

    @Test
    void aClientWithoutACertificateIsAnonymous() throws Exception {
        assertThat(requestAs(null).principal()).isEqualTo(Principal.ANONYMOUS);
    }

    /** ApiVersions that remembers each request's context. */
    private final class Recording implements RequestHandler<ApiVersionsRequest> {
        private final ApiVersionsHandler delegate = new ApiVersionsHandler(Set.of());

        @Override
        public ApiKey apiKey() {
            return ApiKey.API_VERSIONS;
        }

        @Override
        public CompletableFuture<? extends ApiResponse> handle(RequestContext context, ApiVersionsRequest request) {
            seen.add(context);
            return delegate.handle(context, request);
        }

        @Override
        public ApiResponse errorResponse(ApiVersionsRequest request, ErrorCode error, String message) {
            return delegate.errorResponse(request, error, message);
        }
    }
}
