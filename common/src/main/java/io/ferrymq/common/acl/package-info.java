/**
 * Kafka's ACL model, shared by the broker (authorization), the coordinator (the ZooKeeper store),
 * the admin client and the tools: an {@link io.ferrymq.common.acl.AclBinding} is a
 * {@link io.ferrymq.common.acl.ResourcePattern} (topic, group or cluster; literal or prefixed) and an
 * {@link io.ferrymq.common.acl.AccessControlEntry} (principal, host, operation, allow or deny);
 * {@link io.ferrymq.common.acl.AclBindingFilter} selects bindings for DescribeAcls and DeleteAcls.
 * The enums carry Kafka's wire codes and names.
 */
package io.ferrymq.common.acl;
