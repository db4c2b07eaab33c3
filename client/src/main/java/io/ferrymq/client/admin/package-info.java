/**
 * The admin client: {@link io.ferrymq.client.admin.Admin} and its implementation
 * {@link io.ferrymq.client.admin.FerryAdmin} manage topics and describe the cluster over the wire protocol.
 * Each call sends one request to some broker, retrying network failures and retriable errors on the next
 * broker until {@code default.api.timeout.ms}. Results are immutable values.
 */
package io.ferrymq.client.admin;
