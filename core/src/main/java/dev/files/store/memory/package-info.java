/** The in-memory reference store that defines the contract's expected results. */
package dev.files.store.memory;
