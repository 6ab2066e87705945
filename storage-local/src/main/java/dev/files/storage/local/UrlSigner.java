package dev.files.storage.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of {@link SignedRequest}s. Fields are length-prefixed before hashing so
 * that no two different field lists sign the same bytes.
 */
final class UrlSigner {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  UrlSigner(byte[] secret) {
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** Lowercase hex HMAC of what the request binds. */
  String sign(SignedRequest request) {
    return sign(request.fields());
  }

  /** Whether {@code signature} signs what the request binds; compared in constant time. */
  boolean verify(String signature, SignedRequest request) {
    if (signature == null) {
      return false;
    }
    byte[] expected = sign(request).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String sign(List<String> fields) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      for (String field : fields) {
        byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
        mac.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        mac.update(bytes);
      }
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /**
   * The configured secret, or the one kept in the secret file, created with 32 random bytes and
   * mode 0600 on first use. Blocking.
   */
  static byte[] loadOrCreateSecret(LocalBlobOptions options) throws IOException {
    if (options.secret() != null && !options.secret().isEmpty()) {
      return options.secret().getBytes(StandardCharsets.UTF_8);
    }
    Path file = options.secretFile();
    if (Files.exists(file)) {
      return readSecret(file);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n");
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException raced) {
      Files.deleteIfExists(tmp);
    }
    return readSecret(file);
  }

  private static byte[] readSecret(Path file) throws IOException {
    String text = Files.readString(file).trim();
    if (text.isEmpty()) {
      throw new IOException("blob signing secret file is empty: " + file);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
