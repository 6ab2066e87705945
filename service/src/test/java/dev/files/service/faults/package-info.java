/**
 * The fault suite's fuzzing of the HTTP surface: seeded generators of hostile requests, run against
 * one started service per class, asserting that nothing is a 5xx and that every 4xx is the error
 * JSON of the contract.
 */
package dev.files.service.faults;
