package dev.files.storage.gcs.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies GCS V4 signed URLs (GOOG4-RSA-SHA256) the way Cloud Storage does: rebuilds the canonical
 * request from the URL and the request's headers, checks the RSA signature with the signer's public
 * key and the expiry.
 */
public final class V4Signatures {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private V4Signatures() {}

  /** The decoded query parameters of a URL (last one wins). */
  public static Map<String, String> query(String rawQuery) {
    Map<String, String> m = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return m;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      m.put(decode(k), decode(v));
    }
    return m;
  }

  /** The signed header names of a signed URL, lower case. */
  public static List<String> signedHeaders(String url) {
    String list = query(URI.create(url).getRawQuery()).get("X-Goog-SignedHeaders");
    return list == null ? List.of() : List.of(list.split(";"));
  }

  /**
   * Why the request is not validly signed, or null when it is.
   *
   * @param method the request method
   * @param url the full URL as requested (raw path and query)
   * @param header the request's header values by (any case) name
   * @param keyOf the public key of a signer e-mail, or null when unknown
   * @param now the time to check expiry against
   */
  public static String problem(
      String method,
      URI url,
      Function<String, String> header,
      Function<String, PublicKey> keyOf,
      Instant now) {
    Map<String, String> q = query(url.getRawQuery());
    if (!"GOOG4-RSA-SHA256".equals(q.get("X-Goog-Algorithm"))) {
      return "not a V4 RSA signature";
    }
    String credential = q.get("X-Goog-Credential");
    String date = q.get("X-Goog-Date");
    String expires = q.get("X-Goog-Expires");
    String signed = q.get("X-Goog-SignedHeaders");
    String signature = q.get("X-Goog-Signature");
    if (credential == null || date == null || expires == null || signed == null) {
      return "incomplete signature parameters";
    }
    if (signature == null) {
      return "no signature";
    }
    Instant start = Instant.from(STAMP.parse(date));
    if (now.isAfter(start.plusSeconds(Long.parseLong(expires)))) {
      return "expired";
    }
    int slash = credential.indexOf('/');
    PublicKey key = keyOf.apply(credential.substring(0, slash));
    if (key == null) {
      return "unknown signer " + credential.substring(0, slash);
    }
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n').append(url.getRawPath()).append('\n');
    canonical.append(canonicalQuery(url.getRawQuery())).append('\n');
    for (String name : signed.split(";")) {
      String value = header.apply(name);
      if (value == null) {
        return "signed header " + name + " missing from the request";
      }
      canonical.append(name).append(':').append(value.trim()).append('\n');
    }
    canonical.append('\n').append(signed).append('\n').append("UNSIGNED-PAYLOAD");
    String toSign =
        "GOOG4-RSA-SHA256\n"
            + date
            + "\n"
            + credential.substring(slash + 1)
            + "\n"
            + HexFormat.of().formatHex(sha256(canonical.toString()));
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update(toSign.getBytes(StandardCharsets.UTF_8));
      if (!verifier.verify(HexFormat.of().parseHex(signature.toLowerCase(Locale.ROOT)))) {
        return "signature does not match";
      }
      return null;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "signature does not verify: " + e.getMessage();
    }
  }

  private static String canonicalQuery(String rawQuery) {
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      if (!k.equals("X-Goog-Signature")) {
        pairs.add(new String[] {k, v});
      }
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
