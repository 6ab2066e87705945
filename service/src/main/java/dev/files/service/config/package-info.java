/**
 * The service's configuration: built-in defaults, a YAML or JSON file, then environment variables
 * ({@code a.b.c} is {@code FILES_A_B_C}), each overriding the one before.
 */
package dev.files.service.config;
