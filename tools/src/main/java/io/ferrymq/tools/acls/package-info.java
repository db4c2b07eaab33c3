/**
 * {@code ferry acls}: ACL administration with kafka-acls' options ({@link io.ferrymq.tools.acls.AclOptions}),
 * turned into bindings and filters by {@link io.ferrymq.tools.acls.AclSpecs} and sent with the admin client.
 */
package io.ferrymq.tools.acls;
