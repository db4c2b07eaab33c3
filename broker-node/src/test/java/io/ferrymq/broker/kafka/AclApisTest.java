package io.ferrymq.broker.kafka;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.AclFilterData;
import io.ferrymq.common.protocol.requests.CreateAclsRequest;
import io.ferrymq.common.protocol.requests.DeleteAclsRequest;
import io.ferrymq.common.protocol.requests.DescribeAclsRequest;
import io.ferrymq.common.protocol.responses.CreateAclsResponse;
import io.ferrymq.common.protocol.responses.DeleteAclsResponse;
import io.ferrymq.common.protocol.responses.DescribeAclsResponse;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.message.CreateAclsRequestData;
import org.apache.kafka.common.message.CreateAclsRequestData.AclCreation;
import org.apache.kafka.common.message.CreateAclsResponseData;
import org.apache.kafka.common.message.DeleteAclsRequestData;
import org.apache.kafka.common.message.DeleteAclsRequestData.DeleteAclsFilter;
import org.apache.kafka.common.message.DeleteAclsResponseData;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.DescribeAclsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclApisTest {

    private static final byte TOPIC = ResourceType.TOPIC.code();
    private static final byte PREFIXED = PatternType.PREFIXED.code();
    private static final byte LITERAL = PatternType.LITERAL.code();
    private static final byte READ = AclOperation.READ.code();
    private static final byte WRITE = AclOperation.WRITE.code();
    private static final byte ALLOW = AclPermissionType.ALLOW.code();
    private static final AclBindingData ALICE_READS = new AclBindingData(TOPIC, "orders-", PREFIXED, "User:alice",
            "*", READ, ALLOW);
    private static final AclBindingData ALICE_WRITES = new AclBindingData(TOPIC, "orders-", PREFIXED, "User:alice",
            "*", WRITE, ALLOW);
    private static final AclBindingData BOB_READS = new AclBindingData(TOPIC, "audit", LITERAL, "User:bob", "10.0.0.1",
            READ, ALLOW);

    @Test
    void describeAclsPassesTheFilterAndGroupsBindingsByResource() {
        for (short version = 1; version <= 3; version++) {
            DescribeAclsRequestData request = roundTrip(new DescribeAclsRequestData().setResourceTypeFilter(TOPIC)
                    .setResourceNameFilter(null).setPatternTypeFilter(PatternType.ANY.code()).setPrincipalFilter("User:alice")
                    .setHostFilter(null).setOperation(AclOperation.ANY.code()).setPermissionType(AclPermissionType.ANY.code()),
                    version, DescribeAclsRequestData::new);
            assertThat(new DescribeAclsApi().toFerry(request, version)).isEqualTo(new DescribeAclsRequest(
                    new AclFilterData(TOPIC, null, PatternType.ANY.code(), "User:alice", null, AclOperation.ANY.code(),
                            AclPermissionType.ANY.code())));
            DescribeAclsResponseData out = roundTrip(new DescribeAclsApi().toKafka(request, new DescribeAclsResponse(
                    ErrorCode.NONE, "", List.of(ALICE_READS, BOB_READS, ALICE_WRITES)), version), version,
                    DescribeAclsResponseData::new);
            assertThat(out.errorCode()).isZero();
            assertThat(out.resources()).hasSize(2);
            DescribeAclsResponseData.DescribeAclsResource orders = out.resources().get(0);
            assertThat(orders.resourceName()).isEqualTo("orders-");
            assertThat(orders.patternType()).isEqualTo(PREFIXED);
            assertThat(orders.acls()).extracting(DescribeAclsResponseData.AclDescription::operation)
                    .containsExactly(READ, WRITE);
            assertThat(out.resources().get(1).acls().get(0).host()).isEqualTo("10.0.0.1");
        }
    }

    @Test
    void describeAclsErrorCarriesItsMessage() {
        DescribeAclsResponseData out = new DescribeAclsApi().toKafka(new DescribeAclsRequestData(),
                new DescribeAclsResponse(ErrorCode.SECURITY_DISABLED, "no authorizer", List.of()), (short) 3);
        assertThat(out.errorCode()).isEqualTo(Errors.SECURITY_DISABLED.code());
        assertThat(out.errorMessage()).isEqualTo("no authorizer");
    }

    @Test
    void createAclsMapsEveryCreationAndResultInOrder() {
        for (short version = 1; version <= 3; version++) {
            CreateAclsRequestData request = roundTrip(new CreateAclsRequestData().setCreations(List.of(
                    new AclCreation().setResourceType(TOPIC).setResourceName("orders-").setResourcePatternType(PREFIXED)
                            .setPrincipal("User:alice").setHost("*").setOperation(READ).setPermissionType(ALLOW),
                    new AclCreation().setResourceType(TOPIC).setResourceName("audit").setResourcePatternType(LITERAL)
                            .setPrincipal("User:bob").setHost("10.0.0.1").setOperation(READ).setPermissionType(ALLOW))),
                    version, CreateAclsRequestData::new);
            assertThat(new CreateAclsApi().toFerry(request, version))
                    .isEqualTo(new CreateAclsRequest(List.of(ALICE_READS, BOB_READS)));
            CreateAclsResponseData out = roundTrip(new CreateAclsApi().toKafka(request, new CreateAclsResponse(List.of(
                    new CreateAclsResponse.Result(ErrorCode.NONE, ""),
                    new CreateAclsResponse.Result(ErrorCode.INVALID_REQUEST, "bad host"))), version), version,
                    CreateAclsResponseData::new);
            assertThat(out.results()).extracting(CreateAclsResponseData.AclCreationResult::errorCode)
                    .containsExactly(Errors.NONE.code(), Errors.INVALID_REQUEST.code());
            assertThat(out.results().get(0).errorMessage()).isNull();
            assertThat(out.results().get(1).errorMessage()).isEqualTo("bad host");
        }
    }

    @Test
    void deleteAclsReturnsTheMatchedBindingsPerFilter() {
        for (short version = 1; version <= 3; version++) {
            DeleteAclsRequestData request = roundTrip(new DeleteAclsRequestData().setFilters(List.of(
                    new DeleteAclsFilter().setResourceTypeFilter(TOPIC).setResourceNameFilter("orders-")
                            .setPatternTypeFilter(PREFIXED).setPrincipalFilter(null).setHostFilter(null)
                            .setOperation(AclOperation.ANY.code()).setPermissionType(AclPermissionType.ANY.code()))),
                    version, DeleteAclsRequestData::new);
            assertThat(new DeleteAclsApi().toFerry(request, version)).isEqualTo(new DeleteAclsRequest(List.of(
                    new AclFilterData(TOPIC, "orders-", PREFIXED, null, null, AclOperation.ANY.code(),
                            AclPermissionType.ANY.code()))));
            DeleteAclsResponseData out = roundTrip(new DeleteAclsApi().toKafka(request, new DeleteAclsResponse(List.of(
                    new DeleteAclsResponse.FilterResult(ErrorCode.NONE, "", List.of(ALICE_READS, ALICE_WRITES)))),
                    version), version, DeleteAclsResponseData::new);
            assertThat(out.filterResults()).singleElement().satisfies(r -> {
                assertThat(r.errorCode()).isZero();
                assertThat(r.matchingAcls()).extracting(DeleteAclsResponseData.DeleteAclsMatchingAcl::operation)
                        .containsExactly(READ, WRITE);
                assertThat(r.matchingAcls().get(0).patternType()).isEqualTo(PREFIXED);
                assertThat(r.matchingAcls().get(0).principal()).isEqualTo("User:alice");
            });
        }
    }

    @Test
    void deleteAclsErrorsArePerFilter() {
        DeleteAclsRequestData request = new DeleteAclsRequestData().setFilters(List.of(new DeleteAclsFilter(),
                new DeleteAclsFilter()));
        DeleteAclsResponseData out = new DeleteAclsApi().toKafka(request, new DeleteAclsResponse(List.of(
                new DeleteAclsResponse.FilterResult(ErrorCode.NONE, "", List.of()),
                new DeleteAclsResponse.FilterResult(ErrorCode.INVALID_REQUEST, "unknown ACL operation code 0",
                        List.of()))), (short) 2);
        assertThat(out.filterResults()).extracting(DeleteAclsResponseData.DeleteAclsFilterResult::errorCode)
                .containsExactly(Errors.NONE.code(), Errors.INVALID_REQUEST.code());
        assertThat(out.filterResults().get(1).errorMessage()).isEqualTo("unknown ACL operation code 0");
    }
}
