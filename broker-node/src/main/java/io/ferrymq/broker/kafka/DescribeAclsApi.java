package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DescribeAclsRequest;
import io.ferrymq.common.protocol.responses.DescribeAclsResponse;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.DescribeAclsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/** DescribeAcls 1-3: the bindings matching one filter, grouped by resource pattern ({@link AclApis}). Stateless. */
final class DescribeAclsApi implements KafkaApi<DescribeAclsRequestData, DescribeAclsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_ACLS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 3;
    }

    @Override
    public ApiRequest toFerry(DescribeAclsRequestData request, short version) {
        return new DescribeAclsRequest(AclApis.filter(request));
    }

    @Override
    public DescribeAclsResponseData toKafka(DescribeAclsRequestData request, ApiResponse response, short version) {
        DescribeAclsResponse ferry = (DescribeAclsResponse) response;
        return new DescribeAclsResponseData().setErrorCode(ferry.error().code())
                .setErrorMessage(ErrorMessages.orNull(ferry.errorMessage()))
                .setResources(AclApis.byResource(ferry.bindings()));
    }
}
