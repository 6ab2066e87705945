/**
 * The runnable service: {@link dev.files.service.Main} and the assembled {@link
 * dev.files.service.FilesServer}.
 */
package dev.files.service;
