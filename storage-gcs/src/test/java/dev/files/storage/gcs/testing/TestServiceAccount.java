package dev.files.storage.gcs.testing;

import com.google.auth.oauth2.ServiceAccountCredentials;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A service-account key generated at test time (RSA 2048), written as the JSON key file gcloud
 * would hand out; its {@code token_uri} points at a fake token endpoint.
 *
 * @param email the account's e-mail (the signed URLs' credential)
 * @param keys the key pair
 * @param keyFile the JSON key file
 */
public record TestServiceAccount(String email, KeyPair keys, Path keyFile) {

  public static final String KEY_ID = "test-key-1";

  /** Generates a key and writes {@code <dir>/service-account.json}. */
  public static TestServiceAccount generate(Path dir, String tokenUri) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      KeyPair keys = gen.generateKeyPair();
      String email = "files-test@test-project.iam.gserviceaccount.com";
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(keys.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      JsonObject json =
          new JsonObject()
              .put("type", "service_account")
              .put("project_id", "test-project")
              .put("private_key_id", KEY_ID)
              .put("private_key", pem)
              .put("client_email", email)
              .put("client_id", "100000000000000000001")
              .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
              .put("token_uri", tokenUri);
      Files.createDirectories(dir);
      Path file = dir.resolve("service-account.json");
      Files.writeString(file, json.encodePrettily());
      return new TestServiceAccount(email, keys, file);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RSAPublicKey publicKey() {
    return (RSAPublicKey) keys.getPublic();
  }

  /** The credentials read back from the key file, as the service reads them. */
  public ServiceAccountCredentials credentials() {
    try (InputStream in = Files.newInputStream(keyFile)) {
      return ServiceAccountCredentials.fromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
