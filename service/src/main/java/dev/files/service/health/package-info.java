/** {@code GET /health}: every configured store and the storage must answer. */
package dev.files.service.health;
