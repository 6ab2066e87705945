/**
 * The transport-neutral API layer: request validation from the OpenAPI document, the one dispatch
 * path both transports use, and the mapping of failures onto the error body of the contract.
 */
package dev.files.service.api;
