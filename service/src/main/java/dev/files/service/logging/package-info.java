/** Logging: the log line format ({@code log.format}: text or JSON lines). */
package dev.files.service.logging;
