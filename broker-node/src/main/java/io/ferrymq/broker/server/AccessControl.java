package io.ferrymq.broker.server;

import io.ferrymq.broker.security.Action;
import io.ferrymq.broker.security.AuthorizationDecision;
import io.ferrymq.broker.security.Authorizer;
import io.ferrymq.broker.server.Admission.Admitted;
import io.ferrymq.broker.server.Admission.Refused;
import io.ferrymq.broker.server.Requirement.AnyOf;
import io.ferrymq.broker.server.Requirement.Either;
import io.ferrymq.broker.server.Requirement.On;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Authorization in the request path: checks every {@link Requirement} {@link AccessRules} lists for
 * a request with the {@link Authorizer} (which audits and counts each decision) before the handler
 * runs. A denied topic of Produce, a consumer's Fetch, ListOffsets, OffsetCommit or Metadata is
 * taken out of the request and answered {@code TOPIC_AUTHORIZATION_FAILED} beside the others, as
 * Kafka does (a request whose every topic is denied never reaches its handler); Metadata for all
 * topics lists only those the caller may describe, and auto-creates only what it may create. Any
 * other denial refuses the whole request with the requirement's error
 * ({@code TOPIC_/GROUP_/CLUSTER_AUTHORIZATION_FAILED}) for every part of it.
 *
 * <p>Immutable; thread-safe.
 */
public final class AccessControl {

    private final Authorizer authorizer;

    public AccessControl(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    Admission admit(RequestContext context, ApiRequest request) {
        Set<String> deniedTopics = new LinkedHashSet<>();
        List<Requirement> requirements = AccessRules.of(request);
        boolean split = AccessRules.isSplitByTopic(request);
        for (Requirement requirement : requirements) {
            if (!check(context, request, requirement, true).allowed()) {
                if (!split || requirement.topic().isEmpty()) {
                    return new Refused(requirement.deniedError(), denial(context, requirement));
                }
                deniedTopics.add(requirement.topic().get());
            }
        }
        if (request instanceof MetadataRequest metadata) {
            return metadata(context, metadata, deniedTopics);
        }
        if (deniedTopics.isEmpty()) {
            return Admitted.whole(request);
        }
        String message = "not authorized to access topics " + deniedTopics + " as " + context.principal();
        if (deniedTopics.size() == requirements.stream().filter(r -> r.topic().isPresent()).count()) {
            return new Refused(ErrorCode.TOPIC_AUTHORIZATION_FAILED, message);
        }
        return new Admitted(TopicSplits.without(request, deniedTopics),
                response -> TopicSplits.withDenied(response, request, deniedTopics, message));
    }

    private Admission metadata(RequestContext context, MetadataRequest request, Set<String> denied) {
        if (request.allTopics()) {
            return new Admitted(request, response -> TopicSplits.onlyTopics((MetadataResponse) response,
                    topic -> mayDescribe(context, request, topic)));
        }
        List<String> allowed = request.topics().stream().filter(t -> !denied.contains(t)).toList();
        boolean autoCreate = request.allowAutoTopicCreation()
                && allowed.stream().allMatch(topic -> mayCreate(context, request, topic));
        String message = "not authorized to describe topics " + denied + " as " + context.principal();
        return new Admitted(new MetadataRequest(allowed, false, autoCreate),
                response -> TopicSplits.withDenied(response, request, denied, message));
    }

    private boolean mayDescribe(RequestContext context, ApiRequest request, String topic) {
        return check(context, request, On.topic(AclOperation.DESCRIBE, topic), false).allowed();
    }

    private boolean mayCreate(RequestContext context, ApiRequest request, String topic) {
        return check(context, request, new Either(On.cluster(AclOperation.CREATE),
                On.topic(AclOperation.CREATE, topic), ErrorCode.TOPIC_AUTHORIZATION_FAILED), false).allowed();
    }

    private AuthorizationDecision check(RequestContext context, ApiRequest request, Requirement requirement,
                                        boolean audited) {
        if (requirement instanceof On on) {
            Action action = action(context, request, on.operation(), on.type(), on.name());
            return audited ? authorizer.authorize(action) : authorizer.decide(action);
        }
        if (requirement instanceof AnyOf any) {
            return authorizer.authorizeAny(action(context, request, any.operation(), any.type(), "*"));
        }
        Either either = (Either) requirement;
        // the first alternative is tried silently, so that a fallback that succeeds leaves no denial line
        if (check(context, request, either.first(), false).allowed()) {
            return check(context, request, either.first(), audited);
        }
        return check(context, request, either.second(), audited);
    }

    private static Action action(RequestContext context, ApiRequest request, AclOperation operation,
                                 ResourceType type, String name) {
        return new Action(context.principal(), host(context), operation, type, name, request.apiKey().name());
    }

    /** The client's IP address, as ACL hosts name it. */
    static String host(RequestContext context) {
        if (context.clientAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return context.clientAddress().toString();
    }

    private static String denial(RequestContext context, Requirement requirement) {
        return context.principal() + " is not authorized: " + describe(requirement);
    }

    private static String describe(Requirement requirement) {
        if (requirement instanceof On on) {
            return on.operation() + " on " + on.type().zkName() + " '" + on.name() + "'";
        }
        if (requirement instanceof AnyOf any) {
            return any.operation() + " on any " + any.type().zkName();
        }
        Either either = (Either) requirement;
        return describe(either.first()) + " or " + describe(either.second());
    }
}
