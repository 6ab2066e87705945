/** The domain: the file record of docs/api.md, its parts and statuses, and its queryable fields. */
package dev.files.model;
