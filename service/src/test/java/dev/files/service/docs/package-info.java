/**
 * Tests that keep the repository's own documentation true: api.md against openapi.yaml, pages that
 * stand alone, the README walk-through run against the jar, the OpenAPI lint, and the alert rules
 * and dashboard against promtool.
 */
package dev.files.service.docs;
