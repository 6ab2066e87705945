package dev.files.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address is the client's: X-Forwarded-For is believed only through trusted proxies. */
class RequestOriginTest {
  private final RequestOrigin origins = new RequestOrigin(List.of("10.0.0.5", "10.0.0.6"));

  @Test
  void anUntrustedPeerIsTheClientWhateverTheHeaderSays() {
    assertEquals("198.51.100.1", origins.clientAddress("198.51.100.1", "203.0.113.9"));
    assertEquals(
        "198.51.100.1", new RequestOrigin(List.of()).clientAddress("198.51.100.1", "10.0.0.5"));
  }

  @Test
  void throughTrustedProxiesTheLastOtherAddressIsTheClient() {
    assertEquals("203.0.113.9", origins.clientAddress("10.0.0.5", "203.0.113.9"));
    assertEquals(
        "203.0.113.9",
        origins.clientAddress("10.0.0.5", "1.2.3.4, 203.0.113.9, 10.0.0.6"),
        "an address the client wrote itself, further left, is not believed");
  }

  @Test
  void withoutAHeaderOrWithOnlyProxiesTheLeftmostKnownAddressIsUsed() {
    assertEquals("10.0.0.5", origins.clientAddress("10.0.0.5", null));
    assertEquals("10.0.0.6", origins.clientAddress("10.0.0.5", "10.0.0.6"));
    assertEquals("10.0.0.5", origins.clientAddress("10.0.0.5", " "));
  }
}
