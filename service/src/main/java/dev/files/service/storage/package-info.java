/**
 * Opens the configured storage ({@code storage.type}) through its provider and wires its routes and
 * meters into the service.
 */
package dev.files.service.storage;
