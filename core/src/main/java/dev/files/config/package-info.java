/**
 * Configuration key descriptors: each component publishes the keys it reads ({@link
 * dev.files.config.ConfigKey}: name, type, default, one-line doc), so that the service can merge
 * them into one set of known keys, coerce every value to its declared type and refuse a key nobody
 * reads.
 */
package dev.files.config;
