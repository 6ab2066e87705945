package dev.files.blob;

/**
 * What an upload URL is bound to.
 *
 * @param bucket target bucket
 * @param object object name ({@code <owner-hash>/<uploadId>/<uuid>.<ext>})
 * @param contentType the type the client must send
 * @param contentLength the exact size
 * @param md5Base64 the MD5 the bytes must have, base64
 * @param resumable a resumable session (true) or a signed single PUT (false)
 * @param expiresSeconds how long the URL or session may be started
 * @param origin CORS origin the session is for, or null
 * @param publicRead whether the object is public from the start
 */
public record UploadRequest(
    String bucket,
    String object,
    String contentType,
    long contentLength,
    String md5Base64,
    boolean resumable,
    long expiresSeconds,
    String origin,
    boolean publicRead) {}
