/**
 * Processing: the worker verticle that runs files.process for scheduled uploads with retries, the
 * scheduler that signals it, and content inspection (Tika, image headers).
 */
package dev.files.service.process;
