/**
 * Benchmarks of the files stores and service: a seeded data set generator, the list benchmark per
 * backend, the service request benchmark and the large-upload benchmark. Each prints a Markdown
 * table and writes it under {@code bench/results/}.
 */
package dev.files.bench;
