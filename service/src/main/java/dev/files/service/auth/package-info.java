/**
 * Who is calling: {@code auth.mode=trusted} believes the body's username, {@code auth.mode=jwt}
 * verifies a bearer token. The event bus is always trusted.
 */
package dev.files.service.auth;
