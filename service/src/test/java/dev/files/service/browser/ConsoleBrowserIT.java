package dev.files.service.browser;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.TestServers;
import dev.files.testing.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Chromium against a real service (SQLite, local storage) behind a proxy that drops
 * one connection in the middle of an upload: drop files, see them uploaded in chunks and processed,
 * filter, tag, download byte-identical, remove and restore. Also: a page of another origin is
 * refused by CORS unless its origin is configured.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String USER = "alice";

  @TempDir static Path dir;
  private static Vertx vertx;
  private static DroppingProxy proxy;
  private static HttpServer allowedPages;
  private static HttpServer otherPages;
  private static FilesServer service;
  private static ChromeDriver browser;
  private static String consoleOrigin;
  private static String allowedOrigin;
  private static String otherOrigin;
  private static Path image;
  private static byte[] imageBytes;

  @BeforeAll
  static void start() throws IOException {
    vertx = Vertx.vertx();
    int servicePort = FreePorts.next();
    proxy = new DroppingProxy(vertx, servicePort);
    consoleOrigin = "http://127.0.0.1:" + await(proxy.listen());
    String api = "http://127.0.0.1:" + servicePort;
    allowedPages = await(CorsPages.listen(vertx, api));
    otherPages = await(CorsPages.listen(vertx, api));
    allowedOrigin = "http://127.0.0.1:" + allowedPages.actualPort();
    otherOrigin = "http://127.0.0.1:" + otherPages.actualPort();
    service =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_HTTP_PORT",
                        String.valueOf(servicePort),
                        "FILES_HTTP_PUBLICURL",
                        consoleOrigin,
                        "FILES_HTTP_CORSORIGINS",
                        allowedOrigin,
                        "FILES_DATA_DIR",
                        dir.resolve("data").toString(),
                        "FILES_STORE_PRIMARY",
                        "sqlite",
                        "FILES_STORE_LIST",
                        "sqlite",
                        "FILES_STORAGE_TYPE",
                        "local",
                        "FILES_PROCESSING_RETRYDELAY",
                        "200ms"))));
    image = dir.resolve("sunset-" + Long.toHexString(new Random().nextLong()) + ".png");
    writeNoiseImage(image, 1400, 1100);
    imageBytes = Files.readAllBytes(image);
    browser = Chromium.start(dir.resolve("chromium-profile"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    TestServers.stop(service);
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  @Order(1)
  void uploadsThroughADroppedConnectionAndProcesses() {
    browser.get(consoleOrigin + "/console/");
    waitFor(() -> browser.findElement(By.id("trusted-form")).isDisplayed());
    browser.findElement(By.id("username")).sendKeys(USER);
    browser.findElement(By.cssSelector("#trusted-form button")).click();
    waitFor(() -> browser.findElement(By.id("app")).isDisplayed());

    assertTrue(imageBytes.length > 3_000_000, "a multi-MB file: " + imageBytes.length);
    // The small file first, with no drops: the drops must reach the big file's chunks alone.
    dropTextFile("notes.txt", "notes about the sunset\n");
    WebElement small = upload("notes.txt");
    waitFor(() -> "processed".equals(small.getDomAttribute("data-state")), () -> small.getText());

    proxy.dropEvery(600_000, 3);
    browser.findElement(By.id("picker")).sendKeys(image.toString());
    WebElement big = upload(image.getFileName().toString());
    waitFor(() -> "processed".equals(big.getDomAttribute("data-state")), () -> big.getText());
    assertEquals(3, proxy.drops(), "the proxy dropped three connections");
    assertTrue(
        Integer.parseInt(big.getDomAttribute("data-retries")) >= 1,
        "the console resumed after the dropped connection");
    waitFor(() -> rows().size() == 2);
    waitFor(() -> thumbnailLoaded(row(image.getFileName().toString())));
  }

  @Test
  @Order(2)
  void filtersTagsAndDownloads() throws Exception {
    String name = image.getFileName().toString();
    browser.findElement(By.id("f-name")).sendKeys(name.substring(0, 14));
    browser.findElement(By.cssSelector("#filters button")).click();
    waitFor(() -> rows().size() == 1 && name.equals(rows().get(0).getDomAttribute("data-name")));

    WebElement row = row(name);
    row.findElement(By.className("tag-input")).sendKeys("Holiday");
    row.findElement(By.cssSelector("button.tag")).click();
    waitFor(() -> row(name).findElement(By.className("tags")).getText().contains("holiday"));

    // The name filter's list shows the same single row: wait until the tag filter's list has
    // replaced it, or the next click lands on a row the page is about to throw away.
    WebElement listedByName = row(name);
    browser.findElement(By.id("f-name")).clear();
    browser.findElement(By.id("f-tag")).sendKeys("holiday");
    browser.findElement(By.cssSelector("#filters button")).click();
    waitFor(
        () ->
            isGone(listedByName)
                && rows().size() == 1
                && name.equals(rows().get(0).getDomAttribute("data-name")));

    row(name).findElement(By.cssSelector("button.download")).click();
    waitFor(() -> !link(name).isEmpty());
    HttpResponse<byte[]> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(link(name))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, download.statusCode());
    assertArrayEquals(imageBytes, download.body(), "downloaded bytes are the uploaded ones");

    browser.findElement(By.id("f-tag")).clear();
    browser.findElement(By.cssSelector("#filters button")).click();
    waitFor(() -> rows().size() == 2);
    waitFor(() -> thumbnailLoaded(row(name)));
    Path screenshot = Path.of("target", "console.png");
    Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Order(3)
  void removesAndRestores() {
    row("notes.txt").findElement(By.cssSelector("button.remove")).click();
    waitFor(() -> rows().size() == 1);
    browser.findElement(By.cssSelector("#removed button.restore")).click();
    waitFor(() -> rows().size() == 2);
  }

  @Test
  @Order(4)
  void anotherOriginIsRefusedUnlessConfigured() {
    browser.get(allowedOrigin + "/");
    waitFor(() -> browser.getTitle().startsWith("done"));
    assertEquals("done: 200", browser.getTitle());
    browser.get(otherOrigin + "/");
    waitFor(() -> browser.getTitle().startsWith("done"));
    assertEquals("done: refused", browser.getTitle());
  }

  private static WebElement upload(String name) {
    waitFor(() -> !browser.findElements(uploadSelector(name)).isEmpty());
    return browser.findElement(uploadSelector(name));
  }

  private static By uploadSelector(String name) {
    return By.cssSelector("#uploads li[data-name='" + name + "']");
  }

  /** Whether the page has dropped this element (a new list was rendered in its place). */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException dropped) {
      return true;
    }
  }

  private static List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#files tbody tr"));
  }

  private static WebElement row(String name) {
    return browser.findElement(By.cssSelector("#files tbody tr[data-name='" + name + "']"));
  }

  private static String link(String name) {
    String href = row(name).findElement(By.className("download-link")).getDomAttribute("href");
    return href == null ? "" : href;
  }

  private static boolean thumbnailLoaded(WebElement row) {
    List<WebElement> images = row.findElements(By.cssSelector("td.thumb img"));
    return !images.isEmpty()
        && Boolean.TRUE.equals(
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0",
                    images.get(0)));
  }

  /** Drops a file on the drop zone the way a browser does: a drop event with a DataTransfer. */
  private static void dropTextFile(String name, String text) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "const dt = new DataTransfer();"
                + "dt.items.add(new File([arguments[1]], arguments[0], {type: 'text/plain'}));"
                + "const zone = document.getElementById('drop');"
                + "zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true,"
                + " cancelable: true}));"
                + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true,"
                + " cancelable: true}));",
            name,
            text);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    waitFor(condition, () -> "");
  }

  private static void waitFor(
      java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> state) {
    try {
      new WebDriverWait(browser, WAIT, Duration.ofMillis(100))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .ignoring(org.openqa.selenium.NoSuchElementException.class)
          .until(d -> condition.getAsBoolean());
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "not reached in "
              + WAIT
              + "; state: "
              + state.get()
              + "; page error: "
              + pageError()
              + "; page: "
              + browser.getCurrentUrl()
              + " "
              + browser.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  private static String pageError() {
    List<WebElement> error = browser.findElements(By.id("error"));
    return error.isEmpty() ? "" : error.get(0).getText();
  }

  private static void writeNoiseImage(Path file, int width, int height) throws IOException {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(42);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int warm = 255 * y / height;
        img.setRGB(x, y, (warm << 16) | (random.nextInt(160) << 8) | random.nextInt(256));
      }
    }
    ImageIO.write(img, "png", file.toFile());
  }
}
