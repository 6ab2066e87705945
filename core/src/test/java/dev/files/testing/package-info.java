/**
 * The test toolkit every module's tests share (core's test-jar): {@link dev.files.testing.Await}
 * blocks a test thread on a Vert.x future with one documented timeout, and {@link
 * dev.files.testing.Eventually} polls a condition that becomes true asynchronously, within a bound.
 *
 * <p>Both block the calling thread: call them from the test thread, never from an event loop.
 */
package dev.files.testing;
