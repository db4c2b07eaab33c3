/**
 * Who may do what: the {@link io.ferrymq.broker.security.Principal} of a connection, and the
 * authentication and authorization built on it.
 */
package io.ferrymq.broker.security;
