/** The domain: the file record of API.md, its parts and statuses, and its queryable fields. */
package dev.files.model;
