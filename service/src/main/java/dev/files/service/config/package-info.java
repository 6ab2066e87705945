/**
 * The service's configuration: built-in defaults, a YAML or JSON file, then environment variables
 * ({@code a.b.c} is {@code FILES_A_B_C}), each overriding the one before, over the keys the
 * components publish ({@link dev.files.service.config.KnownKeys}); an unknown key or variable stops
 * the start.
 */
package dev.files.service.config;
