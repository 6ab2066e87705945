package dev.files.storage.gcs;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the service's Google credentials: a key file when configured, else ADC. Blocking. */
public final class GoogleCredentialsLoader {
  private GoogleCredentialsLoader() {}

  /**
   * The credentials in {@code credentialsFile} (a service-account key or any credential JSON gcloud
   * writes), or Application Default Credentials when it is null.
   */
  public static GoogleCredentials load(String credentialsFile) {
    try {
      if (credentialsFile == null) {
        return GoogleCredentials.getApplicationDefault();
      }
      try (InputStream in = Files.newInputStream(Path.of(credentialsFile))) {
        return GoogleCredentials.fromStream(in);
      }
    } catch (IOException e) {
      String from = credentialsFile == null ? "Application Default Credentials" : credentialsFile;
      throw new UncheckedIOException("cannot load Google credentials from " + from, e);
    }
  }
}
