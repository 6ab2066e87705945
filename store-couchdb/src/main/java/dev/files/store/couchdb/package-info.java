/**
 * The CouchDB store: one document per record over CouchDB's HTTP API (Vert.x WebClient), alias
 * documents for per-owner alias uniqueness, Mango indexes for files.list, a reduce view for exact
 * totals and reports. It keeps no change feed. Targets Apache CouchDB 3.x and also runs against
 * pouchdb-server (see docs/backends/couchdb.md for the differences).
 */
package dev.files.store.couchdb;
