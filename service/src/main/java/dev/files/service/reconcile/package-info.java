/** The reconciler: files.sync on a timer, and storage finalize events into files.finish. */
package dev.files.service.reconcile;
