/**
 * The {@code syncer} command line ({@code files.jar syncer backfill|follow|verify [--repair]}):
 * picocli commands the service's main adds as a subcommand.
 */
package dev.files.syncer.cli;
