package io.ferrymq.broker.server;

import static io.ferrymq.common.acl.AclOperation.CLUSTER_ACTION;
import static io.ferrymq.common.acl.AclOperation.DESCRIBE;
import static io.ferrymq.common.acl.AclOperation.READ;
import static io.ferrymq.common.acl.AclOperation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ferrymq.broker.security.AclAuthorizer;
import io.ferrymq.broker.security.AuthorizationAudit;
import io.ferrymq.broker.security.AuthorizerSettings;
import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The request path's authorization: which requests reach their handler, what is denied and with which error. */
class AccessControlTest {

    private static final TopicPartition OPEN = new TopicPartition("open", 0);
    private static final TopicPartition SECRET = new TopicPartition("secret", 0);
    private static final Principal ALICE = Principal.user("alice");

    private final AtomicInteger denied = new AtomicInteger();
    private final AclAuthorizer authorizer = new AclAuthorizer(
            new AuthorizerSettings(Set.of(Principal.user("broker")), false),
            allowed -> denied.addAndGet(allowed ? 0 : 1));
    private final AccessControl access = new AccessControl(authorizer);
    private final List<ApiRequest> served = new ArrayList<>();
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger(AuthorizationAudit.LOGGER_NAME);

    @BeforeEach
    void grant() {
        authorizer.accept(Set.of(allow(ResourcePattern.literal(ResourceType.TOPIC, "open"), "User:alice", WRITE),
                allow(ResourcePattern.literal(ResourceType.TOPIC, "open"), "User:alice", READ),
                allow(ResourcePattern.literal(ResourceType.GROUP, "g"), "User:alice", READ)));
        audit.start();
        auditLogger.addAppender(audit);
    }

    @AfterEach
    void detach() {
        auditLogger.detachAppender(audit);
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation op) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    private static RequestContext as(Principal principal, ApiKey key) {
        return new RequestContext(key, (short) 0, 1, "test", new InetSocketAddress("10.1.2.3", 5000), principal);
    }

    private <Q extends ApiRequest> ApiResponse dispatch(RequestHandler<Q> handler, Principal principal, Q request) {
        RequestDispatcher dispatcher = new RequestDispatcher(List.of(handler), Runnable::run, RequestObserver.NONE,
                Optional.of(access));
        return dispatcher.dispatch(as(principal, request.apiKey()), request).response().join().orElseThrow();
    }

    private final RequestHandler<ProduceRequest> produce = new EchoHandler<>(ApiKey.PRODUCE, r -> new ProduceResponse(
            r.partitions().stream().map(p -> new ProduceResponse.PartitionResponse(p.topicPartition(), ErrorCode.NONE,
                    "", 0L, -1L, 0L)).toList()),
            (r, e) -> new ProduceResponse(r.partitions().stream()
                    .map(p -> ProduceResponse.PartitionResponse.error(p.topicPartition(), e, "")).toList()));

    private static ProduceRequest produceTo(TopicPartition... partitions) {
        return new ProduceRequest((short) 1, 1000, java.util.Arrays.stream(partitions)
                .map(tp -> new ProduceRequest.PartitionData(tp, RecordSource.EMPTY)).toList());
    }

    private static Map<TopicPartition, ErrorCode> errors(ApiResponse response) {
        return ((ProduceResponse) response).partitions().stream()
                .collect(Collectors.toMap(ProduceResponse.PartitionResponse::topicPartition,
                        ProduceResponse.PartitionResponse::error));
    }

