/**
 * Clustered mode ({@code cluster.enabled}): the Hazelcast cluster manager built from the {@code
 * cluster.*} keys (TCP/IP member list, no multicast unless asked, or the operator's own Hazelcast
 * XML), the clustered event bus with optional mutual TLS, and the start-up checks that warn when an
 * instance's data is not shared with the others.
 */
package dev.files.service.cluster;
