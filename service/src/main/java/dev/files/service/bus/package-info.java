/** The event bus transport: one consumer per action at its name; always trusted. */
package dev.files.service.bus;
