/** Opens the configured store backends by name and decorates them for the service. */
package dev.files.service.store;
