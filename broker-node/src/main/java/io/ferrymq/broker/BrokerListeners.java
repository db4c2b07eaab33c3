package io.ferrymq.broker;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.config.SaslConfigKeys;
import io.ferrymq.broker.config.ServerConfigKeys;
import io.ferrymq.broker.security.sasl.SaslListenerAuthenticator;
import io.ferrymq.broker.kafka.KafkaApis;
import io.ferrymq.broker.kafka.KafkaCodec;
import io.ferrymq.broker.kafka.KafkaContext;
import io.ferrymq.broker.kafka.MetadataTopicIds;
import io.ferrymq.broker.replication.FetchSessionCache;
import io.ferrymq.broker.server.handler.ConfigDescriber;
import io.ferrymq.broker.server.Authenticator;
import io.ferrymq.broker.server.ServerCodec;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.broker.server.AdvertisedListeners;
import io.ferrymq.broker.server.ListenerSecurity;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.ferrymq.common.security.ScramCredentialLookup;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslConfigKeys;
import io.ferrymq.common.security.SslEngineFactory;
import io.ferrymq.common.security.SslSettings;
import io.ferrymq.coordinator.registry.BrokerEndpoint;
import io.ferrymq.coordinator.registry.BrokerInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The broker's listeners as its parts need them: each listener's security for the server (TLS
 * stores loaded here, so a bad one fails before anything opens), the follower side of the
 * inter-broker listener, what each listener advertises once bound, and the registration that
 * carries them all.
 *
 * <p>Stateless and thread-safe.
 */
final class BrokerListeners {

    private BrokerListeners() {
    }

    /**
     * One {@link ListenerSecurity} per listener, in listener order: TLS stores loaded, SASL listeners
     * authenticating against {@code credentials} in the protocol {@code codecs} gives the listener.
     */
    static List<ListenerSecurity> security(BrokerConfig config, ScramCredentialLookup credentials,
                                           Function<String, ServerCodec> codecs) {
        Optional<Authenticator> sasl = Optional.of(new SaslListenerAuthenticator(
                config.getList(SaslConfigKeys.SASL_ENABLED_MECHANISMS),
                config.getInt(SaslConfigKeys.SASL_SERVER_MAX_RECEIVE_SIZE), credentials, codecs));
        return config.listeners().stream()
                .map(listener -> ListenerSecurity.of(listener, config::sslSettings, sasl)).toList();
    }

    /**
     * The protocol each listener speaks: Kafka's on the listeners named in {@code kafka.listener.names},
     * Ferry's on the others. The Kafka listeners share one cache of fetch sessions, with Kafka's defaults.
     */
    static Function<String, ServerCodec> codecs(BrokerConfig config, MetadataStore metadata, ConfigDescriber describer,
                                                Clock clock) {
        ServerCodec ferry = ServerCodec.ferry(new KryoCodec());
        ServerCodec kafka = new KafkaCodec(new KafkaApis(new KafkaContext(new MetadataTopicIds(metadata),
                FetchSessionCache.withKafkaDefaults(clock), describer)));
        Set<String> kafkaListeners = config.kafkaListenerNames();
        return listenerName -> kafkaListeners.contains(listenerName) ? kafka : ferry;
    }

    /**
     * How followers connect to leaders: as the inter-broker listener's protocol and TLS settings say,
     * authenticating as {@code sasl.jaas.config}'s user when it is a SASL listener (and refusing that
     * key otherwise, where it would do nothing).
     */
    /**
     * The admin HTTP server's TLS when {@code admin.http.ssl.enable} is on: the inter-broker
     * listener's TLS settings, which must name a key store.
     */
    static Optional<SslEngineFactory> adminTls(BrokerConfig config) {
        if (!config.getBoolean(ServerConfigKeys.ADMIN_HTTP_SSL_ENABLE)) {
            return Optional.empty();
        }
        SslSettings settings = config.sslSettings(config.interBrokerListenerName());
        if (!settings.keyStore().isConfigured()) {
            throw new ConfigException(ServerConfigKeys.ADMIN_HTTP_SSL_ENABLE, ServerConfigKeys.ADMIN_HTTP_SSL_ENABLE
                    + " is on, but the inter-broker listener " + config.interBrokerListenerName()
                    + " has no key store: set " + SslConfigKeys.SSL_KEYSTORE_LOCATION + " (or listener.name."
                    + config.interBrokerListenerName().toLowerCase(Locale.ROOT) + "."
                    + SslConfigKeys.SSL_KEYSTORE_LOCATION + ")");
        }
        return Optional.of(new SslEngineFactory(settings));
    }

    static ClientSecurity interBroker(BrokerConfig config) {
        String name = config.interBrokerListenerName();
        SecurityProtocol protocol = config.listenerProtocols().get(name);
        Optional<SslEngineFactory> tls = protocol.isTls()
                ? Optional.of(new SslEngineFactory(config.sslSettings(name))) : Optional.empty();
        if (!protocol.isSasl() && config.getOptional(SaslConfigKeys.SASL_JAAS_CONFIG).isPresent()) {
            throw new ConfigException(SaslConfigKeys.SASL_JAAS_CONFIG, SaslConfigKeys.SASL_JAAS_CONFIG
                    + " is set, but the inter-broker listener " + name + " uses " + protocol + ", which does not use it");
        }
        return protocol.isSasl() ? ClientSecurity.sasl(tls, SaslConfigKeys.interBrokerCredentials(config, name))
                : new ClientSecurity(protocol, tls);
    }

    /** What each listener advertises, given the addresses bound in listener order. */
    static List<Endpoint> advertised(BrokerConfig config, List<InetSocketAddress> bound) {
        return AdvertisedListeners.resolve(config.listeners(), bound, config.advertisedListeners(),
                BrokerListeners::localHostName);
    }

    /** Every advertised listener; other brokers reach this one on the inter-broker listener's. */
    static BrokerInfo registration(BrokerConfig config, List<Endpoint> advertised, long startTimeMs) {
        List<BrokerEndpoint> endpoints = advertised.stream()
                .map(e -> new BrokerEndpoint(e.listenerName(), e.securityProtocol(), e.host(), e.port())).toList();
        BrokerEndpoint interBroker = endpoints.stream()
                .filter(e -> e.listenerName().equals(config.interBrokerListenerName())).findFirst().orElseThrow();
        return BrokerInfo.of(config.brokerId(), interBroker, endpoints, config.rack(), startTimeMs);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            throw new ConfigException("listeners binds every interface and the local host name cannot be resolved ("
                    + e.getMessage() + "); set advertised.listeners");
        }
    }
}
