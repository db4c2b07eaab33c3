package io.ferrymq.broker.group;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Optional;

/** A group's description, or why there is none (e.g. NOT_COORDINATOR). Immutable. */
public record DescribeResult(ErrorCode error, Optional<GroupDescription> description) {
}
