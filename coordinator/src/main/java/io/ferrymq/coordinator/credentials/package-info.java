/**
 * Users' SCRAM credentials in ZooKeeper, in Kafka's layout ({@code /config/users/<user>}, see
 * {@link io.ferrymq.coordinator.credentials.UserConfigZnode}): {@link
 * io.ferrymq.coordinator.credentials.ZkUserCredentials} reads and writes them directly (the
 * AlterUserScramCredentials handler, {@code ferry users --zookeeper}); the broker authenticates
 * from the watched {@link io.ferrymq.coordinator.credentials.CredentialCache}. Only salted keys are
 * stored, never passwords; PLAIN is checked against the same SCRAM credential.
 */
package io.ferrymq.coordinator.credentials;
