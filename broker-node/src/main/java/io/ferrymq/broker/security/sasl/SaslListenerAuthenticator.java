package io.ferrymq.broker.security.sasl;

import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.broker.server.Authenticator;
import io.ferrymq.broker.server.ServerCodec;
import io.ferrymq.client.network.FrameDecoder;
import io.ferrymq.common.security.SaslMechanisms;
import io.ferrymq.common.security.ScramCredentialLookup;
import io.netty.channel.ChannelPipeline;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link Authenticator} of SASL_PLAINTEXT and SASL_SSL listeners: for each connection it caps
 * the frame decoder (named {@value #FRAMES}) at {@code sasl.server.max.receive.size} and adds a
 * {@link SaslServerHandler} before the request handler (named {@value #REQUESTS}), with a fresh
 * {@link SaslAuthenticator} over {@code sasl.enabled.mechanisms} and the broker's credential cache.
 *
 * <p>Immutable and thread-safe: one instance serves every connection.
 */
public final class SaslListenerAuthenticator implements Authenticator {

    static final String FRAMES = "frames";
    static final String REQUESTS = "requests";
    static final String HANDLER = "sasl";

    private final List<String> enabledMechanisms;
    private final int maxReceiveBytes;
    private final ScramCredentialLookup credentials;
    private final Function<String, ServerCodec> codecs;

    public SaslListenerAuthenticator(List<String> enabledMechanisms, int maxReceiveBytes,
                                     ScramCredentialLookup credentials, Function<String, ServerCodec> codecs) {
        enabledMechanisms.forEach(SaslMechanisms::requireSupported);
        this.enabledMechanisms = List.copyOf(enabledMechanisms);
        this.maxReceiveBytes = maxReceiveBytes;
        this.credentials = credentials;
        this.codecs = codecs;
    }

    @Override
    public void install(ChannelPipeline pipeline, Endpoint listener) {
        FrameDecoder full = (FrameDecoder) pipeline.get(FRAMES);
        int fullLimit = full.maxFrameBytes();
        pipeline.replace(FRAMES, FRAMES, new FrameDecoder(Math.min(maxReceiveBytes, fullLimit)));
        pipeline.addBefore(REQUESTS, HANDLER, new SaslServerHandler(codecs.apply(listener.listenerName()),
                new SaslAuthenticator(enabledMechanisms, credentials), FRAMES, fullLimit, listener.listenerName()));
    }
}
