package dev.files.service;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}): for what
 * well-behaved clients refuse to send (malformed percent-escapes, odd methods, bodies that stop).
 */
public final class RawHttp {
  private static final int TIMEOUT_MS = 30_000;

  private final String host;
  private final int port;

  public RawHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** A response: status, headers (lower-case names) and body. */
  public record Reply(int status, Map<String, String> headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    /** The error object of an error reply. */
    public JsonObject error() {
      return json().getJsonObject("error");
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Sends {@code method target} with the given headers (name, value pairs) and body, and reads the
   * whole response.
   */
  public Reply send(String method, String target, byte[] body, String... headers) {
    try (Socket socket = open()) {
      OutputStream out = socket.getOutputStream();
      out.write(head(method, target, body.length, headers));
      out.write(body);
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target + " failed", e);
    }
  }

  public Reply send(String method, String target, String body, String... headers) {
    return send(method, target, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** A connected socket with a generous read timeout, for tests that write by hand. */
  public Socket open() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
    socket.setSoTimeout(TIMEOUT_MS);
    return socket;
  }

  /** The request line and headers, with Host, Content-Length and Connection: close added. */
  public byte[] head(String method, String target, long contentLength, String... headers) {
    StringBuilder b = new StringBuilder();
    b.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    b.append("Host: ").append(host).append(':').append(port).append("\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      b.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    b.append("Content-Length: ").append(contentLength).append("\r\n");
    b.append("Connection: close\r\n\r\n");
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads a response until the server closes the connection. */
  public static Reply read(InputStream in) throws IOException {
    byte[] all = readAll(in);
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete response head in: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Everything until the server closes; a reset after a complete response counts as the end. */
  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException e) {
      if (all.size() == 0) {
        throw e;
      }
    }
    return all.toByteArray();
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    String text = new String(chunked, StandardCharsets.ISO_8859_1);
    while (at < chunked.length) {
      int lineEnd = text.indexOf("\r\n", at);
      int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }
}