    @Test
    void produceServesAllowedTopicsAndDeniesTheOthersPerPartition() {
        ApiResponse response = dispatch(produce, ALICE, produceTo(OPEN, SECRET));
        assertThat(errors(response)).containsExactlyInAnyOrderEntriesOf(
                Map.of(OPEN, ErrorCode.NONE, SECRET, ErrorCode.TOPIC_AUTHORIZATION_FAILED));
        assertThat(served).containsExactly(produceTo(OPEN));
        assertThat(denied).hasValue(1);
        assertThat(audit.list).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .isEqualTo("Principal = User:alice is Denied Operation = Write from host = 10.1.2.3 on resource = "
                        + "Topic:LITERAL:secret for request = PRODUCE (no ACL found)"));
    }

    @Test
    void aRequestWithEveryTopicDeniedNeverReachesItsHandler() {
        ApiResponse response = dispatch(produce, Principal.ANONYMOUS, produceTo(OPEN, SECRET));
        assertThat(errors(response)).containsOnlyKeys(OPEN, SECRET)
                .allSatisfy((tp, error) -> assertThat(error).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED));
        assertThat(served).isEmpty();
    }

    @Test
    void aReplicaFetchNeedsClusterActionWhichOnlyBrokersHold() {
        FetchRequest forged = new FetchRequest(2, 0, 1, 1024, List.of(new FetchRequest.PartitionData(OPEN, 0L, -1, 1024)));
        assertThat(access.admit(as(ALICE, ApiKey.FETCH), forged)).isEqualTo(new Admission.Refused(
                ErrorCode.CLUSTER_AUTHORIZATION_FAILED, "User:alice is not authorized: CLUSTER_ACTION on Cluster 'kafka-cluster'"));
        assertThat(access.admit(as(Principal.user("broker"), ApiKey.FETCH), forged))
                .isInstanceOf(Admission.Admitted.class);
        FetchRequest consumer = new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, 0, 1, 1024,
                List.of(new FetchRequest.PartitionData(OPEN, 0L, -1, 1024)));
        assertThat(access.admit(as(ALICE, ApiKey.FETCH), consumer)).isEqualTo(Admission.Admitted.whole(consumer));
        assertThat(audit.list).anySatisfy(line -> assertThat(line.getFormattedMessage()).contains("ClusterAction"));
    }

    @Test
    void groupApisNeedReadOnTheGroup() {
        assertThat(access.admit(as(ALICE, ApiKey.HEARTBEAT), new HeartbeatRequest("g", 1, "m")))
                .isInstanceOf(Admission.Admitted.class);
        Admission other = access.admit(as(ALICE, ApiKey.HEARTBEAT), new HeartbeatRequest("other", 1, "m"));
        assertThat(other).isInstanceOfSatisfying(Admission.Refused.class,
                refused -> assertThat(refused.error()).isEqualTo(ErrorCode.GROUP_AUTHORIZATION_FAILED));
    }

    @Test
    void aCommitToADeniedTopicFailsOnlyThosePartitionsAndADeniedGroupFailsAll() {
        OffsetCommitRequest commit = new OffsetCommitRequest("g", 1, "m", List.of(
                new OffsetCommitRequest.PartitionData(OPEN, 5L, -1, ""),
                new OffsetCommitRequest.PartitionData(SECRET, 5L, -1, "")));
        Admission.Admitted admitted = (Admission.Admitted) access.admit(as(ALICE, ApiKey.OFFSET_COMMIT), commit);
        assertThat(((OffsetCommitRequest) admitted.request()).partitions())
                .extracting(OffsetCommitRequest.PartitionData::topicPartition).containsExactly(OPEN);
        OffsetCommitResponse served = new OffsetCommitResponse(List.of(
                new OffsetCommitResponse.PartitionResponse(OPEN, ErrorCode.NONE)));
        assertThat(((OffsetCommitResponse) admitted.amend().apply(served)).partitions()).containsExactly(
                new OffsetCommitResponse.PartitionResponse(OPEN, ErrorCode.NONE),
                new OffsetCommitResponse.PartitionResponse(SECRET, ErrorCode.TOPIC_AUTHORIZATION_FAILED));

        OffsetCommitRequest otherGroup = new OffsetCommitRequest("other", 1, "m", commit.partitions());
        assertThat(access.admit(as(ALICE, ApiKey.OFFSET_COMMIT), otherGroup)).isInstanceOfSatisfying(
                Admission.Refused.class, r -> assertThat(r.error()).isEqualTo(ErrorCode.GROUP_AUTHORIZATION_FAILED));
    }

    @Test
    void metadataListsOnlyDescribableTopicsAndAutoCreatesOnlyWithCreate() {
        MetadataResponse all = metadata(Set.of("open", "secret"), "open", "secret");
        Admission.Admitted admitted = (Admission.Admitted) access.admit(as(ALICE, ApiKey.METADATA),
                MetadataRequest.forAllTopics());
        assertThat(((MetadataResponse) admitted.amend().apply(all)).topics())
                .extracting(MetadataResponse.TopicMetadata::name).containsExactly("open");

        Admission.Admitted named = (Admission.Admitted) access.admit(as(ALICE, ApiKey.METADATA),
                MetadataRequest.forTopics(List.of("open", "secret"), true));
        assertThat(named.request()).isEqualTo(MetadataRequest.forTopics(List.of("open"), false));
        assertThat(((MetadataResponse) named.amend().apply(metadata(Set.of("open"), "open"))).topics())
                .extracting(MetadataResponse.TopicMetadata::name, MetadataResponse.TopicMetadata::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("open", ErrorCode.NONE),
                        org.assertj.core.groups.Tuple.tuple("secret", ErrorCode.TOPIC_AUTHORIZATION_FAILED));

        authorizer.accept(Set.of(allow(ResourcePattern.literal(ResourceType.TOPIC, "new"), "User:alice", DESCRIBE),
                allow(ResourcePattern.cluster(), "User:alice", AclOperation.CREATE)));
        Admission.Admitted creating = (Admission.Admitted) access.admit(as(ALICE, ApiKey.METADATA),
                MetadataRequest.forTopics(List.of("new"), true));
        assertThat(creating.request()).isEqualTo(MetadataRequest.forTopics(List.of("new"), true));
    }

    @Test
    void describeConfigsNeedsDescribeConfigsPerTopicAndOnTheClusterForABroker() {
        authorizer.accept(Set.of(allow(ResourcePattern.literal(ResourceType.TOPIC, "open"), "User:alice",
                AclOperation.DESCRIBE_CONFIGS)));
        DescribeConfigsRequest.Resource open = new DescribeConfigsRequest.Resource(DescribeConfigsRequest.Resource.TOPIC,
                "open", List.of());
        DescribeConfigsRequest.Resource secret = new DescribeConfigsRequest.Resource(
                DescribeConfigsRequest.Resource.TOPIC, "secret", List.of());
        Admission.Admitted admitted = (Admission.Admitted) access.admit(as(ALICE, ApiKey.DESCRIBE_CONFIGS),
                new DescribeConfigsRequest(List.of(open, secret), false, false));
        assertThat(((DescribeConfigsRequest) admitted.request()).resources()).containsExactly(open);
        DescribeConfigsResponse served = new DescribeConfigsResponse(List.of(new DescribeConfigsResponse.ResourceResult(
                open.type(), "open", ErrorCode.NONE, "", List.of())));
        assertThat(((DescribeConfigsResponse) admitted.amend().apply(served)).results())
                .extracting(DescribeConfigsResponse.ResourceResult::name, DescribeConfigsResponse.ResourceResult::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("open", ErrorCode.NONE),
                        org.assertj.core.groups.Tuple.tuple("secret", ErrorCode.TOPIC_AUTHORIZATION_FAILED));

        DescribeConfigsRequest broker = new DescribeConfigsRequest(List.of(open, new DescribeConfigsRequest.Resource(
                DescribeConfigsRequest.Resource.BROKER, "1", List.of())), false, false);
        assertThat(access.admit(as(ALICE, ApiKey.DESCRIBE_CONFIGS), broker)).isInstanceOfSatisfying(
                Admission.Refused.class, r -> assertThat(r.error()).isEqualTo(ErrorCode.CLUSTER_AUTHORIZATION_FAILED));
        authorizer.accept(Set.of(allow(ResourcePattern.cluster(), "User:alice", AclOperation.DESCRIBE_CONFIGS),
                allow(ResourcePattern.literal(ResourceType.TOPIC, "open"), "User:alice", AclOperation.DESCRIBE_CONFIGS)));
        assertThat(access.admit(as(ALICE, ApiKey.DESCRIBE_CONFIGS), broker)).isEqualTo(Admission.Admitted.whole(broker));
    }

    @Test
    void alteringConfigsNeedsAlterConfigsPerTopicAndOnTheClusterForABroker() {
        authorizer.accept(Set.of(allow(ResourcePattern.literal(ResourceType.TOPIC, "open"), "User:alice",
                AclOperation.ALTER_CONFIGS)));
        IncrementalAlterConfigsRequest.Resource open = new IncrementalAlterConfigsRequest.Resource(
                IncrementalAlterConfigsRequest.Resource.TOPIC, "open", false, List.of());
        IncrementalAlterConfigsRequest.Resource secret = new IncrementalAlterConfigsRequest.Resource(
                IncrementalAlterConfigsRequest.Resource.TOPIC, "secret", false, List.of());
        Admission.Admitted admitted = (Admission.Admitted) access.admit(as(ALICE, ApiKey.INCREMENTAL_ALTER_CONFIGS),
                new IncrementalAlterConfigsRequest(List.of(open, secret), false));
        assertThat(((IncrementalAlterConfigsRequest) admitted.request()).resources()).containsExactly(open);
        IncrementalAlterConfigsResponse served = new IncrementalAlterConfigsResponse(List.of(
                new IncrementalAlterConfigsResponse.ResourceResult(open.type(), "open", ErrorCode.NONE, "")));
        assertThat(((IncrementalAlterConfigsResponse) admitted.amend().apply(served)).results())
                .extracting(IncrementalAlterConfigsResponse.ResourceResult::name,
                        IncrementalAlterConfigsResponse.ResourceResult::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("open", ErrorCode.NONE),
                        org.assertj.core.groups.Tuple.tuple("secret", ErrorCode.TOPIC_AUTHORIZATION_FAILED));

        IncrementalAlterConfigsRequest broker = new IncrementalAlterConfigsRequest(List.of(open,
                new IncrementalAlterConfigsRequest.Resource(IncrementalAlterConfigsRequest.Resource.BROKER, "1", false,
                        List.of())), false);
        assertThat(access.admit(as(ALICE, ApiKey.INCREMENTAL_ALTER_CONFIGS), broker)).isInstanceOfSatisfying(
                Admission.Refused.class, r -> assertThat(r.error()).isEqualTo(ErrorCode.CLUSTER_AUTHORIZATION_FAILED));
        authorizer.accept(Set.of(allow(ResourcePattern.literal(ResourceType.TOPIC, "open"), "User:alice",
                AclOperation.DESCRIBE_CONFIGS)));
        assertThat(access.admit(as(ALICE, ApiKey.INCREMENTAL_ALTER_CONFIGS),
                new IncrementalAlterConfigsRequest(List.of(open), false)))
                .as("DESCRIBE_CONFIGS does not imply ALTER_CONFIGS").isInstanceOfSatisfying(Admission.Refused.class,
                        r -> assertThat(r.error()).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED));
    }

    @Test
    void idempotentProducersNeedWriteOnSomeTopic() {
        InitProducerIdRequest init = InitProducerIdRequest.newProducer();
        assertThat(access.admit(as(ALICE, ApiKey.INIT_PRODUCER_ID), init)).isInstanceOf(Admission.Admitted.class);
        assertThat(access.admit(as(Principal.user("bob"), ApiKey.INIT_PRODUCER_ID), init))
                .isInstanceOfSatisfying(Admission.Refused.class,
                        refused -> assertThat(refused.error()).isEqualTo(ErrorCode.CLUSTER_AUTHORIZATION_FAILED));
    }

    @Test
    void aChangedAclTakesEffectOnTheNextRequest() {
        assertThat(errors(dispatch(produce, ALICE, produceTo(SECRET)))).containsEntry(SECRET,
                ErrorCode.TOPIC_AUTHORIZATION_FAILED);
        authorizer.accept(Set.of(allow(ResourcePattern.literal(ResourceType.TOPIC, "*"), "User:*", WRITE)));
        assertThat(errors(dispatch(produce, ALICE, produceTo(SECRET)))).containsEntry(SECRET, ErrorCode.NONE);
    }

    private static MetadataResponse metadata(Set<String> existing, String... topics) {
        return new MetadataResponse(List.of(), "c", java.util.Arrays.stream(topics).filter(existing::contains)
                .map(t -> new MetadataResponse.TopicMetadata(ErrorCode.NONE, t, List.of())).toList());
    }

    /** A handler that records what reached it and answers success for it. */
    private final class EchoHandler<Q extends ApiRequest> implements RequestHandler<Q> {
        private final ApiKey key;
        private final Function<Q, ApiResponse> answer;
        private final java.util.function.BiFunction<Q, ErrorCode, ApiResponse> error;

        EchoHandler(ApiKey key, Function<Q, ApiResponse> answer, java.util.function.BiFunction<Q, ErrorCode, ApiResponse> error) {
            this.key = key;
            this.answer = answer;
            this.error = error;
        }

        @Override
        public ApiKey apiKey() {
            return key;
        }

        @Override
        public CompletableFuture<ApiResponse> handle(RequestContext context, Q request) {
            served.add(request);
            return CompletableFuture.completedFuture(answer.apply(request));
        }

        @Override
        public ApiResponse errorResponse(Q request, ErrorCode code, String message) {
            return error.apply(request, code);
        }
    }
}
