package io.ferrymq.broker.kafka.group;

import static io.ferrymq.broker.kafka.group.GroupWire.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DeleteGroupsRequest;
import io.ferrymq.common.protocol.requests.DescribeGroupsRequest;
import io.ferrymq.common.protocol.requests.ListGroupsRequest;
import io.ferrymq.common.protocol.responses.DeleteGroupsResponse;
import io.ferrymq.common.protocol.responses.DescribeGroupsResponse;
import io.ferrymq.common.protocol.responses.ListGroupsResponse;
import java.util.List;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ListGroups, DescribeGroups and DeleteGroups: the group tools' APIs. */
class GroupListingApisTest {

    private final ListGroupsApi list = new ListGroupsApi();
    private final DescribeGroupsApi describe = new DescribeGroupsApi();
    private final DeleteGroupsApi delete = new DeleteGroupsApi();

    @ParameterizedTest
    @ValueSource(shorts = {0, 3, 4})
    void listGroupsFiltersByStateFromVersionFour(short version) {
        ListGroupsRequestData request = new ListGroupsRequestData();
        if (version >= 4) {
            request.setStatesFilter(List.of("Stable"));
        }
        request = roundTrip(request, version);

        assertThat(list.toFerry(request, version))
                .isEqualTo(new ListGroupsRequest(version >= 4 ? List.of("Stable") : List.of()));

        ListGroupsResponseData kafka = roundTrip(list.toKafka(request, new ListGroupsResponse(ErrorCode.NONE, List.of(
                new ListGroupsResponse.GroupListing("billing", "consumer", "Stable"))), version), version);
        assertThat(kafka.groups()).hasSize(1);
        assertThat(kafka.groups().get(0).groupId()).isEqualTo("billing");
        assertThat(kafka.groups().get(0).protocolType()).isEqualTo("consumer");
        assertThat(kafka.groups().get(0).groupState()).isEqualTo(version >= 4 ? "Stable" : "");
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 3, 5})
    void describeGroupsAnswersMembersWithTheirBytes(short version) {
        DescribeGroupsRequestData request = new DescribeGroupsRequestData().setGroups(List.of("billing", "gone"));
        if (version >= 3) {
            request.setIncludeAuthorizedOperations(true);
        }
        request = roundTrip(request, version);

        assertThat(describe.toFerry(request, version)).isEqualTo(new DescribeGroupsRequest(List.of("billing", "gone")));

        DescribeGroupsResponseData kafka = roundTrip(describe.toKafka(request, new DescribeGroupsResponse(List.of(
                new DescribeGroupsResponse.DescribedGroup(ErrorCode.NONE, "billing", "Stable", "consumer", "range",
                        List.of(new DescribeGroupsResponse.Member("m-1", "client-1", "/127.0.0.1", new byte[] {1},
                                new byte[] {2, 3}))),
                new DescribeGroupsResponse.DescribedGroup(ErrorCode.NONE, "gone", "Dead", "", "", List.of()))), version),
                version);

        DescribeGroupsResponseData.DescribedGroup billing = kafka.groups().get(0);
        assertThat(billing.groupState()).isEqualTo("Stable");
        assertThat(billing.protocolType()).isEqualTo("consumer");
        assertThat(billing.protocolData()).isEqualTo("range");
        assertThat(billing.members().get(0).clientHost()).isEqualTo("/127.0.0.1");
        assertThat(billing.members().get(0).memberAssignment()).containsExactly(2, 3);
        assertThat(billing.members().get(0).groupInstanceId()).isNull();
        assertThat(kafka.groups().get(1).groupState()).isEqualTo("Dead");
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2})
    void deleteGroupsAnswersPerGroup(short version) {
        DeleteGroupsRequestData request = roundTrip(new DeleteGroupsRequestData().setGroupsNames(List.of("old", "busy")),
                version);

        assertThat(delete.toFerry(request, version)).isEqualTo(new DeleteGroupsRequest(List.of("old", "busy")));

        DeleteGroupsResponseData kafka = roundTrip(delete.toKafka(request, new DeleteGroupsResponse(List.of(
                new DeleteGroupsResponse.GroupResult("old", ErrorCode.NONE),
                new DeleteGroupsResponse.GroupResult("busy", ErrorCode.NON_EMPTY_GROUP))), version), version);
        assertThat(kafka.results().find("old").errorCode()).isZero();
        assertThat(kafka.results().find("busy").errorCode()).isEqualTo(ErrorCode.NON_EMPTY_GROUP.code());
    }
}
