/** Chooses and opens the configured blob storage ({@code storage.type}). */
package dev.files.service.storage;
