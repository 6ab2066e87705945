package dev.files.client;

import java.time.Duration;

/**
 * How an {@link Uploader} sends bytes and waits.
 *
 * <p>Defaults: chunks of 8 MiB, 5 resumes per part, resume back-off from 200 ms up to 5 s, 60 s
 * without traffic fails a request, status polled from every 250 ms up to every 2 s, 10 min to wait
 * for processing.
 */
public final class UploaderOptions {
  /** The unit of resumable chunks (the GCS protocol's): 256 KiB. */
  public static final int CHUNK_UNIT = 256 * 1024;

  /** Default chunk size: 8 MiB. The uploader holds one chunk in memory per upload. */
  public static final int DEFAULT_CHUNK_SIZE = 32 * CHUNK_UNIT;

  private int chunkSize = DEFAULT_CHUNK_SIZE;
  private int maxResumes = 5;
  private Duration resumeBackoff = Duration.ofMillis(200);
  private Duration maxResumeBackoff = Duration.ofSeconds(5);
  private Duration idleTimeout = Duration.ofSeconds(60);
  private Duration pollInterval = Duration.ofMillis(250);
  private Duration maxPollInterval = Duration.ofSeconds(2);
  private Duration processingTimeout = Duration.ofMinutes(10);

  public int getChunkSize() {
    return chunkSize;
  }

  /** Bytes per resumable chunk: a positive multiple of {@link #CHUNK_UNIT}. */
  public UploaderOptions setChunkSize(int chunkSize) {
    if (chunkSize <= 0 || chunkSize % CHUNK_UNIT != 0) {
      throw new IllegalArgumentException("chunkSize must be a multiple of 256 KiB: " + chunkSize);
    }
    this.chunkSize = chunkSize;
    return this;
  }

  public int getMaxResumes() {
    return maxResumes;
  }

  /** How many times one part may resume after a dropped connection or a transient failure. */
  public UploaderOptions setMaxResumes(int maxResumes) {
    this.maxResumes = Math.max(0, maxResumes);
    return this;
  }

  public Duration getResumeBackoff() {
    return resumeBackoff;
  }

  /** The wait before the first resume, doubled for each further one. */
  public UploaderOptions setResumeBackoff(Duration resumeBackoff) {
    this.resumeBackoff = resumeBackoff;
    return this;
  }

  public Duration getMaxResumeBackoff() {
    return maxResumeBackoff;
  }

  public UploaderOptions setMaxResumeBackoff(Duration maxResumeBackoff) {
    this.maxResumeBackoff = maxResumeBackoff;
    return this;
  }

  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /** A request to storage that moves no byte for this long fails (and a resumable part resumes). */
  public UploaderOptions setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
    return this;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  /** The first wait between two files.info calls while waiting for processing; doubles. */
  public UploaderOptions setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
    return this;
  }

  public Duration getMaxPollInterval() {
    return maxPollInterval;
  }

  public UploaderOptions setMaxPollInterval(Duration maxPollInterval) {
    this.maxPollInterval = maxPollInterval;
    return this;
  }

  public Duration getProcessingTimeout() {
    return processingTimeout;
  }

  /** How long to wait for {@code processed} or {@code failed} once the bytes are stored. */
  public UploaderOptions setProcessingTimeout(Duration processingTimeout) {
    this.processingTimeout = processingTimeout;
    return this;
  }

  static Duration doubling(Duration first, Duration max, int step) {
    long millis = first.toMillis() << Math.min(step, 20);
    return Duration.ofMillis(Math.max(1, Math.min(millis, max.toMillis())));
  }
}
